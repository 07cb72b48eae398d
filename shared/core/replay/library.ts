// What the app's Replay view knows about a trace before running it: its queries, the models
// that answered and whether each has a price, and how quality is measured. Pure: the files are
// read in electron/node/replay/trace-library.ts.
import type { QualityMetric } from './prepare.ts';
import type { TraceLine } from './trace.ts';

/**
 * The largest trace the app imports, in characters (about bytes): the whole file crosses the API
 * as one string (the browser transport's body limit is sized from this). The command line reads any size.
 */
export const TRACE_IMPORT_MAX_CHARS = 8_000_000;

const LIMIT_WORDS = `${TRACE_IMPORT_MAX_CHARS / 1_000_000} MB`;

/** Why a file too big to import is refused, and the way that works at any size. */
export function traceTooBigMessage(file: string | null): string {
  const subject = file ? `${file} is larger than ${LIMIT_WORDS}` : `The file is larger than ${LIMIT_WORDS}`;
  return `${subject}, the most the app imports. Replay it from the command line, which reads a trace of any size: \`cascadeflow replay ${file ?? 'trace.jsonl'} --tiers drafter,verifier --sweep\`.`;
}

export interface ReplayTraceModel {
  model: string;
  /** Queries this model answered. */
  answers: number;
  /** A price is known (list price, your config) or every answer carries its own cost_usd. */
  priced: boolean;
  /** "$10.00 in / $30.00 out per 1M tokens", "recorded cost_usd", "price unknown"... */
  price: string;
  /**
   * Every answer says it ran on the recorder's own hardware (`local: true`): priced by
   * electricity unless the user gives it a price, so the app offers the same choice as for an
   * unpriced model.
   */
  recordedLocal: boolean;
  /**
   * Extra answers recorded beside every one of its answers (`cascadeflow record --samples`): the
   * fewest over its answers, 0 when any has none. A replay with this model drafting can draw up
   * to 1 + samples answers per query (at most MAX_SAMPLES) without leaving a query out.
   */
  samples: number;
}

export interface ReplayTraceInfo {
  id: string;
  name: string;
  source: 'bundled' | 'imported';
  description: string;
  queries: number;
  metric: QualityMetric;
  /** Most answers first (the usual drafter/verifier pair of a benchmark recording). */
  models: ReplayTraceModel[];
  categories: string[];
  /** Epoch ms; null for a bundled trace. */
  importedAt: number | null;
}

/**
 * A trace in the library that cannot be read (a file edited by hand, damaged, or written by a
 * version whose format this one refuses): listed apart, so the others stay usable.
 */
export interface UnreadableTrace {
  id: string;
  name: string;
  /** Where it is, to fix or delete it. */
  file: string;
  problem: string;
}

/** How a trace's answers are labelled, as a replay of all its models would measure quality. */
export function traceMetricOf(lines: readonly TraceLine[]): QualityMetric {
  let correct = false;
  let score = false;
  let agreement = false;
  for (const { item } of lines) {
    for (const r of Object.values(item.responses)) {
      if (r.correct !== undefined) correct = true;
      else if (r.score !== undefined) score = true;
      else if (r.agrees_with_top !== undefined) agreement = true;
    }
  }
  return correct ? 'accuracy' : score ? 'score' : agreement ? 'agreement' : 'none';
}

/**
 * Each model with the number of queries it answered and the fewest extra samples recorded with
 * an answer, most answers first, then by name.
 */
export function answerCounts(lines: readonly TraceLine[]): { model: string; answers: number; allCosted: boolean; samples: number }[] {
  const counts = new Map<string, { answers: number; allCosted: boolean; samples: number }>();
  for (const { item } of lines) {
    for (const [model, r] of Object.entries(item.responses)) {
      const c = counts.get(model) ?? { answers: 0, allCosted: true, samples: Number.POSITIVE_INFINITY };
      c.answers++;
      if (r.cost_usd === undefined) c.allCosted = false;
      c.samples = Math.min(c.samples, r.samples?.length ?? 0);
      counts.set(model, c);
    }
  }
  return [...counts.entries()].map(([model, c]) => ({ model, ...c })).sort((a, b) => b.answers - a.answers || a.model.localeCompare(b.model));
}

export function categoriesOf(lines: readonly TraceLine[]): string[] {
  return [...new Set(lines.flatMap((l) => (l.item.category ? [l.item.category] : [])))].sort();
}
