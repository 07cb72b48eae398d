import { describe, expect, it } from 'vitest';
import { analyzeBreakEven } from '../../../shared/core/breakeven/analyze.ts';
import type { BreakEvenResult } from '../../../shared/core/breakeven/types.ts';
import { SEED_EXAMPLE, STEP_EXAMPLE } from './fixtures.ts';

function analyze(inputs: unknown): BreakEvenResult {
  const r = analyzeBreakEven(inputs);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('GPU count', () => {
  it('adds a GPU exactly when the planned 70% load is exceeded', () => {
    // One GPU: 1,839,600 s of generation = 1,839,600 queries of 1 s.
    expect(analyze({ ...STEP_EXAMPLE, monthlyQueries: 1_839_600 }).selfHost).toMatchObject({ gpus: 1, utilization: 0.7 });
    expect(analyze({ ...STEP_EXAMPLE, monthlyQueries: 1_839_601 }).selfHost.gpus).toBe(2);
    expect(analyze({ ...STEP_EXAMPLE, monthlyQueries: 3_679_200 }).selfHost.gpus).toBe(2);
    expect(analyze({ ...STEP_EXAMPLE, monthlyQueries: 3_679_201 }).selfHost.gpus).toBe(3);
  });

  it('needs one GPU even for no traffic', () => {
    const r = analyze({ ...STEP_EXAMPLE, monthlyQueries: 0 });
    expect(r.selfHost).toMatchObject({ gpus: 1, utilization: 0 });
    // $100 GPU + $250 maintenance for nothing; the cloud costs nothing.
    expect(r.costs).toEqual({ cloudOnlyNano: 0, cloudDrafterNano: 0, selfHostedNano: 350e9 });
    expect(r.recommendation).toBe('cloud-only');
  });

  it('honours a different planned maximum load', () => {
    // At 100% load one GPU serves 730 x 3600 = 2,628,000 queries.
    expect(analyze({ ...STEP_EXAMPLE, maxUtilization: 1, monthlyQueries: 2_628_000 }).selfHost.gpus).toBe(1);
    expect(analyze({ ...STEP_EXAMPLE, maxUtilization: 1, monthlyQueries: 2_628_001 }).selfHost.gpus).toBe(2);
  });
});

describe('break-even across GPU steps', () => {
  // Each self-hosted query saves $0.0001; a full GPU saves 1,839,600 x $0.0001 = $183.96 for $100.
  //   1 GPU:  ($100 + $250) / $0.0001 = 3,500,000 > 1,839,600 (beyond one GPU)
  //   2 GPUs: ($200 + $250) / $0.0001 = 4,500,000 > 3,679,200
  //   3 GPUs: ($300 + $250) / $0.0001 = 5,500,000 <= 5,518,800 -> break-even at 5,500,000 with 3 GPUs.
  // Ignoring the steps (one GPU's cost spread per query) would give 250 / (0.0001 - 100/1,839,600) = 5,477,…;
  // ignoring them altogether (one GPU) would give 3,500,000. Both are wrong.
  it('takes the step function into account', () => {
    const r = analyze(STEP_EXAMPLE);
    expect(r.breakEvenQueries).toBe(5_500_000);
    const at = analyze({ ...STEP_EXAMPLE, monthlyQueries: 5_500_000 });
    expect(at.selfHost.gpus).toBe(3);
    expect(at.costs.selfHostedNano).toBe(at.costs.cloudDrafterNano);
    const before = analyze({ ...STEP_EXAMPLE, monthlyQueries: 5_499_999 });
    expect(before.costs.selfHostedNano).toBeGreaterThan(before.costs.cloudDrafterNano);
  });

  it('explains when the next GPU makes self-hosting lose again', () => {
    // 5,518,801 queries need a 4th GPU: $650 vs $551.88 of cloud drafts.
    const r = analyze({ ...STEP_EXAMPLE, monthlyQueries: 5_518_801 });
    expect(r.selfHost.gpus).toBe(4);
    expect(r.costs.selfHostedNano).toBe(650e9);
    expect(r.costs.cloudDrafterNano).toBe(551_880_100_000);
    expect(r.recommendation).toBe('cloud-drafter');
    expect(r.decision).toContain('self-hosting was cheaper from 5,500,000 queries/month, but this volume needs another GPU');
  });

  it('reports a tie without recommending the extra work of self-hosting', () => {
    const r = analyze({ ...STEP_EXAMPLE, monthlyQueries: 5_500_000 });
    expect(r.recommendation).toBe('cloud-drafter');
    expect(r.decision).toContain('costs the same as drafting on the cloud drafter');
  });
});

describe('no break-even', () => {
  it('never pays off when a full GPU costs more than the drafts it replaces', () => {
    // $200/GPU > $183.96 saved at full load: more traffic never catches up.
    const r = analyze({ ...STEP_EXAMPLE, selfHost: { kind: 'monthly', usdPerMonth: 200 } });
    expect(r.breakEvenQueries).toBeNull();
    expect(r.noBreakEvenReason).toBe('gpu-exceeds-savings');
    expect(r.decision).toContain('a fully loaded GPU costs more than the cloud drafts it replaces');
  });

  it('never pays off when electricity per query exceeds the cloud draft', () => {
    // 1 kW x 1 s at $10/kWh = $0.00278 per query > $0.0001.
    const r = analyze({ ...STEP_EXAMPLE, gpuWatts: 1000, electricityUsdPerKwh: 10 });
    expect(r.breakEvenQueries).toBeNull();
    expect(r.noBreakEvenReason).toBe('energy-exceeds-draft-price');
  });

  it('stops searching at the search limit', () => {
    const r = analyze({ ...SEED_EXAMPLE, searchLimitQueries: 1_000_000 });
    expect(r.breakEvenQueries).toBeNull();
    expect(r.noBreakEvenReason).toBe('beyond-search-limit');
  });

  it('breaks even from the first query when self-hosting has no fixed cost', () => {
    const r = analyze({ ...STEP_EXAMPLE, selfHost: { kind: 'monthly', usdPerMonth: 0 }, maintenanceUsdPerMonth: 0 });
    expect(r.breakEvenQueries).toBe(0);
  });
});
