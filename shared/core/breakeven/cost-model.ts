// Monthly cost of the three ways to serve a query volume, as functions of the volume. Every
// query is drafted (the drafter cannot know in advance which drafts will be accepted), and an
// escalated query pays for its draft AND for the verifier.
import { NANO_PER_USD, perMTokToNanoPerToken, usdToNano } from '../pricing/money.ts';
import type { NormalizedBreakEvenInputs, NormalizedSelfHostCost, TokenPriceUsd } from './types.ts';
import { writeOffNanoPerMonth } from './hardware.ts';

const SECONDS_PER_HOUR = 3600;
/** Float slack when a volume fills its GPUs exactly (730 x 3600 x 0.7 is 1839599.9999999998). */
const CAPACITY_EPSILON = 1e-12;

export interface CostModel {
  draftNanoPerQuery: number;
  verifierNanoPerQuery: number;
  escalationShare: number;
  /** Electricity for one query's generation on a self-hosted GPU. */
  energyNanoPerQuery: number;
  generationSecondsPerQuery: number;
  /** Seconds per month a GPU is running (billed). */
  runningSecondsPerGpu: number;
  /** Seconds per month a GPU may spend generating under the planned maximum load. */
  capacitySecondsPerGpu: number;
  gpuNanoPerMonth: number;
  maintenanceNano: number;
}

export interface CostsAt {
  cloudOnlyNano: number;
  cloudDraftingNano: number;
  escalationNano: number;
  gpus: number;
  gpuNano: number;
  energyNano: number;
  selfDraftingNano: number;
}

function perQueryNano(p: TokenPriceUsd, inputTokens: number, outputTokens: number): number {
  return inputTokens * perMTokToNanoPerToken(p.inputPerMTok) + outputTokens * perMTokToNanoPerToken(p.outputPerMTok);
}

/** One GPU's monthly cost: rent for the hours it runs, a flat fee, or its purchase written off. */
function gpuNanoPerMonth(s: NormalizedSelfHostCost, hoursPerMonth: number): number {
  switch (s.kind) {
    case 'hourly':
      return usdToNano(s.gpuUsdPerHour * hoursPerMonth * s.utilization);
    case 'monthly':
      return usdToNano(s.usdPerMonth);
    case 'purchase':
      return writeOffNanoPerMonth(s);
  }
}

export function buildCostModel(i: NormalizedBreakEvenInputs): CostModel {
  const runningShare = i.selfHost.kind === 'hourly' ? i.selfHost.utilization : 1;
  const runningSecondsPerGpu = i.hoursPerMonth * SECONDS_PER_HOUR * runningShare;
  const generationSecondsPerQuery = i.outputTokensPerQuery / i.throughputTokensPerSec;
  return {
    draftNanoPerQuery: perQueryNano(i.cloudDrafterPrice, i.inputTokensPerQuery, i.outputTokensPerQuery),
    verifierNanoPerQuery: perQueryNano(i.verifierPrice, i.inputTokensPerQuery, i.outputTokensPerQuery),
    escalationShare: 1 - i.drafterAcceptanceRate,
    // W x s / 3.6e6 = kWh; multiplied out before dividing to keep round inputs exact.
    energyNanoPerQuery: (i.gpuWatts * generationSecondsPerQuery * i.electricityUsdPerKwh * NANO_PER_USD) / 3.6e6,
    generationSecondsPerQuery,
    runningSecondsPerGpu,
    capacitySecondsPerGpu: runningSecondsPerGpu * i.maxUtilization,
    gpuNanoPerMonth: gpuNanoPerMonth(i.selfHost, i.hoursPerMonth),
    maintenanceNano: usdToNano(i.maintenanceUsdPerMonth),
  };
}

/** GPUs needed to generate `queries` within the planned maximum load; self-hosting needs at least one. */
export function gpusFor(m: CostModel, queries: number): number {
  const ratio = (queries * m.generationSecondsPerQuery) / m.capacitySecondsPerGpu;
  return Math.max(1, Math.ceil(ratio * (1 - CAPACITY_EPSILON)));
}

export function costsAt(m: CostModel, queries: number): CostsAt {
  const gpus = gpusFor(m, queries);
  const gpuNano = gpus * m.gpuNanoPerMonth;
  const energyNano = Math.round(queries * m.energyNanoPerQuery);
  return {
    cloudOnlyNano: Math.round(queries * m.verifierNanoPerQuery),
    cloudDraftingNano: Math.round(queries * m.draftNanoPerQuery),
    escalationNano: Math.round(queries * m.escalationShare * m.verifierNanoPerQuery),
    gpus,
    gpuNano,
    energyNano,
    selfDraftingNano: gpuNano + energyNano + m.maintenanceNano,
  };
}

/** Generation time over the GPUs' running time. */
export function utilizationAt(m: CostModel, queries: number, gpus: number): number {
  return (queries * m.generationSecondsPerQuery) / (gpus * m.runningSecondsPerGpu);
}
