// Trace files on disk, and the importers that turn benchmark recordings and the app's ledger
// into traces.
import { readFileSync, writeFileSync } from 'node:fs';
import { ImportFormatError } from '../../../shared/core/replay/importers/errors.ts';
import { gsm8kTraceFromCsv } from '../../../shared/core/replay/importers/gsm8k.ts';
import { ledgerTraceItem } from '../../../shared/core/replay/importers/ledger.ts';
import { mtbenchTrace, type MtBenchImportOptions } from '../../../shared/core/replay/importers/mtbench.ts';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import { readTraceText, toJsonl, type TraceItem, type TraceLine } from '../../../shared/core/replay/trace.ts';
import { openLedgerReadonly, readLedgerQueries, type LedgerRange } from './ledger-source.ts';

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReplayInputError(`cannot read the ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
  }
}

/** Reads and validates a trace; throws TraceFormatError listing every bad line. */
export function readTraceFile(path: string): TraceLine[] {
  return readTraceText(readTextFile(path, 'trace'), path);
}

export function writeTraceFile(path: string, items: readonly TraceItem[]): void {
  writeFileSync(path, toJsonl(items));
}

/** An importer's format error ("line 3: ...") as an input error that names the file it is about. */
function naming<T>(source: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ImportFormatError) throw new ReplayInputError(`cannot import ${source}: ${e.message}`);
    throw e;
  }
}

export function importGsm8kFile(csvPath: string): TraceItem[] {
  const text = readTextFile(csvPath, 'GSM8K CSV');
  return naming(`${csvPath} as RouteLLM's GSM8K CSV (gsm8k_responses.csv)`, () => gsm8kTraceFromCsv(text));
}

export function importMtBenchFiles(judgementsPath: string, questionsPath: string, opts: MtBenchImportOptions = {}): TraceItem[] {
  const judgements = readTextFile(judgementsPath, 'MT-Bench judgements');
  const questions = readTextFile(questionsPath, 'MT-Bench questions');
  return naming(`the MT-Bench judgements ${judgementsPath} with the questions ${questionsPath}`, () => mtbenchTrace(judgements, questions, opts));
}

/** Queries of the ledger that more than one model answered, as trace items. */
export function importLedgerFile(dbPath: string, range: LedgerRange): { items: TraceItem[]; scanned: number } {
  const db = openLedgerReadonly(dbPath);
  try {
    const queries = readLedgerQueries(db, range);
    const items = queries.map(ledgerTraceItem).filter((i): i is TraceItem => i !== null);
    return { items, scanned: queries.length };
  } finally {
    db.close();
  }
}
