// The trace format `replay` reads and the importers write (docs: /work/shared/data/README.md):
// one JSON object a line with the prompt and each model's recorded answer and label.
// Unknown fields are kept (reports may use them); a bad line is an error, never skipped.
import { z } from 'zod';
import { counted } from '../words.ts';

const tokenCount = z.number().int().nonnegative();

export const traceUsageSchema = z.looseObject({
  input_tokens: tokenCount,
  output_tokens: tokenCount,
  cached_input_tokens: tokenCount.optional(),
});

/** `source` of the items `cascadeflow import ledger` writes. */
export const LEDGER_SOURCE = 'ledger';

/** Where a response's label came from (`label_source`). */
export const LABEL_SOURCES = ['feedback', 'agreement'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

export const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter', 'other'] as const;

/** Most extra answers a response may carry (`samples`). */
export const MAX_RECORDED_SAMPLES = 16;

/** One extra answer of a model (see `samples` below). */
export const recordedSampleSchema = z.looseObject({
  text: z.string(),
  usage: traceUsageSchema.optional(),
  cost_usd: z.number().finite().nonnegative().optional(),
  finish_reason: z.enum(FINISH_REASONS).optional(),
});

export const recordedResponseSchema = z.looseObject({
  text: z.string(),
  /** Final answer right or wrong: averaged as accuracy. Wins over `score` when both are given. */
  correct: z.boolean().optional(),
  /** A grade (e.g. a judge's 1-10): averaged as a mean score. */
  score: z.number().finite().optional(),
  /**
   * Whether the answer agrees with the recording's top model (`cascadeflow record` without an
   * expected answer; the top model agrees with itself). Used only when no answer of the replayed
   * models has `correct` or `score`: quality is then the share that agrees with the top model.
   */
  agrees_with_top: z.boolean().optional(),
  /**
   * Which of the labels above a replay uses, where a trace says so: `feedback` (the user's rating,
   * written as `correct`) or `agreement` (`agrees_with_top`). The ledger importer writes it, as a
   * query the user rated has only the rated answer and those agreeing with it labelled: its other
   * answers are labelled by agreement with the top tier's, and a replay averages both as accuracy.
   */
  label_source: z.enum(LABEL_SOURCES).optional(),
  usage: traceUsageSchema.optional(),
  cost_usd: z.number().finite().nonnegative().optional(),
  /**
   * The model ran on the recorder's own hardware (open weights): replay prices it with the
   * energy model, as `--local` would, unless the user gives it a price.
   */
  local: z.boolean().optional(),
  /** How the recorded answer ended; `stop` when absent. */
  finish_reason: z.enum(FINISH_REASONS).optional(),
  /**
   * More answers of the same model to the same prompt, drawn at a sampling temperature
   * (`cascadeflow record --samples k`). Replay serves them to the consistency check of a tier
   * with `samples`; their labels, if any, are not used (quality is the answer's above).
   */
  samples: z.array(recordedSampleSchema).max(MAX_RECORDED_SAMPLES).optional(),
});

export const traceMessageSchema = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
});

export const traceItemSchema = z.looseObject({
  id: z.string({ error: 'required, a non-empty string' }).min(1, 'required, a non-empty string'),
  messages: z
    .array(traceMessageSchema)
    .min(1)
    .refine((m) => m[m.length - 1]?.role === 'user', 'the last message must be the user\'s (the one the answers reply to)'),
  category: z.string().optional(),
  /**
   * Where the item was recorded: `ledger` for the app's own queries (`cascadeflow import
   * ledger`), which are only those answered by more than one tier, so a replay says its set is
   * not a sample of the user's traffic. Absent for a benchmark or `record`.
   */
  source: z.string().optional(),
  responses: z.record(z.string().min(1, 'a model id is empty'), recordedResponseSchema).refine((r) => Object.keys(r).length > 0, 'needs at least one model\'s response'),
});

export type TraceUsage = z.infer<typeof traceUsageSchema>;
export type RecordedResponse = z.infer<typeof recordedResponseSchema>;
export type RecordedSample = z.infer<typeof recordedSampleSchema>;
export type TraceMessage = z.infer<typeof traceMessageSchema>;
export type TraceItem = z.infer<typeof traceItemSchema>;

export interface TraceLine {
  /** 1-based line in the file. */
  line: number;
  item: TraceItem;
}

export interface TraceIssue {
  line: number;
  message: string;
}

/** Zod's words for a type, as a reader of the file would put them. */
const TYPE_WORDS: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'a string', boolean: 'true or false', array: 'a list', record: 'an object', object: 'an object' };

/**
 * Zod's wording made short and plain: "responses.gpt-4.text: expected string, received number",
 * "usage.input_tokens: must be at least 0". A message the schema gives (e.g. "id: required, a
 * non-empty string") is used as it is; zod's own defaults ("Invalid input", "Too small: ...")
 * are reworded, as they do not say what is expected.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  const custom = !/^(Invalid|Too small|Too big|Unrecognized)/.test(issue.message);
  if (custom) return `${path}${issue.message}`;
  if (issue.code === 'invalid_type') {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    const expected = issue.expected === 'int' ? 'a whole number' : issue.expected;
    return received === 'undefined' ? `${path}missing (expected ${expected})` : `${path}expected ${expected}${received ? `, received ${received}` : ''}`;
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    const small = issue.code === 'too_small';
    if (issue.origin === 'string') return small && bound === 1 ? `${path}must not be empty` : `${path}must have ${small ? 'at least' : 'at most'} ${counted(bound, 'character')}`;
    if (issue.origin === 'array' || issue.origin === 'set') return small && bound === 1 ? `${path}must not be empty (at least one item)` : `${path}must have ${small ? 'at least' : 'at most'} ${counted(bound, 'item')}`;
    if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
      const inclusive = issue.inclusive !== false;
      return `${path}must be ${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${bound}`;
    }
  }
  if (issue.code === 'invalid_key') {
    // The path ends with the bad key itself, which may be "": name the object instead.
    const where = issue.path.length > 1 ? `${issue.path.slice(0, -1).map(String).join('.')}: ` : '';
    return `${where}a key is not valid (${issue.issues.map((i) => describeIssue({ ...i, path: [] } as z.core.$ZodIssue)).join('; ')})`;
  }
  if (issue.code === 'invalid_union') {
    // Which alternative the value was meant for is unknown: name what each expects.
    const expected = [...new Set(issue.errors.flatMap((e) => e.filter((i) => i.code === 'invalid_type').map((i) => TYPE_WORDS[i.expected] ?? i.expected)))];
    if (expected.length > 0) return `${path}expected ${expected.join(' or ')}`;
  }
  return `${path}${issue.message.replace(/^Invalid (input|option):\s*/, '')}`;
}

/** One JSONL line checked against a schema, with every problem reported under its line number. */
export function parseJsonLine<T>(schema: z.ZodType<T>, text: string, line: number): { ok: true; value: T } | { ok: false; issues: TraceIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ line, message: `not valid JSON (${(e as Error).message})` }] };
  }
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ line, message: describeIssue(i) })) };
}

export function parseTraceLine(text: string, line: number): { ok: true; item: TraceItem } | { ok: false; issues: TraceIssue[] } {
  const r = parseJsonLine(traceItemSchema, text, line);
  return r.ok ? { ok: true, item: r.value } : r;
}

/**
 * Every non-blank line of a JSONL document parsed with `parseLine`; a bad line is reported with
 * its number, and so is a duplicate id (the first use keeps the id).
 */
export function parseJsonLines<T extends { id: string }>(
  text: string,
  parseLine: (body: string, line: number) => { ok: true; item: T } | { ok: false; issues: TraceIssue[] },
): { items: { line: number; item: T }[]; issues: TraceIssue[] } {
  const items: { line: number; item: T }[] = [];
  const issues: TraceIssue[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const body = (lines[k] as string).replace(/\r$/, '');
    if (body.trim() === '') continue;
    const line = k + 1;
    const r = parseLine(body, line);
    if (!r.ok) {
      issues.push(...r.issues);
      continue;
    }
    const first = seen.get(r.item.id);
    if (first !== undefined) {
      issues.push({ line, message: `id: "${r.item.id}" is already used on line ${first}` });
      continue;
    }
    seen.set(r.item.id, line);
    items.push({ line, item: r.item });
  }
  return { items, issues };
}

/** Every line of a JSONL trace (see parseJsonLines). */
export function parseTrace(text: string): { items: TraceLine[]; issues: TraceIssue[] } {
  return parseJsonLines(text, parseTraceLine);
}

export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
  constructor(
    readonly source: string,
    readonly issues: TraceIssue[],
  ) {
    const shown = issues.slice(0, 20).map((i) => `  line ${i.line}: ${i.message}`);
    const more = issues.length > 20 ? [`  ...and ${issues.length - 20} more`] : [];
    super([`${source} is not a valid trace (${counted(issues.length, 'problem')}):`, ...shown, ...more].join('\n'));
  }
}

/** Where the trace format is described, for errors that mean "this is not a trace at all". */
export const TRACE_FORMAT_DOC = 'one JSON object a line, {"id", "messages", "responses": {"<model>": {"text", ...}}}; the format is in examples/README.md';

/**
 * A file that is not a trace at all, told once instead of an error on every line: RouteLLM's
 * recordings or a ledger database (which `cascadeflow import` converts), or a first line that is
 * not JSON.
 */
function notATrace(text: string, source: string): TraceIssue | null {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() !== '');
  if (at < 0) return null;
  const first = (lines[at] as string).replace(/\r$/, '').replace(/^\uFEFF/, '');
  const line = at + 1;
  const file = source.includes(' ') ? '<file>' : source;
  // The header every SQLite file starts with: most likely the app's ledger.
  if (first.startsWith('SQLite format 3\u0000')) {
    return { line, message: `this is a SQLite database (the app's ledger?), not a trace: turn its queries answered by more than one model into one with \`cascadeflow import ledger ${file} -o trace.jsonl\`` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(first);
  } catch {
    const columns = first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    if (columns.includes('prompt') && columns.some((c) => c.endsWith('_response'))) {
      return { line, message: `this looks like RouteLLM's GSM8K CSV, not a trace: convert it with \`cascadeflow import routellm-gsm8k ${file} -o trace.jsonl\`` };
    }
    return {
      line,
      message: `not JSON, so this is not a JSONL trace (${TRACE_FORMAT_DOC}); if it is RouteLLM's GSM8K CSV, convert it with \`cascadeflow import routellm-gsm8k ${file} -o trace.jsonl\``,
    };
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('responses' in raw) && 'question_id' in raw) {
    const what = 'judge' in raw ? 'judgements' : 'questions';
    const command = what === 'judgements' ? `cascadeflow import routellm-mtbench ${file} --questions mt_bench_questions.jsonl -o trace.jsonl` : `cascadeflow import routellm-mtbench mt_bench_judgements.jsonl --questions ${file} -o trace.jsonl`;
    return { line, message: `this looks like RouteLLM's MT-Bench ${what}, not a trace: convert them with \`${command}\`` };
  }
  return null;
}

/** Parses a trace and throws TraceFormatError listing every bad line. */
export function readTraceText(text: string, source = 'the trace'): TraceLine[] {
  const { items, issues } = parseTrace(text);
  if (issues.length > 0) {
    // Only when no line is a trace item: a trace with a few bad lines is still a trace.
    const whole = items.length === 0 ? notATrace(text, source) : null;
    throw new TraceFormatError(source, whole ? [whole] : issues);
  }
  if (items.length === 0) throw new TraceFormatError(source, [{ line: 1, message: `the trace has no items: a trace is ${TRACE_FORMAT_DOC}` }]);
  return items;
}

/** One JSON object per line, in the order given. */
export function toJsonl(items: readonly TraceItem[]): string {
  return items.map((i) => JSON.stringify(i)).join('\n') + (items.length > 0 ? '\n' : '');
}

/** The label of a response as a number: 1/0 for correct/wrong, else the score, else null. */
export function labelOf(r: RecordedResponse): number | null {
  if (r.correct !== undefined) return r.correct ? 1 : 0;
  if (r.score !== undefined) return r.score;
  return null;
}

/** The trace item comes from the app's ledger (see `source`). */
export function isFromLedger(item: TraceItem): boolean {
  return item.source === LEDGER_SOURCE;
}

/** 1/0 for agrees/disagrees with the recording's top model; null when not recorded. */
export function agreementLabelOf(r: RecordedResponse): number | null {
  return r.agrees_with_top === undefined ? null : r.agrees_with_top ? 1 : 0;
}
