import { describe, expect, it } from 'vitest';
import { costCurve, curveVolumes } from '../../../shared/core/breakeven/analyze.ts';
import type { CostCurve } from '../../../shared/core/breakeven/types.ts';
import { SEED_EXAMPLE, STEP_EXAMPLE } from './fixtures.ts';

function curve(inputs: unknown, volumes: number[]): CostCurve {
  const r = costCurve(inputs, volumes);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('costCurve', () => {
  it('gives the three monthly costs at each volume', () => {
    // Per query: cloud only $0.002; cloud drafter $0.00012 + 0.3 x $0.002 = $0.00072;
    // self-hosted $300 fixed + $0.00001 energy + $0.0006 escalation.
    const c = curve(SEED_EXAMPLE, [0, 1_000_000, 5_000_000]);
    expect(c.points.map(({ queries, cloudOnlyNano, cloudDrafterNano, selfHostedNano, gpus }) => ({ queries, cloudOnlyNano, cloudDrafterNano, selfHostedNano, gpus }))).toEqual([
      { queries: 0, cloudOnlyNano: 0, cloudDrafterNano: 0, selfHostedNano: 300e9, gpus: 1 },
      { queries: 1_000_000, cloudOnlyNano: 2_000e9, cloudDrafterNano: 720e9, selfHostedNano: 910e9, gpus: 1 },
      { queries: 5_000_000, cloudOnlyNano: 10_000e9, cloudDrafterNano: 3_600e9, selfHostedNano: 3_350e9, gpus: 1 },
    ]);
    expect(c.breakEvenQueries).toBe(2_727_273);
  });

  it('marks the crossover where self-hosting becomes cheaper', () => {
    const c = curve(SEED_EXAMPLE, [2_000_000, 2_727_272, 2_727_273, 3_000_000]);
    expect(c.points.map((p) => p.selfHostedCheaper)).toEqual([false, false, true, true]);
    expect(c.points.map((p) => p.crossover)).toEqual([false, false, true, false]);
  });

  it('marks both crossovers around a GPU step', () => {
    // 5,500,000: 3 GPUs tie with the cloud; 5,518,801 needs a 4th GPU and self-hosting loses again.
    const c = curve(STEP_EXAMPLE, [5_499_999, 5_500_000, 5_518_800, 5_518_801]);
    expect(c.points.map((p) => p.gpus)).toEqual([3, 3, 3, 4]);
    expect(c.points.map((p) => p.selfHostedCheaper)).toEqual([false, true, true, false]);
    expect(c.points.map((p) => p.crossover)).toEqual([false, true, false, true]);
  });
});

describe('curveVolumes', () => {
  it('spans past the user\'s volume and the break-even, including both', () => {
    const r = curveVolumes(SEED_EXAMPLE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toContain(5_000_000);
    expect(r.value).toContain(2_727_273);
    expect(r.value[0]).toBe(1000);
    expect(r.value.at(-1)).toBe(50_000_000);
    expect([...r.value].sort((a, b) => a - b)).toEqual(r.value);
  });
});
