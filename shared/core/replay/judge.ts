// Runs the real cascade engine over a prepared trace, each model answering from its recordings.
// One pass at the strictest threshold (1) yields the validator's verdict on every draft any
// lower threshold could need: a draft accepted at 1 is accepted at every threshold, so the
// tiers reached at a lower threshold are always a prefix of those reached at 1.
import { appConfigSchema, type AppConfig } from '../config/schema.ts';
import { createCascadeEngine } from '../cascade/engine.ts';
import type { CascadeOutcome } from '../cascade/types.ts';
import { counterIds } from '../ports.ts';
import type { ItemJudgement } from './decision.ts';
import { lazyVerdict } from './lazy-verdict.ts';
import { createReplayClock, recordedResolver } from './recorded-provider.ts';
import type { PreparedItem, PreparedReplay } from './prepare.ts';

/** The strictest threshold: its run reaches every tier a lower threshold could. */
export const STRICTEST_THRESHOLD = 1;

export interface EngineRunOptions {
  /** Energy settings, routing and default threshold come from here (tiers come from the replay). */
  baseConfig?: AppConfig;
  signal?: AbortSignal;
  /** After each query; a returned promise is awaited (a server yields here so its progress events go out). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** The configuration a replay runs under: the user's, with buffered output and no audits. */
export function replayConfig(p: PreparedReplay, base?: AppConfig): AppConfig {
  return appConfigSchema.parse({
    tiers: p.tiers.map((t) => t.tier),
    quality: { threshold: base?.quality.threshold ?? 0.7, requireVerified: false },
    routing: base?.routing ?? {},
    streaming: { mode: 'buffer' },
    audit: { rate: 0 },
    local: { gpuWatts: p.pricing.local.gpuWatts, electricityUsdPerKwh: p.pricing.local.electricityUsdPerKwh },
    prices: p.pricing.overrides,
  });
}

export async function runItem(p: PreparedReplay, item: PreparedItem, config: AppConfig, threshold: number, signal?: AbortSignal): Promise<CascadeOutcome> {
  const clock = createReplayClock();
  const engine = createCascadeEngine({
    providers: recordedResolver(item.id, item.answers, clock),
    clock,
    ids: counterIds(`replay-${item.id}`),
    random: { next: () => 1 },
    validate: lazyVerdict,
  });
  return engine.run(
    { runId: item.id, messages: item.messages, tiers: p.tiers.map((t) => t.tier), threshold, mode: 'buffer' },
    signal ? { config, signal } : { config },
  );
}

/** Full engine runs at one threshold, one per query, in trace order. */
export async function runEngine(p: PreparedReplay, threshold: number, opts: EngineRunOptions = {}): Promise<CascadeOutcome[]> {
  const config = replayConfig(p, opts.baseConfig);
  const outcomes: CascadeOutcome[] = [];
  for (const item of p.items) {
    if (opts.signal?.aborted) throw new Error('replay cancelled');
    outcomes.push(await runItem(p, item, config, threshold, opts.signal));
    await opts.onProgress?.(outcomes.length, p.items.length);
  }
  return outcomes;
}

export function judgementOf(outcome: CascadeOutcome, tierCount: number): ItemJudgement {
  const verdicts: ItemJudgement['verdicts'] = new Array(tierCount).fill(undefined);
  let start = tierCount - 1;
  for (const a of outcome.attempts) {
    if (a.role !== 'draft' && a.role !== 'verify') continue;
    start = Math.min(start, a.tier);
    // A draft's verdict was computed when the engine decided on it: keep a plain copy, which the
    // sweep reads 101 times. The top tier's stays lazy (lazy-verdict.ts): nothing reads it.
    const verdict = a.quality && a.tier < tierCount - 1 ? { ...a.quality } : a.quality;
    verdicts[a.tier] = a.status === 'ok' ? verdict : null;
  }
  return { start, verdicts };
}

/** The engine's verdicts on every draft a threshold in [0, 1] could need. */
export async function judgeTrace(p: PreparedReplay, opts: EngineRunOptions = {}): Promise<ItemJudgement[]> {
  const outcomes = await runEngine(p, STRICTEST_THRESHOLD, opts);
  return outcomes.map((o) => judgementOf(o, p.tiers.length));
}
