import { describe, expect, it } from 'vitest';
import { cheapestReaching } from '../../../shared/core/replay/recommend.ts';
import {
  baselines,
  oracleAtTarget,
  oracleRouting,
  randomAtTarget,
  randomLike,
  routingPoint,
  type ReplayMatrix,
  type ReplayPoint,
} from '../../../shared/core/replay/metrics.ts';

// Five queries, drafter costs 1,000 nano and verifier 10,000 nano each.
// Labels (drafter, verifier): both right, only verifier x2, only drafter, both wrong.
// Drafter accuracy 0.4, verifier 0.6; verifier alone costs 50,000 nano.
const M: ReplayMatrix = {
  tierCount: 2,
  tiers: ['drafter', 'verifier'],
  labels: [
    [1, 1],
    [0, 1],
    [0, 1],
    [1, 0],
    [0, 0],
  ],
  costNano: Array.from({ length: 5 }, () => [1_000, 10_000]),
};
const zeros = [0, 0, 0, 0, 0];

describe('replay baselines on a hand-made trace', () => {
  it('always-drafter and always-verifier measure each tier alone', () => {
    const b = baselines(M);
    expect(b.always_verifier).toEqual({ threshold: null, escalation_rate: 1, answered_by: { drafter: 0, verifier: 1 }, quality: 0.6, relative_quality: 1, cost_usd: 0.00005, savings_pct: 0 });
    expect(b.always_drafter.quality).toBeCloseTo(0.4, 12);
    expect(b.always_drafter.relative_quality).toBeCloseTo(0.4 / 0.6, 12);
    expect(b.always_drafter.escalation_rate).toBe(0);
    expect(b.always_drafter.cost_usd).toBeCloseTo(0.000005, 15);
    expect(b.always_drafter.savings_pct).toBeCloseTo(90, 10);
  });

  it('the oracle escalates exactly the queries only the verifier gets right, paying the drafter too', () => {
    expect(oracleRouting(M).final).toEqual([0, 1, 1, 0, 0]);
    const o = baselines(M).oracle;
    expect(o.escalation_rate).toBeCloseTo(0.4, 12);
    expect(o.quality).toBeCloseTo(0.8, 12);
    expect(o.relative_quality).toBeCloseTo(0.8 / 0.6, 12);
    // 5 drafts (5,000) + 2 verifier calls (20,000) = 25,000 nano of 50,000.
    expect(o.cost_usd).toBeCloseTo(0.000025, 15);
    expect(o.savings_pct).toBeCloseTo(50, 10);
  });

  it('random routing is the exact expectation at the same escalation rate', () => {
    const r = randomLike(M, { final: [1, 0, 0, 1, 0], start: zeros }, 0.5);
    expect(r.threshold).toBe(0.5);
    expect(r.escalation_rate).toBeCloseTo(0.4, 12);
    // 0.6 x 0.4 + 0.4 x 0.6
    expect(r.quality).toBeCloseTo(0.48, 12);
    // 0.6 x 5,000 + 0.4 x 55,000 = 25,000 nano
    expect(r.cost_usd).toBeCloseTo(0.000025, 15);
    expect(r.savings_pct).toBeCloseTo(50, 10);
  });

  it('random routing needs 85% escalation for 95% of the verifier quality; the oracle 20%', () => {
    const r = randomAtTarget(M, 0.95) as ReplayPoint;
    expect(r.escalation_rate).toBeCloseTo(0.85, 12);
    expect(r.relative_quality).toBeCloseTo(0.95, 12);
    expect(r.cost_usd).toBeCloseTo(0.0000475, 15);
    const o = oracleAtTarget(M, 0.95) as ReplayPoint;
    expect(o.escalation_rate).toBeCloseTo(0.2, 12);
    expect(o.quality).toBeCloseTo(0.6, 12);
    expect(o.cost_usd).toBeCloseTo(0.000015, 15);
  });

  it('the oracle reaches above the verifier but not beyond its own ceiling', () => {
    expect(oracleAtTarget(M, 1.3)?.escalation_rate).toBeCloseTo(0.4, 12);
    expect(oracleAtTarget(M, 1.4)).toBeNull();
    expect(randomAtTarget(M, 1.01)).toBeNull();
  });

  it('a routing that skipped the drafter does not pay for it', () => {
    const p = routingPoint(M, { final: [1, 1, 1, 1, 1], start: [1, 1, 1, 1, 1] }, 0.3);
    expect(p.cost_usd).toBeCloseTo(0.00005, 15);
    expect(p.savings_pct).toBeCloseTo(0, 10);
    const paid = routingPoint(M, { final: [1, 1, 1, 1, 1], start: zeros }, 0.3);
    expect(paid.savings_pct).toBeCloseTo(-10, 10);
  });
});

describe('scores and unlabelled answers', () => {
  const S: ReplayMatrix = {
    tierCount: 2,
    tiers: ['drafter', 'verifier'],
    labels: [
      [8, 9],
      [10, 6],
      [7, 7],
      [null, 9],
    ],
    costNano: Array.from({ length: 4 }, () => [0, 1_000]),
  };

  it('averages scores over the queries whose every answer is labelled', () => {
    const b = baselines(S);
    expect(b.always_verifier.quality).toBeCloseTo((9 + 6 + 7) / 3, 12);
    expect(b.always_drafter.quality).toBeCloseTo((8 + 10 + 7) / 3, 12);
  });

  it('the oracle keeps ties and unlabelled queries on the drafter', () => {
    expect(oracleRouting(S).final).toEqual([1, 0, 0, 0]);
    expect(baselines(S).oracle.quality).toBeCloseTo((9 + 10 + 7) / 3, 12);
  });
});

describe('three tiers', () => {
  const T: ReplayMatrix = {
    tierCount: 3,
    tiers: ['small', 'mid', 'big'],
    labels: [
      [0, 1, 1],
      [0, 0, 1],
      [1, 1, 1],
      [0, 0, 0],
    ],
    costNano: Array.from({ length: 4 }, () => [100, 1_000, 10_000]),
  };

  it('the oracle stops at the lowest tier with the best answer', () => {
    expect(oracleRouting(T).final).toEqual([1, 2, 0, 0]);
    expect(baselines(T).oracle.answered_by).toEqual({ small: 0.5, mid: 0.25, big: 0.25 });
    // 4 drafts + 2 middle calls + 1 top call
    expect(baselines(T).oracle.cost_usd).toBeCloseTo((400 + 2_000 + 10_000) / 1e9, 15);
  });

  it('random routing keeps the share ending at each tier', () => {
    const r = randomLike(T, { final: [0, 1, 2, 2], start: [0, 0, 0, 0] }, 0.8);
    // shares 1/4, 1/4, 1/2; tier accuracies 0.25, 0.5, 0.75
    expect(r.quality).toBeCloseTo(0.25 * 0.25 + 0.25 * 0.5 + 0.5 * 0.75, 12);
    expect(r.escalation_rate).toBeCloseTo(0.75, 12);
    expect(r.answered_by).toEqual({ small: 0.25, mid: 0.25, big: 0.5 });
    // per query: 100 | 1,100 | 11,100, times 4 queries
    expect(r.cost_usd).toBeCloseTo((0.25 * 400 + 0.25 * 4_400 + 0.5 * 44_400) / 1e9, 15);
  });
});

describe('recommended threshold', () => {
  const point = (threshold: number, cost: number, rel: number): ReplayPoint => ({
    threshold,
    escalation_rate: 0,
    answered_by: { drafter: 1, verifier: 0 },
    quality: rel,
    relative_quality: rel,
    cost_usd: cost,
    savings_pct: 0,
  });

  it('is the cheapest point at or above the target', () => {
    const points = [point(0.2, 1, 0.8), point(0.5, 2, 0.949), point(0.6, 3, 0.95), point(0.7, 4, 0.99), point(0.9, 3, 0.97)];
    expect(cheapestReaching(points, 0.95)?.threshold).toBe(0.9);
    expect(cheapestReaching(points, 0.8)?.threshold).toBe(0.2);
    expect(cheapestReaching(points, 0.995)).toBeNull();
  });

  it('among thresholds that route the recording alike, takes the highest: the lowest would accept every draft', () => {
    // MT-Bench at a 90% target: 0.00 to 0.25 all keep every draft, at the drafter's cost.
    const tied = [0, 0.05, 0.1, 0.15, 0.2, 0.25].map((t) => point(t, 1, 0.904));
    const points = [...tied, point(0.3, 1.5, 0.91), point(0.5, 2, 0.95)];
    expect(cheapestReaching(points, 0.9)?.threshold).toBe(0.25);
    // Listed in any order.
    expect(cheapestReaching([...points].reverse(), 0.9)?.threshold).toBe(0.25);
    // Higher quality at the same cost still comes first.
    expect(cheapestReaching([...points, point(0.02, 1, 0.93)], 0.9)?.threshold).toBe(0.02);
  });
});
