// The smallest monthly volume at which drafting on own GPUs costs no more than the cloud
// drafter. Self-hosting cost is a step function (a new GPU every `capacity` queries), so the
// crossover is searched segment by segment: within a segment both costs are linear.
import type { NoBreakEvenReason } from './types.ts';
import type { CostModel } from './cost-model.ts';
import { costsAt, gpusFor } from './cost-model.ts';

export type BreakEvenSearch = { queries: number; reason: null } | { queries: null; reason: NoBreakEvenReason };

/** Rounding can move a linear crossover by a query or two; check this many around it. */
const ROUNDING_WINDOW = 4;
const MAX_SEGMENTS = 10_000;

function selfHostWins(m: CostModel, q: number): boolean {
  const c = costsAt(m, q);
  return c.selfDraftingNano <= c.cloudDraftingNano;
}

/** Smallest whole volume that needs at least `gpus` GPUs. */
function firstVolumeNeeding(m: CostModel, gpus: number): number {
  if (gpus <= 1) return 0;
  const perGpu = m.capacitySecondsPerGpu / m.generationSecondsPerQuery;
  let q = Math.floor((gpus - 1) * perGpu) + 1;
  while (q > 0 && gpusFor(m, q - 1) >= gpus) q--;
  while (gpusFor(m, q) < gpus) q++;
  return q;
}

export function findBreakEven(m: CostModel, limit: number): BreakEvenSearch {
  // What a self-hosted draft saves over a cloud draft, before fixed costs.
  const marginPerQuery = m.draftNanoPerQuery - m.energyNanoPerQuery;
  if (marginPerQuery <= 0) return { queries: null, reason: 'energy-exceeds-draft-price' };
  const queriesPerGpu = m.capacitySecondsPerGpu / m.generationSecondsPerQuery;
  // Net saving of one more fully loaded GPU. If it is not positive, adding GPUs never helps,
  // so only the first segment can contain the crossover.
  const perGpuNet = marginPerQuery * queriesPerGpu - m.gpuNanoPerMonth;
  // Segments below M / perGpuNet GPUs cannot reach the crossover even at full load.
  let gpus = perGpuNet > 0 ? Math.max(1, Math.floor(m.maintenanceNano / perGpuNet)) : 1;
  for (let n = 0; n < MAX_SEGMENTS; n++, gpus++) {
    const lo = firstVolumeNeeding(m, gpus);
    if (lo > limit) return { queries: null, reason: 'beyond-search-limit' };
    const hi = Math.min(firstVolumeNeeding(m, gpus + 1) - 1, Math.floor(limit));
    const linear = Math.ceil((gpus * m.gpuNanoPerMonth + m.maintenanceNano) / marginPerQuery);
    const start = Math.max(lo, linear - ROUNDING_WINDOW / 2);
    for (let q = start; q <= hi && q <= start + ROUNDING_WINDOW; q++) {
      if (selfHostWins(m, q)) return { queries: q, reason: null };
    }
    if (perGpuNet <= 0) return { queries: null, reason: 'gpu-exceeds-savings' };
  }
  return { queries: null, reason: 'beyond-search-limit' };
}
