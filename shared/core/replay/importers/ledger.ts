// The app's own ledger as a trace: queries for which more than one model answered — escalated
// ones (the rejected draft and the verifier's answer) and audited ones (the accepted draft and
// the top tier's audit answer). The user's thumbs up/down labels the answer they were shown.
// A drafter's consistency samples (role 'sample') are not answers of their own: they become the
// `samples` of that model's recorded response, which replay serves to the consistency check.
// Labels: the user's thumbs up/down where they gave one, on the rated answer and on every answer
// that agrees with it, and a thumbs-up's "wrong" on a top tier's answer that disagrees with it
// (`label_source: "feedback"`), else agreement with the configured top tier's answer as
// `cascadeflow record` labels without an expected answer (`label_source: "agreement"`). Every
// item says `source: "ledger"`: the set is biased (see LEDGER_BIAS_NOTE), and a replay says so.
import type { ChatMessage } from '../../model.ts';
import { nanoToUsd } from '../../pricing/money.ts';
import type { AnswerKind } from '../prompt-set.ts';
import { agreementKindOf, agreesWithTop } from '../record-labels.ts';
import { LEDGER_SOURCE, MAX_RECORDED_SAMPLES, type LabelSource, type RecordedResponse, type RecordedSample, type TraceItem } from '../trace.ts';

/** What the import and every replay of a ledger trace say about the set it measures. */
export const LEDGER_BIAS_NOTE =
  'a ledger trace holds only the queries the live validator escalated or that were audited (answered by more than one tier), not a sample of all your traffic: escalation rate and savings measured on it are not those of your whole traffic';

export interface LedgerCallInput {
  seq: number;
  provider: string;
  model: string;
  tier: number;
  role: string;
  status: string;
  text: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  costNano: number | null;
}

export interface LedgerAuditInput {
  topModel: string;
  topAnswer: string;
  costNano: number | null;
}

export interface LedgerQueryInput {
  id: string;
  createdAt: number;
  domain: string;
  prompt: string;
  status: string;
  finalModel: string;
  escalated: boolean;
  feedback: 'up' | 'down' | null;
  /** Index of the configured top tier when the query ran (0 = a single tier): whose answer is the reference. */
  topTier: number;
  /** The conversation up to and including the user message this query answered, when known. */
  history: ChatMessage[] | null;
  calls: LedgerCallInput[];
  audits: LedgerAuditInput[];
}

function usageOf(c: LedgerCallInput): NonNullable<RecordedResponse['usage']> {
  return { input_tokens: c.inputTokens, output_tokens: c.outputTokens, cached_input_tokens: c.cachedInputTokens };
}

/** Null when fewer than two models answered the query (nothing to compare). */
export function ledgerTraceItem(q: LedgerQueryInput): TraceItem | null {
  const responses: Record<string, RecordedResponse> = {};
  const succeeded = q.calls.filter((c) => c.status === 'ok' && c.role !== 'audit' && c.text.length > 0).sort((a, b) => a.seq - b.seq);
  for (const c of succeeded) {
    if (c.role === 'sample') continue;
    const r: RecordedResponse = { text: c.text, usage: usageOf(c), provider: c.provider, tier: c.tier };
    if (c.costNano !== null) r.cost_usd = nanoToUsd(c.costNano);
    responses[c.model] = r;
  }
  for (const c of succeeded) {
    // A sample whose draft failed has nothing to agree with: left out.
    const drafted = Object.hasOwn(responses, c.model) ? responses[c.model] : undefined;
    if (c.role !== 'sample' || drafted === undefined || (drafted.samples?.length ?? 0) >= MAX_RECORDED_SAMPLES) continue;
    const sample: RecordedSample = { text: c.text, usage: usageOf(c) };
    if (c.costNano !== null) sample.cost_usd = nanoToUsd(c.costNano);
    drafted.samples = [...(drafted.samples ?? []), sample];
  }
  // The reference is the configured top tier's answer: its own call, or an audit (always the top
  // tier's). The highest tier that answered is not it: a three-tier query that stopped at the
  // middle tier unaudited has no reference, so only a rating labels its answers.
  let topModel: string | null = null;
  for (const c of succeeded) if (c.role !== 'sample' && c.tier === q.topTier) topModel = c.model;
  for (const a of q.audits) {
    if (Object.hasOwn(responses, a.topModel) || a.topAnswer.length === 0) continue;
    responses[a.topModel] = { text: a.topAnswer, ...(a.costNano !== null ? { cost_usd: nanoToUsd(a.costNano) } : {}), audit: true };
    topModel = a.topModel;
  }
  if (Object.keys(responses).length < 2) return null;

  const history = q.history && q.history.length > 0 && q.history[q.history.length - 1]?.role === 'user' ? q.history : null;
  const messages = history ? history.map((m) => ({ role: m.role, content: m.content })) : [{ role: 'user' as const, content: q.prompt }];
  const reference = labelByFeedbackThenAgreement(q, responses, topModel, messages);
  return {
    id: `ledger-${q.id}`,
    messages,
    category: q.domain,
    source: LEDGER_SOURCE,
    query_id: q.id,
    created_at: q.createdAt,
    escalated: q.escalated,
    ...(reference !== null ? { reference_model: reference } : {}),
    responses,
  };
}

/**
 * A rating covers the answer the user rated and every answer that agrees with it (agreesWithTop
 * against the rated answer, the one agreement rule): thumbs down on a draft makes an audit that
 * gives the same answer wrong too, thumbs up makes it right. A thumbs-up also says the top tier's
 * answer is wrong when it disagrees with the rated one (the user took the other answer), and so
 * is every answer agreeing with it, as a thumbs-down on it would say. Every answer gets
 * `agrees_with_top` against the top tier's, and those no rating covers are labelled by it. Unless
 * there is no top tier's answer, or it is known wrong (rated down, contradicted by a thumbs-up, or
 * agreeing with an answer rated down): agreeing with it says nothing, so the other answers stay
 * unlabelled (a replay sets such a query aside). Returns the reference model, or null when
 * agreement was not used.
 */
function labelByFeedbackThenAgreement(q: LedgerQueryInput, responses: Record<string, RecordedResponse>, topModel: string | null, messages: ChatMessage[]): string | null {
  const kind = agreementKindOf({ messages, category: q.domain });
  const rated = Object.hasOwn(responses, q.finalModel) && q.feedback !== null && (q.status === 'ok' || q.status === 'unverified') ? responses[q.finalModel] : undefined;
  const top = topModel !== null && Object.hasOwn(responses, topModel) ? responses[topModel] : undefined;
  if (rated) {
    labelByRating(responses, rated, q.feedback === 'up', kind);
    // The rating covers the answers agreeing with the rated one first: an answer agreeing with both keeps its "right".
    if (q.feedback === 'up' && top !== undefined && !agreesWithTop(top, rated, kind)) labelByRating(responses, top, false, kind, { keep: true });
  }
  if (top === undefined || top.correct === false) return null;
  for (const r of Object.values(responses)) {
    r.agrees_with_top = agreesWithTop(r, top, kind);
    r.label_source ??= 'agreement';
  }
  return topModel;
}

/** `answer` and every answer agreeing with it are right or wrong by the user's rating; `keep`: those it already labels stay as they are. */
function labelByRating(responses: Record<string, RecordedResponse>, answer: RecordedResponse, right: boolean, kind: AnswerKind, opts: { keep?: boolean } = {}): void {
  for (const r of Object.values(responses)) {
    if (!agreesWithTop(r, answer, kind) || (opts.keep && r.correct !== undefined)) continue;
    r.correct = right;
    r.label_source = 'feedback' satisfies LabelSource;
  }
}

/** Answers of ledger items by where their label came from, for the import's summary. */
export function ledgerLabelCounts(items: readonly TraceItem[]): Record<LabelSource | 'none', number> {
  const counts = { feedback: 0, agreement: 0, none: 0 };
  for (const item of items) for (const r of Object.values(item.responses)) counts[r.label_source ?? 'none']++;
  return counts;
}
