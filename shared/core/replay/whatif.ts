// Re-pricing what-if on the user's own ledger: what the recorded calls would have cost with a
// different verifier, or with local models' electricity at another price. Only prices change:
// the recorded token counts and generation times are taken as they are.
import type { TierConfig } from '../config/schema.ts';
import type { RunStatus } from '../cascade/types.ts';
import { costOfCall, energyCostNano, estimateCostNano, isSelfHosted, nanoToUsd, type PricingContext, type PricingSource } from '../pricing/index.ts';
import { sumKnownNano } from '../pricing/money.ts';
import type { ReportedUsage } from '../model.ts';

export interface WhatIfCall {
  seq: number;
  model: string;
  tier: number;
  role: string;
  status: string;
  accepted: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  durationMs: number;
  costNano: number | null;
  pricing: 'list' | 'override' | 'energy' | 'unknown';
}

export interface WhatIfQuery {
  id: string;
  /** The run's outcome on the ledger: it decides the baseline. */
  status: RunStatus;
  topTier: number;
  baselineCostNano: number | null;
  calls: WhatIfCall[];
}

export interface WhatIfOptions {
  /** Re-price every call to the top tier as this model. */
  verifier?: TierConfig;
  /**
   * Re-price every call of these models (outside the verifier's re-pricing) as the tier given:
   * the user's `--price id=IN/OUT` or `--local id`. Keyed by the model id on the ledger.
   */
  repriced?: Readonly<Record<string, TierConfig>>;
  /** Prices for the verifier (overrides, list data) and the current energy settings. */
  pricing: PricingContext;
  /** Re-price energy-priced (local) calls at this electricity price, USD per kWh. */
  electricityUsdPerKwh?: number;
  gpuWatts?: number;
}

export interface WhatIfModelLine {
  model: string;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  actual_cost_usd: number;
  whatif_cost_usd: number;
  /** How the what-if priced these calls. */
  repriced_as: string;
  unknown_price_calls: number;
}

export interface WhatIfReport {
  queries: number;
  calls: number;
  verifier: { model: string; provider: string } | null;
  /** Models whose calls were re-priced at the user's price or as local (`repriced` above). */
  repriced_models: string[];
  electricity_usd_per_kwh: number | null;
  gpu_watts: number;
  /** What the calls cost as recorded. */
  actual_cost_usd: number;
  /** What the same calls would have cost re-priced. */
  whatif_cost_usd: number;
  /** Asking the top tier alone, as recorded (the ledger's baseline). */
  actual_baseline_usd: number;
  /**
   * Asking the what-if verifier alone for every fully priced query, by the ledger's rule: the
   * recorded top-tier answer re-priced, else the tokens of the answer the user got; nothing
   * spared when the top tier failed (unverified, failed).
   */
  whatif_baseline_usd: number | null;
  /** What-if savings against the what-if baseline (percent). */
  whatif_savings_pct: number | null;
  /** Calls whose cost stays unknown (no price then or now): left out of the sums, never $0. */
  unknown_price_calls: number;
  by_model: WhatIfModelLine[];
}

/** How a call re-priced for --price or --local was priced, by the source costOfCall reports. */
const REPRICED_AS: Record<PricingSource, (electricityUsdPerKwh: number) => string> = {
  energy: (kwh) => `local: energy at $${kwh}/kWh`,
  override: () => 'your price',
  list: () => 'list price',
  unknown: () => 'price unknown',
};

function usageOf(c: WhatIfCall): ReportedUsage {
  return { inputTokens: c.inputTokens, outputTokens: c.outputTokens, cachedInputTokens: c.cachedInputTokens, cacheWriteTokens: 0 };
}

/** A call priced as `tier` from its tokens. A local verifier has no recorded generation time: estimated. */
function priceAs(ctx: PricingContext, tier: TierConfig, c: WhatIfCall): number | null {
  if (tier.price === undefined && !Object.hasOwn(ctx.overrides, tier.model) && isSelfHosted(tier.provider, tier)) {
    return estimateCostNano(ctx, tier, c.inputTokens, c.outputTokens).costNano;
  }
  return costOfCall(ctx, tier, usageOf(c), c.durationMs).costNano;
}

/**
 * The call whose answer the user got: the last accepted one, else the last that succeeded. A
 * consistency sample is never that answer (its cost is still in the sums: it was paid for).
 */
function answerCall(q: WhatIfQuery): WhatIfCall | undefined {
  const ok = q.calls.filter((c) => c.status === 'ok' && c.role !== 'audit' && c.role !== 'sample').sort((a, b) => a.seq - b.seq);
  return [...ok].reverse().find((c) => c.accepted) ?? ok[ok.length - 1];
}

/**
 * The what-if verifier alone for one query, by the rule the ledger's baseline follows
 * (shared/core/cascade/outcome.ts), so the what-if saving compares with the recorded one:
 * - the top tier failed (a draft returned unverified, or no answer): it would have failed alone
 *   too, so the baseline is what its own calls cost, re-priced (no saving is claimed);
 * - the top tier answered: that call, re-priced;
 * - otherwise the tokens of the answer kept, or of the first call when none was kept (a stopped run).
 */
function verifierAloneNano(ctx: PricingContext, verifier: TierConfig, q: WhatIfQuery): number | null {
  const own = q.calls.filter((c) => c.role !== 'audit' && c.role !== 'sample').sort((a, b) => a.seq - b.seq);
  const top = own.filter((c) => c.tier === q.topTier);
  if (q.status === 'failed' || q.status === 'unverified') return sumKnownNano(top.map((c) => priceAs(ctx, verifier, c)));
  const reference = top.find((c) => c.status === 'ok') ?? answerCall(q) ?? own[0];
  return reference ? priceAs(ctx, verifier, reference) : 0;
}

export function whatIf(queries: readonly WhatIfQuery[], opts: WhatIfOptions): WhatIfReport {
  const energy = {
    gpuWatts: opts.gpuWatts ?? opts.pricing.local.gpuWatts,
    electricityUsdPerKwh: opts.electricityUsdPerKwh ?? opts.pricing.local.electricityUsdPerKwh,
  };
  const ctx: PricingContext = { ...opts.pricing, local: energy };
  const lines = new Map<string, WhatIfModelLine>();
  let actual = 0;
  let whatif = 0;
  let unknown = 0;
  let calls = 0;
  let actualBaseline = 0;
  let whatifBaseline: number | null = opts.verifier ? 0 : null;
  const repriced = opts.repriced;
  const repricedModels = new Set<string>();

  for (const q of queries) {
    actualBaseline += q.baselineCostNano ?? 0;
    let complete = true;
    for (const c of q.calls) {
      calls++;
      const toVerifier = opts.verifier !== undefined && q.topTier > 0 && c.tier === q.topTier;
      let repricedAs = 'unchanged';
      let cost: number | null = c.costNano;
      if (toVerifier && opts.verifier) {
        cost = priceAs(ctx, opts.verifier, c);
        repricedAs = `as ${opts.verifier.model}`;
      } else if (repriced && Object.hasOwn(repriced, c.model)) {
        // The call's own generation time is recorded: a model declared local is priced by it.
        // The label is the price costOfCall used: a --local model with a price of the user's
        // (--price, or config.prices) is priced at that price, not by electricity.
        const priced = costOfCall(ctx, repriced[c.model] as TierConfig, usageOf(c), c.durationMs);
        cost = priced.costNano;
        repricedAs = REPRICED_AS[priced.pricing](energy.electricityUsdPerKwh);
        repricedModels.add(c.model);
      } else if (c.pricing === 'energy' && (opts.electricityUsdPerKwh !== undefined || opts.gpuWatts !== undefined)) {
        cost = energyCostNano(energy, c.durationMs);
        repricedAs = `energy at $${energy.electricityUsdPerKwh}/kWh`;
      }
      const key = `${c.model}\u0000${repricedAs}`;
      const line = lines.get(key) ?? { model: c.model, calls: 0, input_tokens: 0, output_tokens: 0, actual_cost_usd: 0, whatif_cost_usd: 0, repriced_as: repricedAs, unknown_price_calls: 0 };
      line.calls++;
      line.input_tokens += c.inputTokens;
      line.output_tokens += c.outputTokens;
      if (c.costNano === null || cost === null) {
        complete = false;
        unknown++;
        line.unknown_price_calls++;
      } else {
        actual += c.costNano;
        whatif += cost;
        line.actual_cost_usd += nanoToUsd(c.costNano);
        line.whatif_cost_usd += nanoToUsd(cost);
      }
      lines.set(key, line);
    }
    // A query left out of the what-if sum (a call without a price) is left out of its baseline too.
    if (opts.verifier && whatifBaseline !== null && complete) {
      const cost = verifierAloneNano(ctx, opts.verifier, q);
      whatifBaseline = cost === null ? null : whatifBaseline + cost;
    }
  }

  return {
    queries: queries.length,
    calls,
    verifier: opts.verifier ? { model: opts.verifier.model, provider: opts.verifier.provider } : null,
    repriced_models: [...repricedModels].sort(),
    electricity_usd_per_kwh: opts.electricityUsdPerKwh ?? null,
    gpu_watts: energy.gpuWatts,
    actual_cost_usd: nanoToUsd(actual),
    whatif_cost_usd: nanoToUsd(whatif),
    actual_baseline_usd: nanoToUsd(actualBaseline),
    whatif_baseline_usd: whatifBaseline === null ? null : nanoToUsd(whatifBaseline),
    whatif_savings_pct: whatifBaseline === null || whatifBaseline === 0 ? null : ((whatifBaseline - whatif) / whatifBaseline) * 100,
    unknown_price_calls: unknown,
    by_model: [...lines.values()].sort((a, b) => b.whatif_cost_usd - a.whatif_cost_usd || a.model.localeCompare(b.model)),
  };
}
