// Generates a realistic, deterministic ledger history as the engine would have recorded it:
// queries spread over the days with growth, weekly and daily rhythms; cascades that accept the
// local draft or escalate (about 30%), fail, get cancelled or return an unverified draft;
// list, energy and unknown prices; users who join over time; audits of accepted drafts.
import type { Complexity } from '../../shared/core/config/schema.ts';
import type { AuditRecord, CallRecord, QueryRecord } from '../../shared/core/ledger/types.ts';
import { energyCostNano } from '../../shared/core/pricing/energy.ts';
import { sumKnownNano } from '../../shared/core/pricing/money.ts';
import {
  COMPLEXITIES,
  ENERGY,
  FEATURES,
  GROWTH,
  HOURLY,
  PROFILES,
  REASONS,
  REJECT_RATE,
  USER_NAMES,
  WEEKDAY,
  WORDS,
  type Feature,
  type ModelSpec,
  type ProfileName,
} from './catalog.ts';
import { createPrng, cumulativeOf, pickCumulative, type Prng } from './prng.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SESSION_GAP_MS = 45 * 60_000;
const AUDIT_RATE = 0.03;
const CANCEL_RATE = 0.004;
const CALL_ERROR_RATE = 0.008;
const NO_USER_RATE = 0.08;
/** Stored text is capped so a million rows stay around a gigabyte; token counts are not. */
const MAX_TEXT_CHARS = 240;
/** Share of queries during a provider outage: every tier fails. */
const OUTAGE_RATE = 0.003;

export interface HistoryOptions {
  queries: number;
  months: number;
  seed: number;
  /** Exclusive end of the history, epoch ms; fixed by default so a seed always gives the same file. */
  end?: number;
}

export const DEFAULT_END = Date.UTC(2026, 0, 1);

export interface NewConversation {
  id: string;
  title: string;
  createdAt: number;
}

export interface SyntheticQuery {
  query: QueryRecord;
  audit: AuditRecord | null;
  /** Set when this query opens a conversation that must exist before the query is stored. */
  conversation: NewConversation | null;
}

export function historySpan(opts: Pick<HistoryOptions, 'months' | 'end'>): { start: number; end: number; days: number } {
  const end = Math.floor((opts.end ?? DEFAULT_END) / DAY_MS) * DAY_MS;
  const d = new Date(end);
  d.setUTCMonth(d.getUTCMonth() - opts.months);
  const start = d.getTime();
  return { start, end, days: Math.round((end - start) / DAY_MS) };
}

/** Exactly `total` queries shared among days by weight (largest remainder). */
function perDayCounts(prng: Prng, start: number, days: number, total: number): number[] {
  const spikes = new Set(Array.from({ length: Math.max(1, Math.round(days / 150)) }, () => prng.int(0, days - 1)));
  const weights = Array.from({ length: days }, (_, i) => {
    const date = new Date(start + i * DAY_MS);
    const t = days > 1 ? i / (days - 1) : 0;
    const holiday = (date.getUTCMonth() === 11 && date.getUTCDate() >= 24) || (date.getUTCMonth() === 0 && date.getUTCDate() === 1);
    return Math.pow(GROWTH, t) * (WEEKDAY[date.getUTCDay()] ?? 1) * Math.exp(0.12 * prng.normal()) * (spikes.has(i) ? 2.5 : 1) * (holiday ? 0.4 : 1);
  });
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (missing-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

interface Priced {
  costNano: number | null;
  pricing: CallRecord['pricing'];
}

function priceOf(spec: ModelSpec, t: number, input: number, cached: number, output: number, durationMs: number): Priced {
  if (spec.pricing === 'unknown') return { costNano: null, pricing: 'unknown' };
  if (spec.pricing === 'energy') return { costNano: energyCostNano(ENERGY, durationMs), pricing: 'energy' };
  const p = spec.earlier !== undefined && t < spec.earlier.until ? spec.earlier : spec;
  return { costNano: (input - cached) * p.inputNano + cached * p.cachedInputNano + output * p.outputNano, pricing: 'list' };
}

export function* syntheticHistory(opts: HistoryOptions): Generator<SyntheticQuery> {
  const prng = createPrng(opts.seed);
  const { start, days } = historySpan(opts);
  const counts = perDayCounts(prng, start, days, opts.queries);
  const hourly = cumulativeOf(HOURLY);
  const features = cumulativeOf(FEATURES.map((f) => f.weight));
  const complexities = cumulativeOf(COMPLEXITIES.map(([, w]) => w));

  // The first users are there from day one; the rest join over the first 70% of the history.
  // Earlier users are heavier users (Zipf-like).
  const joins = USER_NAMES.map((name, i) => ({ name, day: i < 8 ? 0 : prng.int(0, Math.floor(days * 0.7)) })).sort((a, b) => a.day - b.day);
  const userWeights = cumulativeOf(joins.map((_, i) => 1 / Math.pow(i + 1, 0.9)));

  // One long random text; answers and prompts are slices of it, far cheaper than building words.
  const corpus = Array.from({ length: 40_000 }, () => prng.pick(WORDS)).join(' ');
  const slice = (chars: number): string => {
    const len = Math.min(Math.max(1, Math.round(chars)), MAX_TEXT_CHARS);
    const from = prng.int(0, corpus.length - len - 1);
    return corpus.slice(from, from + len).trim();
  };

  const sessions = new Map<string, { id: string; last: number }>();
  let active = 0;

  for (let day = 0; day < days; day++) {
    while (active < joins.length && (joins[active]?.day ?? Infinity) <= day) active++;
    const n = counts[day] ?? 0;
    const dayStart = start + day * DAY_MS;
    const times = Array.from({ length: n }, () => dayStart + pickCumulative(prng, hourly) * HOUR_MS + Math.floor(prng.next() * HOUR_MS)).sort((a, b) => a - b);
    const t = days > 1 ? day / (days - 1) : 0;
    for (const createdAt of times) {
      const feature = FEATURES[pickCumulative(prng, features)] as Feature;
      const userId = prng.chance(NO_USER_RATE) ? null : (joins[pickCumulative(prng, userWeights, active)]?.name ?? null);
      yield oneQuery(prng, { createdAt, t, feature, userId, complexities, slice, sessions });
    }
  }
}

type CallFields = Pick<
  CallRecord,
  'outputTokens' | 'cachedInputTokens' | 'usageEstimated' | 'ttftMs' | 'durationMs' | 'status' | 'accepted' | 'qualityScore' | 'qualityJson' | 'finishReason' | 'text' | 'errorCode' | 'errorMessage'
> & { price: Priced };

interface QueryContext {
  createdAt: number;
  /** Position in the history, 0..1. */
  t: number;
  feature: Feature;
  userId: string | null;
  complexities: number[];
  slice: (chars: number) => string;
  sessions: Map<string, { id: string; last: number }>;
}

function chooseProfile(prng: Prng, feature: Feature, t: number): ProfileName {
  const r = prng.next();
  let acc = 0;
  let name: ProfileName = feature.profiles[0]?.[0] ?? 'local2';
  for (const [p, w] of feature.profiles) {
    acc += w;
    if (r < acc) {
      name = p;
      break;
    }
  }
  const profile = PROFILES[name];
  return t < profile.since && profile.fallback !== undefined ? profile.fallback : name;
}

function oneQuery(prng: Prng, ctx: QueryContext): SyntheticQuery {
  const { feature, t, createdAt, slice } = ctx;
  const id = prng.uuid();
  const runId = `run-${prng.uuid()}`;
  const tiers = PROFILES[chooseProfile(prng, feature, t)].tiers;
  const top = tiers.length - 1;
  const complexity = (COMPLEXITIES[pickCumulative(prng, ctx.complexities)]?.[0] ?? 'simple') satisfies Complexity;
  const domain = prng.pick(feature.domains);
  const inputTokens = Math.round(prng.logNormal(feature.inputTokens, 0.6, 12, 60_000));
  const answerTokens = Math.round(prng.logNormal(feature.outputTokens, 0.6, 1, 8_000));
  const prompt = `${prng.pick(['Can you help with', 'Please look at', 'Explain', 'Write something about', 'What do you think of', 'Summarise'])} ${prng.pick(feature.topics)}: ${slice(prng.logNormal(90, 0.6, 10, 300))}`;

  const calls: CallRecord[] = [];
  const trail: string[] = [];
  let answerFrom: CallRecord | null = null;
  let lastRejected: CallRecord | null = null;
  let cancelled = false;
  let latency = prng.int(2, 15);
  const outage = prng.chance(OUTAGE_RATE);

  for (let tier = 0; tier <= top; tier++) {
    const spec = tiers[tier] as ModelSpec;
    const seq = calls.length;
    const ttft = Math.round(prng.logNormal(spec.ttftMs, 0.35, 20, 20_000));
    const tps = prng.logNormal(spec.tokensPerSecond, 0.2, 5, 400);
    const cached = !spec.local && inputTokens > 1_024 && prng.chance(0.3) ? Math.floor(inputTokens / 2) : 0;
    // Object literals without spreads: V8 builds spread literals in slow dictionary mode, which
    // made generation three times slower.
    const call = (fields: CallFields): CallRecord => ({
      seq,
      provider: spec.provider,
      model: spec.model,
      tier,
      role: tier === 0 ? 'draft' : 'verify',
      local: spec.local,
      inputTokens,
      outputTokens: fields.outputTokens,
      cachedInputTokens: fields.cachedInputTokens,
      usageEstimated: fields.usageEstimated,
      costNano: fields.price.costNano,
      pricing: fields.price.pricing,
      ttftMs: fields.ttftMs,
      durationMs: fields.durationMs,
      status: fields.status,
      accepted: fields.accepted,
      qualityScore: fields.qualityScore,
      qualityJson: fields.qualityJson,
      finishReason: fields.finishReason,
      text: fields.text,
      errorCode: fields.errorCode,
      errorMessage: fields.errorMessage,
    });

    if (tier === 0 && prng.chance(CANCEL_RATE)) {
      const output = Math.round(answerTokens * prng.next() * 0.6);
      const duration = ttft + Math.round((output / tps) * 1_000);
      latency += duration;
      const stopped = call({
        outputTokens: output, cachedInputTokens: cached, usageEstimated: true, price: priceOf(spec, t, inputTokens, cached, output, duration),
        ttftMs: output > 0 ? ttft : null, durationMs: duration, status: 'cancelled', accepted: false, qualityScore: null, qualityJson: null,
        finishReason: null, text: slice(output * 4), errorCode: 'cancelled', errorMessage: 'Stopped before the answer was complete.',
      });
      calls.push(stopped);
      answerFrom = stopped;
      cancelled = true;
      break;
    }

    if (outage || prng.chance(CALL_ERROR_RATE)) {
      const code = prng.pick(['timeout', 'provider_error', 'rate_limited'] as const);
      const duration = code === 'timeout' ? 30_000 : prng.int(50, 900);
      latency += duration;
      calls.push(
        call({
          outputTokens: 0, cachedInputTokens: 0, usageEstimated: true, price: priceOf(spec, t, inputTokens, 0, 0, duration),
          ttftMs: null, durationMs: duration, status: 'error', accepted: false, qualityScore: null, qualityJson: null, finishReason: null, text: '',
          errorCode: code, errorMessage: code === 'timeout' ? `${spec.model} did not answer within 30 s` : `${spec.model} returned an error (${code})`,
        }),
      );
      trail.push(`${spec.model} failed (${code})`);
      continue;
    }

    const output = Math.max(1, Math.round(answerTokens * prng.logNormal(1, 0.15, 0.3, 3)));
    const duration = ttft + Math.round((output / tps) * 1_000);
    latency += duration + (tier < top ? prng.int(3, 40) : 0);
    const validated = tier < top;
    // A tier above the drafter escalates further less often: the easy half is already gone.
    const rejected = validated && prng.chance(REJECT_RATE[complexity] * (tier === 0 ? 1 : 0.35));
    const score = validated ? Math.round((rejected ? 0.15 + prng.next() * 0.5 : 0.7 + prng.next() * 0.3) * 1_000) / 1_000 : null;
    const reason = rejected ? prng.pick(REASONS) : null;
    const answered = call({
      outputTokens: output, cachedInputTokens: cached, usageEstimated: false, price: priceOf(spec, t, inputTokens, cached, output, duration),
      ttftMs: ttft, durationMs: duration, status: 'ok', accepted: !rejected, qualityScore: score,
      qualityJson: score === null ? null : JSON.stringify({ score, threshold: 0.7, accepted: !rejected, reasons: reason === null ? [] : [reason] }),
      finishReason: reason === 'the draft stops mid-sentence' ? 'length' : 'stop', text: slice(output * 4), errorCode: null, errorMessage: null,
    });
    calls.push(answered);
    if (!rejected) {
      answerFrom = answered;
      break;
    }
    lastRejected = answered;
    trail.push(`escalated from ${spec.model}: ${reason ?? 'rejected'}`);
  }

  const status: QueryRecord['status'] = cancelled ? 'cancelled' : answerFrom !== null ? 'ok' : lastRejected !== null ? 'unverified' : 'failed';
  const from = status === 'unverified' ? lastRejected : answerFrom;
  const finalTier = from?.tier ?? top;
  const finalSpec = tiers[finalTier] as ModelSpec;
  const topSpec = tiers[top] as ModelSpec;
  const topRun = calls.find((c) => c.tier === top && c.status === 'ok');
  const reference = from ?? calls[0];
  // As the engine's outcome: a run whose top tier failed saved nothing against it, so its
  // baseline is what the top tier's own calls cost (unknown when one of them has no price).
  const topFailed = status === 'failed' || status === 'unverified';
  const topCalls = calls.filter((c) => c.tier === top);
  const baseline: Pick<Priced, 'costNano'> | null = topFailed
    ? { costNano: sumKnownNano(topCalls.map((c) => c.costNano)) }
    : topRun !== undefined
      ? topRun
      : reference === undefined
        ? null
        : priceOf(topSpec, t, reference.inputTokens, 0, reference.outputTokens, reference.durationMs);
  const known = calls.reduce((s, c) => s + (c.costNano ?? 0), 0);

  const conversation = ctx.userId !== null && feature.name === 'chat' ? sessionFor(prng, ctx) : null;
  const query: QueryRecord = {
    id,
    runId,
    createdAt,
    conversationId: conversation?.id ?? null,
    userId: ctx.userId,
    feature: feature.name,
    domain,
    complexity,
    finalModel: finalSpec.model,
    finalProvider: finalSpec.provider,
    finalTier,
    topTier: top,
    escalated: finalTier > 0 || (status !== 'ok' && calls.length > 1),
    status,
    costNano: known,
    costComplete: calls.every((c) => c.costNano !== null),
    baselineCostNano: baseline?.costNano ?? null,
    baselineEstimated: !topFailed && topRun === undefined,
    latencyMs: latency,
    prompt,
    answer: status === 'failed' ? '' : (from?.text ?? ''),
    decision: decisionText(status, from, trail, top),
    calls,
  };

  const audit: AuditRecord | null =
    status === 'ok' && finalTier < top && prng.chance(AUDIT_RATE)
      ? (() => {
          const agrees = prng.chance(0.9);
          return {
            queryId: id,
            topModel: topSpec.model,
            topAnswer: slice(answerTokens * 4),
            agrees,
            similarity: Math.round((agrees ? 0.75 + prng.next() * 0.25 : 0.1 + prng.next() * 0.5) * 1_000) / 1_000,
            costNano: priceOf(topSpec, t, inputTokens, 0, answerTokens, 0).costNano,
            createdAt: createdAt + latency + prng.int(500, 8_000),
          };
        })()
      : null;

  return { query, audit, conversation: conversation?.isNew === true ? { id: conversation.id, title: prompt.slice(0, 60), createdAt } : null };
}

function sessionFor(prng: Prng, ctx: QueryContext): { id: string; isNew: boolean } {
  const key = ctx.userId ?? '';
  const current = ctx.sessions.get(key);
  if (current !== undefined && ctx.createdAt - current.last < SESSION_GAP_MS) {
    current.last = ctx.createdAt;
    return { id: current.id, isNew: false };
  }
  const id = `conv-${prng.uuid()}`;
  ctx.sessions.set(key, { id, last: ctx.createdAt });
  return { id, isNew: true };
}

function decisionText(status: QueryRecord['status'], from: CallRecord | null, trail: string[], top: number): string {
  const steps = trail.length > 0 ? `${trail.join('; ')}. ` : '';
  switch (status) {
    case 'cancelled':
      return `Stopped by the user. ${steps}`.trim();
    case 'failed':
      return `${steps}No answer: every tier failed`.trim();
    case 'unverified':
      return `${steps}Returned ${from?.model ?? 'the'}'s draft unverified because the verifier failed.`.trim();
    case 'ok':
      if (from !== null && from.tier === top && from.tier > 0) return `${steps}Answered by ${from.model}.`.trim();
      return `${steps}Accepted ${from?.model ?? 'the'}'s answer: confident, complete and consistent`.trim();
  }
}
