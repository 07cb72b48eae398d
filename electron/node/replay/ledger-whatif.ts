// The what-if over the last N days of a ledger, in one call: for the CLI and for a later API
// method (which would pass the backend's open database and its current config).
import type BetterSqlite3 from 'better-sqlite3';
import type { AppConfig, PriceOverride, TierConfig } from '../../../shared/core/config/schema.ts';
import { ReplayInputError, replayPricingContext, resolveReplayTier, type ReplayPricingOptions } from '../../../shared/core/replay/replay-pricing.ts';
import { whatIf, type WhatIfQuery, type WhatIfReport } from '../../../shared/core/replay/whatif.ts';
import { readWhatIfQueries } from './ledger-source.ts';
import { everyTier } from '../../../shared/core/config/every-tier.ts';

const DAY_MS = 86_400_000;

export interface LedgerWhatIfOptions {
  days: number;
  /** Epoch ms the window ends at (injected: callers own the clock). */
  now: number;
  config: AppConfig;
  /** Model to price the top-tier calls as; it must have a price (list, --price, config) or be local. */
  verifier?: string;
  electricityUsdPerKwh?: number;
  gpuWatts?: number;
  prices?: Record<string, PriceOverride>;
  local?: readonly string[];
}

/** Throws ReplayInputError when the verifier has no known price. */
export function ledgerWhatIf(db: BetterSqlite3.Database, opts: LedgerWhatIfOptions): WhatIfReport & { days: number } {
  const pricing: ReplayPricingOptions = {
    prices: opts.prices ?? {},
    local: opts.local ?? [],
    configTiers: everyTier(opts.config),
    configPrices: opts.config.prices,
    energy: { gpuWatts: opts.config.local.gpuWatts, electricityUsdPerKwh: opts.config.local.electricityUsdPerKwh },
  };
  const verifier = opts.verifier === undefined ? undefined : resolveReplayTier(opts.verifier, pricing).tier;
  // Every model the user priced (--price) or declared local (--local) is re-priced on its own
  // calls too, not only when it is the what-if verifier: "what if gpt-4.1-mini cost $5/$5".
  const repriced: Record<string, TierConfig> = {};
  for (const model of [...Object.keys(pricing.prices ?? {}), ...(pricing.local ?? [])]) repriced[model] = resolveReplayTier(model, pricing).tier;
  const queries = readWhatIfQueries(db, { from: opts.now - opts.days * DAY_MS, to: opts.now + 1 });
  refuseStrayModels(queries, opts);
  const report = whatIf(queries, {
    pricing: replayPricingContext(pricing),
    ...(verifier ? { verifier } : {}),
    repriced,
    ...(opts.electricityUsdPerKwh !== undefined ? { electricityUsdPerKwh: opts.electricityUsdPerKwh } : {}),
    ...(opts.gpuWatts !== undefined ? { gpuWatts: opts.gpuWatts } : {}),
  });
  return { days: opts.days, ...report };
}

/**
 * A --price or --local for a model with no call in the window would change nothing, and the
 * report would read as if the user's price had been applied: a typo, refused with the models
 * there are. The what-if verifier is exempt: pricing it is why one names it.
 */
function refuseStrayModels(queries: readonly WhatIfQuery[], opts: LedgerWhatIfOptions): void {
  const onLedger = new Set(queries.flatMap((q) => q.calls.map((c) => c.model)));
  const named = [...Object.keys(opts.prices ?? {}).map((m) => ['--price', m] as const), ...(opts.local ?? []).map((m) => ['--local', m] as const)];
  for (const [flag, model] of named) {
    if (onLedger.has(model) || model === opts.verifier) continue;
    const models = onLedger.size > 0 ? `its models: ${[...onLedger].sort().join(', ')}` : 'it has no calls then';
    throw new ReplayInputError(`${flag} names "${model}", which has no calls on the ledger in the last ${opts.days === 1 ? 'day' : `${opts.days} days`} (${models}): check the model id, or --days`);
  }
}
