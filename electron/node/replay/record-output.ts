// The trace file `cascadeflow record` appends to, one finished item a line, so an interrupted
// recording resumes where it stopped: the ids already in the file are skipped. Each line is
// written whole with one append; a line cut short by a crash is the only damage there can be,
// and it is dropped (its item is recorded again).
import { appendFileSync, existsSync, readFileSync, truncateSync } from 'node:fs';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import { parseTrace, parseTraceLine, TraceFormatError, type TraceItem } from '../../../shared/core/replay/trace.ts';
import { counted } from '../../../shared/core/words.ts';

export interface RecordingOutput {
  path: string;
  /** Ids already recorded (skipped on this run). */
  done: ReadonlySet<string>;
  /** True when an unfinished last line (an interrupted write) was removed. */
  repaired: boolean;
  append(item: TraceItem): void;
}

function sameModels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((m) => b.includes(m));
}

/**
 * Opens (or prepares to create) the output for the given models, cheapest first, and answers
 * per model below the top one (the main one plus samples - 1 extra ones). Refuses a file that is not a trace, or that was
 * recorded with other models or another number of answers: resuming it would mix two recordings.
 */
export function openRecordingOutput(path: string, models: readonly string[], samples = 1): RecordingOutput {
  let repaired = false;
  const done = new Set<string>();
  if (existsSync(path)) {
    let text = readFileSync(path, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) {
      const cut = text.lastIndexOf('\n') + 1;
      const tail = text.slice(cut);
      if (parseTraceLine(tail, text.slice(0, cut).split('\n').length).ok) {
        // A complete line without its line break (written by hand): keep it.
        appendFileSync(path, '\n');
        text += '\n';
      } else {
        truncateSync(path, Buffer.byteLength(text.slice(0, cut)));
        text = text.slice(0, cut);
        repaired = true;
      }
    }
    const { items, issues } = parseTrace(text);
    if (issues.length > 0) throw new TraceFormatError(path, issues);
    for (const { item, line } of items) {
      const recorded = Object.keys(item.responses);
      if (!sameModels(recorded, models)) {
        throw new ReplayInputError(
          `${path} line ${line} was recorded with ${recorded.join(', ')}, not ${models.join(', ')}: resume with the same --models, or write to another file with -o`,
        );
      }
      // The top model is left out: it answers once now, and traces recorded before that gave it
      // samples too, which resuming must not refuse.
      for (const model of models.slice(0, -1)) {
        const answers = 1 + (item.responses[model]?.samples?.length ?? 0);
        if (answers !== samples) {
          throw new ReplayInputError(
            `${path} line ${line} was recorded with --samples ${answers} (${counted(answers, 'answer')} of ${model}), not --samples ${samples}: resume with the same --samples, or write to another file with -o`,
          );
        }
      }
      done.add(item.id);
    }
  }
  return {
    path,
    done,
    repaired,
    append(item) {
      // One write of the whole line (O_APPEND): lines of concurrent items never interleave.
      appendFileSync(path, `${JSON.stringify(item)}\n`);
    },
  };
}
