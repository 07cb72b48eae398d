// Labels and trace items for `cascadeflow record`: each live answer is judged against the prompt
// set's expected answer when it has one (`correct`), else against the top model's answer
// (`agrees_with_top`, the top model agreeing with itself). Both comparisons reuse the audit's
// compareAnswers, so "the same answer" means the same thing in the app and in a recording.
import { compareAnswers, extractChoice, extractFinalNumber } from '../cascade/agreement.ts';
import type { FinishReason, ReportedUsage } from '../model.ts';
import { nanoToUsd } from '../pricing/money.ts';
import { detectDomain } from '../routing/detect-domain.ts';
import type { AnswerKind, PromptItem } from './prompt-set.ts';
import type { RecordedResponse, RecordedSample, TraceItem } from './trace.ts';

/** Lower case, compatibility-normalized, punctuation as spaces, single spaces. */
function normalized(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Expected texts this long (in words) may also match by word overlap, as audits compare prose. */
const OVERLAP_MIN_WORDS = 4;

/**
 * Is `answer` right? Numbers: the answer's final number equals the expected one. Choices: the
 * chosen letter is the expected one. Text: the normalized answer contains the expected text as
 * whole words ("Paris" in "The capital is Paris."), or, for a longer expected text, their words
 * overlap as compareAnswers requires.
 */
export function matchesExpected(answer: string, expected: string, kind: AnswerKind): boolean {
  if (kind === 'number') {
    if (extractFinalNumber(answer) === null || extractFinalNumber(expected) === null) return false;
    const r = compareAnswers(answer, expected, 'number');
    return r.basis === 'number' && r.agrees;
  }
  if (kind === 'choice') {
    if (extractChoice(answer) === null || extractChoice(expected) === null) return false;
    return compareAnswers(answer, expected, 'choice').agrees;
  }
  const want = normalized(expected);
  if (want === '') return false;
  if (` ${normalized(answer)} `.includes(` ${want} `)) return true;
  return want.split(' ').length >= OVERLAP_MIN_WORDS && compareAnswers(answer, expected, 'text').agrees;
}

/** How two models' answers to a prompt without an expected answer are compared. */
export function agreementKindOf(prompt: Pick<PromptItem, 'messages' | 'category' | 'expects'>): AnswerKind {
  if (prompt.expects) return prompt.expects;
  const last = prompt.messages[prompt.messages.length - 1]?.content ?? '';
  // As the audit does: math questions are compared by their final number.
  return prompt.category === 'math' || detectDomain(last).domain === 'math' ? 'number' : 'text';
}

/**
 * The agreement label of an answer without an expected one: does it give the top answer's
 * answer? The top answer agrees with itself. `record` and the ledger importer label by this one rule.
 */
export function agreesWithTop<T extends { text: string }>(answer: T, top: T, kind: AnswerKind): boolean {
  return answer === top || compareAnswers(answer.text, top.text, kind).agrees;
}

/** One extra answer of a model (`cascadeflow record --samples`): recorded, never labelled. */
export interface LiveSample {
  text: string;
  usage: ReportedUsage;
  /** True when the provider reported no usage and the tokens were counted from the text. */
  usageCounted: boolean;
  /** Null when the model has no known price. */
  costNano: number | null;
  finishReason: FinishReason | null;
}

export interface LiveAnswer extends LiveSample {
  model: string;
  provider: string;
  latencyMs: number;
  /**
   * The model ran on the recorder's own hardware (a local tier, or priced by energy): written as
   * `"local": true`, so a replay elsewhere prices it by electricity without `--local`.
   */
  local?: boolean;
  /** The extra answers drawn at a sampling temperature, in order (`sample: 1, 2...`). */
  samples?: readonly LiveSample[];
}

/** Trace finish reasons; a cancelled answer is never recorded. */
function finishOf(reason: FinishReason | null): NonNullable<RecordedResponse['finish_reason']> {
  return reason === 'stop' || reason === 'length' || reason === 'tool_calls' || reason === 'content_filter' ? reason : 'other';
}

function usageOf(a: LiveSample): NonNullable<RecordedSample['usage']> {
  return { input_tokens: a.usage.inputTokens, output_tokens: a.usage.outputTokens, cached_input_tokens: a.usage.cachedInputTokens };
}

function recordedSample(s: LiveSample): RecordedSample {
  const r: RecordedSample = { text: s.text, usage: usageOf(s), finish_reason: finishOf(s.finishReason) };
  if (s.usageCounted) r.usage_counted = true;
  if (s.costNano !== null) r.cost_usd = nanoToUsd(s.costNano);
  return r;
}

/**
 * One trace line: the prompt, each model's answer in order (the top model last) and its label,
 * and the model's extra answers when it has any. Labels judge the main answer only.
 */
export function recordedTraceItem(prompt: PromptItem, answers: readonly LiveAnswer[], recordedAt: string): TraceItem {
  const top = answers[answers.length - 1];
  if (!top) throw new Error('a recorded item needs at least one answer');
  const responses: TraceItem['responses'] = {};
  const agreementKind = prompt.expected === undefined ? agreementKindOf(prompt) : 'text';
  for (const a of answers) {
    const r: RecordedResponse = {
      text: a.text,
      usage: usageOf(a),
      finish_reason: finishOf(a.finishReason),
      provider: a.provider,
      latency_ms: Math.round(a.latencyMs),
    };
    if (a.usageCounted) r.usage_counted = true;
    if (a.costNano !== null) r.cost_usd = nanoToUsd(a.costNano);
    if (a.local === true) r.local = true;
    if (prompt.expected !== undefined) r.correct = matchesExpected(a.text, prompt.expected, prompt.expects ?? 'text');
    else r.agrees_with_top = agreesWithTop(a, top, agreementKind);
    if (a.samples !== undefined && a.samples.length > 0) r.samples = a.samples.map(recordedSample);
    responses[a.model] = r;
  }
  const item: TraceItem = { id: prompt.id, messages: prompt.messages.map((m) => ({ role: m.role, content: m.content })), responses };
  if (prompt.category !== undefined) item.category = prompt.category;
  if (prompt.expected !== undefined) {
    item.expected = prompt.expected;
    item.label = 'expected';
  } else {
    item.label = 'agreement';
    item.reference_model = top.model;
  }
  item.recorded_at = recordedAt;
  return item;
}
