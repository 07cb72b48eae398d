import type { BreakEvenInputs } from '../../../shared/core/breakeven/types.ts';

/**
 * The seed guide's example (5M queries/month, 500 tokens, $200 GPU + $50 electricity + $100
 * maintenance, 70% acceptance, gpt-4o-mini drafter) with real per-token prices. The 500 tokens
 * are split 400 in + 100 out; gpt-4o verifies. The energy model reproduces the seed's $50 of
 * electricity: 5M x 100 tokens / 400 tokens/s = 1,250,000 s = 347.2 h at 400 W = 138.9 kWh x $0.36.
 */
export const SEED_EXAMPLE = {
  monthlyQueries: 5_000_000,
  inputTokensPerQuery: 400,
  outputTokensPerQuery: 100,
  drafterAcceptanceRate: 0.7,
  cloudDrafterPrice: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  verifierPrice: { inputPerMTok: 2.5, outputPerMTok: 10 },
  selfHost: { kind: 'monthly', usdPerMonth: 200 },
  gpuWatts: 400,
  electricityUsdPerKwh: 0.36,
  maintenanceUsdPerMonth: 100,
  throughputTokensPerSec: 400,
  cloudDrafterName: 'gpt-4o-mini',
  verifierName: 'gpt-4o',
} satisfies BreakEvenInputs;

/**
 * Round numbers for GPU-count steps: 1 s of generation per query (100 tokens at 100 tokens/s),
 * so one GPU serves 730 h x 3600 s x 0.7 = 1,839,600 queries/month. No energy, every draft
 * accepted; each cloud draft costs 100 x $1/MTok = $0.0001 = 100,000 nano.
 */
export const STEP_EXAMPLE = {
  monthlyQueries: 1_000_000,
  inputTokensPerQuery: 0,
  outputTokensPerQuery: 100,
  drafterAcceptanceRate: 1,
  cloudDrafterPrice: { inputPerMTok: 0, outputPerMTok: 1 },
  verifierPrice: { inputPerMTok: 0, outputPerMTok: 10 },
  selfHost: { kind: 'monthly', usdPerMonth: 100 },
  gpuWatts: 0,
  electricityUsdPerKwh: 0,
  maintenanceUsdPerMonth: 250,
  throughputTokensPerSec: 100,
} satisfies BreakEvenInputs;
