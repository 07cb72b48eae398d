import { describe, expect, it } from 'vitest';
import { analyzeBreakEven } from '../../../shared/core/breakeven/analyze.ts';
import type { BreakEvenResult } from '../../../shared/core/breakeven/types.ts';
import { SEED_EXAMPLE } from './fixtures.ts';

function analyze(inputs: unknown): BreakEvenResult {
  const r = analyzeBreakEven(inputs);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

// By hand, per query (400 in + 100 out):
//   gpt-4o-mini draft: 400 x $0.15/1M + 100 x $0.60/1M = $0.00006 + $0.00006 = $0.00012 (120,000 nano)
//   gpt-4o verifier:   400 x $2.50/1M + 100 x $10/1M   = $0.001   + $0.001   = $0.002   (2,000,000 nano)
// Per month at 5,000,000 queries, 30% (1,500,000) escalated:
//   cloud only:          5M x $0.002                              = $10,000
//   cloud drafter:       5M x $0.00012 = $600  + 1.5M x $0.002 = $3,000  -> $3,600
//   self-hosted drafter: $200 GPU + $50 energy + $100 maintenance = $350 + $3,000 -> $3,350
//   GPUs: 1,250,000 s of generation / (730 h x 3600 s x 0.7 = 1,839,600 s) = 0.68 -> 1 GPU,
//         busy 1,250,000 / 2,628,000 = 47.6% of the month.
// Break-even (1 GPU): energy per query = 0.25 s x 400 W / 3.6e6 x $0.36 = $0.00001 (10,000 nano),
//   so each self-hosted draft saves $0.00012 - $0.00001 = $0.00011 before the $300 of GPU + maintenance:
//   $300 / $0.00011 = 2,727,272.7 -> 2,727,273 queries/month (within one GPU's 7,358,400).
// The seed's code instead charges $0.00015 per *million* tokens and only for accepted drafts:
//   5M x 0.7 x 500 / 1M x 0.00015 = $0.26/month of drafting, and a break-even of 6.7 billion queries.
describe('the seed guide\'s self-hosting example, with real prices', () => {
  const r = analyze(SEED_EXAMPLE);

  it('computes the three monthly costs', () => {
    expect(r.costs).toEqual({ cloudOnlyNano: 10_000e9, cloudDrafterNano: 3_600e9, selfHostedNano: 3_350e9 });
    expect(r.cloudDraftingNano).toBe(600e9);
    expect(r.escalatedQueries).toBe(1_500_000);
    expect(r.escalationNano).toBe(3_000e9);
  });

  it('drafts every query, not just the accepted ones', () => {
    // Drafting only the 70% accepted would be 3.5M x $0.00012 = $420.
    expect(r.cloudDraftingNano).not.toBe(420e9);
    expect(r.cloudDraftingNano).toBe(5_000_000 * 120_000);
  });

  it('sizes the GPUs and their electricity', () => {
    expect(r.selfHost.gpus).toBe(1);
    expect(r.selfHost.gpuNano).toBe(200e9);
    expect(r.selfHost.energyNano).toBe(50e9);
    expect(r.selfHost.maintenanceNano).toBe(100e9);
    expect(r.selfHost.generationHours).toBeCloseTo(347.2222, 4);
    expect(r.selfHost.utilization).toBeCloseTo(1_250_000 / 2_628_000, 12);
  });

  it('reports savings against cloud-only and between the drafters', () => {
    expect(r.savings).toEqual({
      cloudDrafterVsCloudOnlyNano: 6_400e9,
      selfHostedVsCloudOnlyNano: 6_650e9,
      selfHostedVsCloudDrafterNano: 250e9,
    });
  });

  it('finds the break-even volume at 2,727,273 queries/month', () => {
    expect(r.breakEvenQueries).toBe(2_727_273);
    expect(r.noBreakEvenReason).toBeNull();
    // One query less and self-hosting still costs more.
    const before = analyze({ ...SEED_EXAMPLE, monthlyQueries: 2_727_272 });
    expect(before.costs.selfHostedNano).toBeGreaterThan(before.costs.cloudDrafterNano);
    const at = analyze({ ...SEED_EXAMPLE, monthlyQueries: 2_727_273 });
    expect(at.costs.selfHostedNano).toBeLessThanOrEqual(at.costs.cloudDrafterNano);
  });

  it('says the decision in words', () => {
    expect(r.recommendation).toBe('self-host');
    expect(r.decision).toBe(
      'Self-host: at 5,000,000 queries/month a self-hosted drafter (1 GPU, 48% busy) saves $250.00/month over gpt-4o-mini; break-even at 2,727,273 queries/month.',
    );
  });
});

describe('below the break-even volume', () => {
  it('recommends the cloud drafter and says where self-hosting starts to pay', () => {
    // 1M queries: cloud drafter $120 + $600 = $720; self-hosted $200 + $10 energy + $100 + $600 = $910.
    const r = analyze({ ...SEED_EXAMPLE, monthlyQueries: 1_000_000 });
    expect(r.costs).toEqual({ cloudOnlyNano: 2_000e9, cloudDrafterNano: 720e9, selfHostedNano: 910e9 });
    expect(r.recommendation).toBe('cloud-drafter');
    expect(r.decision).toBe(
      'Cloud drafter: at 1,000,000 queries/month drafting on gpt-4o-mini costs $190.00/month less than a self-hosted drafter (1 GPU, 10% busy); self-hosting breaks even at 2,727,273 queries/month.',
    );
  });
});

describe('a rented GPU billed by the hour', () => {
  // $1/h, running half the month: 730 x 0.5 = 365 h = $365 per GPU; it can generate for
  // 365 h x 3600 x 0.7 = 919,800 s, i.e. 3,679,200 queries of 0.25 s.
  // 5M queries need 1,250,000 s -> 2 GPUs = $730, + $50 energy + $100 = $880 vs $600 of cloud drafts.
  // Break-even: saving $0.00011 per query; 1 GPU: $465 / $0.00011 = 4,227,273 > 3,679,200 (too many for 1 GPU);
  //   2 GPUs: $830 / $0.00011 = 7,545,455 > 7,358,400; 3 GPUs: $1,195 / $0.00011 = 10,863,636.4 -> 10,863,637.
  const hourly = { ...SEED_EXAMPLE, selfHost: { kind: 'hourly', gpuUsdPerHour: 1, utilization: 0.5 } } as const;

  it('bills the running hours and sizes GPUs on them', () => {
    const r = analyze(hourly);
    expect(r.selfHost.gpus).toBe(2);
    expect(r.selfHost.gpuNano).toBe(730e9);
    expect(r.costs.selfHostedNano).toBe(880e9 + 3_000e9);
    expect(r.selfHost.utilization).toBeCloseTo(1_250_000 / (2 * 1_314_000), 12);
  });

  it('finds the break-even in the first GPU-count step that reaches it', () => {
    const r = analyze(hourly);
    expect(r.breakEvenQueries).toBe(10_863_637);
    expect(analyze({ ...hourly, monthlyQueries: 10_863_637 }).selfHost.gpus).toBe(3);
    expect(r.decision).toBe(
      'Cloud drafter: at 5,000,000 queries/month drafting on gpt-4o-mini costs $280.00/month less than a self-hosted drafter (2 GPUs, 48% busy); self-hosting breaks even at 10.9M queries/month.',
    );
  });
});

describe('when drafts are rarely accepted', () => {
  it('recommends sending everything to the verifier', () => {
    // 3% accepted: escalations 4,850,000 x $0.002 = $9,700; cloud drafter $10,300, self-hosted $10,050,
    // cloud only $10,000. A cascade pays off only if acceptance x $0.002 beats the per-query draft cost.
    const r = analyze({ ...SEED_EXAMPLE, drafterAcceptanceRate: 0.03 });
    expect(r.costs).toEqual({ cloudOnlyNano: 10_000e9, cloudDrafterNano: 10_300e9, selfHostedNano: 10_050e9 });
    expect(r.recommendation).toBe('cloud-only');
    expect(r.savings.selfHostedVsCloudOnlyNano).toBe(-50e9);
    expect(r.decision).toBe(
      'Cloud only: at 5,000,000 queries/month with 3% of drafts accepted, sending every query straight to gpt-4o is cheapest; the cheaper cascade would cost $50.00/month more.',
    );
  });

  it('at no traffic says a cascade gains nothing, not that it costs $0.00 more', () => {
    const r = analyze({ ...SEED_EXAMPLE, monthlyQueries: 0 });
    expect(r.recommendation).toBe('cloud-only');
    expect(r.decision).toMatch(/; a cascade would cost the same, so it gains nothing here\.$/);
  });
});
