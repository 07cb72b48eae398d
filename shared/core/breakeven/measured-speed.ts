// The local drafter's generation speed as the ledger measured it, for the break-even's
// tokens/second. The ledger's duration of a call includes the time to its first token (loading
// the model, reading the prompt, any hidden thinking), which is not generation: where the time
// to first token is recorded, only the time after it counts.

/** Answers shorter than this are left out: a few tokens over a whole-millisecond clock say little. */
export const MIN_TIMED_OUTPUT_TOKENS = 20;

/**
 * One local model's drafts in the window, summed by the ledger. A draft is usable when it
 * finished (not failed or cancelled) with at least MIN_TIMED_OUTPUT_TOKENS tokens. Of those:
 * `afterFirstToken*` are the ones whose generation could be timed after the first token (time to
 * first token recorded and shorter than the call, and no hidden output, see usage-profile.ts):
 * tokens after the first over the time after it. `whole*` are all usable ones, over their whole
 * duration.
 */
export interface DrafterTimings {
  model: string;
  drafts: number;
  usable: number;
  afterFirstTokenCalls: number;
  afterFirstTokenTokens: number;
  afterFirstTokenMs: number;
  wholeCalls: number;
  wholeTokens: number;
  wholeMs: number;
  /** Latest draft (epoch ms): breaks a tie between two models drafting as often. */
  lastAt: number;
}

export type LocalDrafterSpeed =
  | {
      measured: true;
      model: string;
      /** Output tokens per second of generation, one answer at a time. */
      tokensPerSec: number;
      /** Calls the rate comes from. */
      calls: number;
      /** The model's drafts in the window that were not used (failed, cancelled, too short, or not timed). */
      skipped: number;
      /**
       * `after-first-token`: generation time only. `whole-call`: no call had a usable time to
       * first token, so prompt processing is included and the rate is lower than the model's.
       */
      timing: 'after-first-token' | 'whole-call';
    }
  | {
      measured: false;
      /** `no-local-drafts`: none in the window. `too-few-usable`: all failed, cancelled or shorter than MIN_TIMED_OUTPUT_TOKENS. */
      reason: 'no-local-drafts' | 'too-few-usable';
      localDrafts: number;
    };

/**
 * The local model that drafted most (by usable drafts, then most recently) and its speed: total
 * tokens over total time, so a long answer weighs as much as the time it took, and many short
 * ones do not outvote it.
 */
export function localDrafterSpeed(models: readonly DrafterTimings[]): LocalDrafterSpeed {
  const localDrafts = models.reduce((n, m) => n + m.drafts, 0);
  if (localDrafts === 0) return { measured: false, reason: 'no-local-drafts', localDrafts };
  const best = [...models].sort((a, b) => b.usable - a.usable || b.lastAt - a.lastAt)[0];
  if (best === undefined || best.usable === 0) return { measured: false, reason: 'too-few-usable', localDrafts };
  const rate = (calls: number, tokens: number, ms: number, timing: 'after-first-token' | 'whole-call'): LocalDrafterSpeed | null =>
    calls > 0 && ms > 0 ? { measured: true, model: best.model, tokensPerSec: tokens / (ms / 1000), calls, skipped: best.drafts - calls, timing } : null;
  return (
    rate(best.afterFirstTokenCalls, best.afterFirstTokenTokens, best.afterFirstTokenMs, 'after-first-token') ??
    rate(best.wholeCalls, best.wholeTokens, best.wholeMs, 'whole-call') ?? { measured: false, reason: 'too-few-usable', localDrafts }
  );
}
