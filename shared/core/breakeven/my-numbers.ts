// "Use my numbers": the break-even form filled from the user's own ledger (ledger.usageProfile)
// and cascade, with what changed said in words. One implementation for the Break-even view's
// button and `cascadeflow breakeven --use-my-numbers`.
import { formatCount, formatUsdAmount } from '../pricing/money.ts';
import { counted } from '../words.ts';
import { tidyField, type BreakEvenForm } from './form.ts';
import { MIN_TIMED_OUTPUT_TOKENS, type LocalDrafterSpeed } from './measured-speed.ts';

/** The user's measured workload over the last `days` (ledger.usageProfile). */
export interface UsageProfile {
  days: number;
  /** Queries in the window that went to a model: the workload `monthlyQueries` and the averages describe. */
  queries: number;
  /** Queries answered from the response cache: no model ran, so they are in none of the other figures. */
  cacheHits: number;
  /**
   * The days of the window the ledger covers (from its first query in it, at least 1):
   * `monthlyQueries` is extrapolated from them, not from `days`.
   */
  coveredDays: number;
  monthlyQueries: number;
  avgInputTokens: number;
  avgOutputTokens: number;
  drafterAcceptanceRate: number | null;
  /** The local drafter's measured tokens/second (from its drafts in the window), or why there is none. */
  localDrafterSpeed: LocalDrafterSpeed;
}

export interface MyNumbersSources {
  profile: UsageProfile;
  /** GPU watts and electricity price from the configuration; null when it is not known. */
  local: { gpuWatts: number; electricityUsdPerKwh: number } | null;
  /** The cascade's verifier (its top tier) with its price per million tokens; null when either is not known. */
  verifier: { model: string; inputPerMTok: number; outputPerMTok: number } | null;
}

/**
 * The verifier as "use my numbers" takes it: the top tier's model with the price the app quotes
 * for it (models.list, the pricing context). Null unless both prices are known: a half-known
 * price would fill the form with a made-up one.
 */
export function verifierOf(model: string, price: { inputPerMTok: number | null; outputPerMTok: number | null } | null | undefined): MyNumbersSources['verifier'] {
  if (!price || price.inputPerMTok === null || price.outputPerMTok === null) return null;
  return { model, inputPerMTok: price.inputPerMTok, outputPerMTok: price.outputPerMTok };
}

/** The tokens/second filled in, and where it came from (the view shows it by the field while it holds that value). */
export interface MeasuredSpeedFill {
  value: string;
  source: string;
}

export type MyNumbers =
  | { ok: true; form: BreakEvenForm; note: string; measuredSpeed: MeasuredSpeedFill | null }
  /** Nothing to learn from: the form is left as it was. */
  | { ok: false; message: string };

const round = (n: number, digits = 0) => String(Math.round(n * 10 ** digits) / 10 ** digits);

const prices = (f: BreakEvenForm) => `${formatUsdAmount(Number(f.verifierIn))} in / ${formatUsdAmount(Number(f.verifierOut))} out`;

/**
 * The monthly rate, and what it was extrapolated from when the ledger covers only part of the
 * window: "13 queries (390 a month)" from the last 30 days reads as a mistake otherwise, and
 * Savings, which spreads the same 13 over the 30 days, says 13 a month.
 */
function monthlyPace(p: UsageProfile): string {
  const perMonth = `${formatCount(Math.round(p.monthlyQueries))} a month`;
  if (p.coveredDays >= p.days) return perMonth;
  return `all in the last ${p.coveredDays === 1 ? 'day' : counted(p.coveredDays, 'day')}: ${perMonth} at that pace`;
}

/** The verifier is the one thing "use my numbers" replaces among the models: said, so the change is not missed. */
function verifierChange(before: BreakEvenForm, after: BreakEvenForm): string | null {
  const sameName = before.verifierName.trim() === after.verifierName;
  if (sameName && Number(before.verifierIn) === Number(after.verifierIn) && Number(before.verifierOut) === Number(after.verifierOut)) return null;
  const was = sameName ? prices(before) : before.verifierName.trim() || 'a custom price';
  return `Verifier: your cascade's ${after.verifierName} at ${prices(after)} per million tokens (was ${was}).`;
}

/** "53", "7.5": a slow drafter keeps its tenths, and never reads as 0. */
function speedText(tokensPerSec: number): string {
  return tokensPerSec >= 10 ? formatCount(Math.round(tokensPerSec)) : round(tokensPerSec, 1);
}

/**
 * The measured speed's origin in words. It is one answer at a time on this machine: a server
 * answering several requests at once (the form's "all requests") sustains more in total.
 */
function speedNote(s: LocalDrafterSpeed, days: number, before: string): { fill: MeasuredSpeedFill | null; note: string } {
  if (!s.measured) {
    const why =
      s.reason === 'no-local-drafts'
        ? `no local drafter answered in the last ${counted(days, 'day')}`
        : `your ${counted(s.localDrafts, 'local draft')} in the last ${counted(days, 'day')} all failed, were cancelled or were shorter than ${MIN_TIMED_OUTPUT_TOKENS} tokens`;
    return { fill: null, note: `Tokens / second left at ${before}: ${why}.` };
  }
  const value = speedText(s.tokensPerSec);
  const from = `${counted(s.calls, 'draft')} of ${s.model}`;
  const timing =
    s.timing === 'after-first-token'
      ? 'timed from its first token'
      : 'timed from the request, as no time to first token was recorded: reading the prompt is included, so the real speed is higher';
  const skipped = s.skipped > 0 ? `; ${counted(s.skipped, 'other')} left out (failed, cancelled, under ${MIN_TIMED_OUTPUT_TOKENS} tokens or thinking first)` : '';
  return {
    fill: { value, source: `measured: ${from}` },
    note: `Tokens / second: ${value}, measured on this machine over ${from}, ${timing}${skipped}. That is one answer at a time; a server answering several at once sustains more.`,
  };
}

/**
 * The form with the ledger's workload (volume, tokens, acceptance), the local drafter's measured
 * speed, the configuration's GPU watts and electricity price and the cascade's verifier in place
 * of what it held; everything else (the cloud drafter, the GPU's cost) is left as it was.
 */
export function fillFromLedger(before: BreakEvenForm, s: MyNumbersSources): MyNumbers {
  const p = s.profile;
  if (p.queries === 0) {
    const what = p.cacheHits > 0 ? `No queries a model answered in the last ${p.days} days (${counted(p.cacheHits, 'answer')} from the response cache, which call no model)` : `No queries in the last ${p.days} days`;
    return { ok: false, message: `${what} to learn from: ask a few questions in Chat first.` };
  }
  const form: BreakEvenForm = {
    ...before,
    monthlyQueries: formatCount(Math.round(p.monthlyQueries)),
    inputTokensPerQuery: formatCount(Math.round(p.avgInputTokens)),
    outputTokensPerQuery: formatCount(Math.round(p.avgOutputTokens)),
    ...(p.drafterAcceptanceRate !== null ? { acceptancePct: round(p.drafterAcceptanceRate * 100, 1) } : {}),
  };
  const speed = speedNote(p.localDrafterSpeed, p.days, before.throughputTokensPerSec);
  if (speed.fill) form.throughputTokensPerSec = speed.fill.value;
  if (s.local) {
    form.gpuWatts = tidyField('gpuWatts', String(s.local.gpuWatts));
    form.electricityUsdPerKwh = String(s.local.electricityUsdPerKwh);
  }
  if (s.verifier) {
    form.verifierName = s.verifier.model;
    form.verifierIn = String(s.verifier.inputPerMTok);
    form.verifierOut = String(s.verifier.outputPerMTok);
  }
  // Answers from the cache cost nothing whichever way the rest is served: left out of every figure, and said.
  const cached = p.cacheHits > 0 ? ` ${counted(p.cacheHits, 'more query', 'more queries')} answered from the response cache ${p.cacheHits === 1 ? 'is' : 'are'} left out: no model ran.` : '';
  const usage = `From your last ${counted(p.days, 'day')}: ${counted(p.queries, 'query', 'queries')} (${monthlyPace(p)}), ${formatCount(Math.round(p.avgInputTokens))} tokens in and ${formatCount(Math.round(p.avgOutputTokens))} out on average${p.drafterAcceptanceRate !== null ? `, ${round(p.drafterAcceptanceRate * 100, 1)}% of drafts accepted` : ''}.${cached}`;
  const note = [usage, verifierChange(before, form), speed.note].filter((t) => t !== null).join(' ');
  return { ok: true, form, note, measuredSpeed: speed.fill };
}
