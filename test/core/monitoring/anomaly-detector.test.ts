import { describe, expect, it } from 'vitest';
import { createAnomalyDetector, type AnomalyOptions } from '../../../shared/core/monitoring/anomaly-detector.ts';
import type { QueryDigest } from '../../../shared/core/monitoring/digest.ts';

// No minimum cost: these tests are about the statistics (the minimum has its own tests below).
const OPTS: AnomalyOptions = { window: 100, threshold: 3, minSamples: 20, recent: 20, minSpikeUsd: 0 };

let n = 0;
function digest(over: Partial<QueryDigest> = {}): QueryDigest {
  n++;
  return { id: `q-${n}`, createdAt: n * 1000, costNano: 100_000, latencyMs: 500, status: 'ok', finalTier: 0, finalModel: 'llama3.2:3b', finalLocal: true, topTier: 1, usedVerifier: false, cacheHit: false, quality: 0.9, ...over };
}

/** Steady traffic: drafts around $0.0001 (±4%), every third query escalated around $0.001. */
function steady(i: number): QueryDigest {
  const wobble = 1 + 0.04 * Math.sin(i * 1.7);
  return i % 3 === 0
    ? digest({ finalTier: 1, finalModel: 'gpt-4o', finalLocal: false, usedVerifier: true, costNano: Math.round(1_000_000 * wobble) })
    : digest({ costNano: Math.round(100_000 * wobble) });
}

describe('anomaly detector', () => {
  it('stays quiet on steady traffic including routine escalations', () => {
    const d = createAnomalyDetector(OPTS);
    const found = Array.from({ length: 600 }, (_, i) => d.observe(steady(i))).flat();
    expect(found).toEqual([]);
  });

  it('flags an injected cost spike against the same tier', () => {
    const d = createAnomalyDetector(OPTS);
    for (let i = 0; i < 300; i++) d.observe(steady(i));
    const spike = digest({ costNano: 5_000_000 });
    const found = d.observe(spike);
    expect(found).toHaveLength(1);
    const a = found[0];
    expect(a?.series).toBe('query_cost');
    expect(a?.queryId).toBe(spike.id);
    expect(a?.tier).toBe(0);
    expect([a?.model, a?.local]).toEqual(['llama3.2:3b', true]);
    expect(a?.value).toBe(5_000_000);
    expect(a?.zScore).toBeGreaterThan(3);
    // The drafter window's mean is ~$0.0001, not the pooled mean with escalations in it.
    expect(a?.mean).toBeGreaterThan(95_000);
    expect(a?.mean).toBeLessThan(105_000);
    expect(a?.samples).toBe(100);
    expect(a?.bound).toBeCloseTo((a?.mean ?? 0) + 3 * (a?.sigma ?? 0), 6);
  });

  it('does not flag a cheaper query', () => {
    const d = createAnomalyDetector(OPTS);
    for (let i = 0; i < 200; i++) d.observe(steady(i));
    expect(d.observe(digest({ costNano: 0 }))).toEqual([]);
  });

  it('treats a perfectly steady history with a ten percent spread floor', () => {
    const d = createAnomalyDetector(OPTS);
    for (let i = 0; i < 50; i++) d.observe(digest({ costNano: 100_000 }));
    // sigma floors at 10% of the mean: 1.25x is 2.5 sigma, 1.35x is 3.5 sigma.
    expect(d.observe(digest({ costNano: 125_000 }))).toEqual([]);
    expect(d.observe(digest({ costNano: 135_000 })).map((a) => a.series)).toEqual(['query_cost']);
  });

  it('keeps answers from the cache out of the tiers\' cost windows, where their $0s would hide a spike', () => {
    // Steady verifier answers around $0.001, each asked again and served at $0. In the verifier's
    // window the $0s would halve its mean and spread it wide, hiding an answer 80% dearer.
    const d = createAnomalyDetector(OPTS);
    for (let i = 0; i < 60; i++) {
      const cost = Math.round(1_000_000 * (1 + 0.04 * Math.sin(i)));
      expect(d.observe(digest({ finalTier: 1, usedVerifier: true, costNano: cost }))).toEqual([]);
      expect(d.observe(digest({ finalTier: 1, cacheHit: true, costNano: 0 }))).toEqual([]);
    }
    expect(d.observe(digest({ finalTier: 1, usedVerifier: true, costNano: 1_800_000 })).map((a) => [a.series, a.samples])).toEqual([['query_cost', 60]]);
  });

  it('gives no verdict before min samples', () => {
    const d = createAnomalyDetector(OPTS);
    for (let i = 0; i < 19; i++) d.observe(digest());
    expect(d.observe(digest({ costNano: 100_000_000 }))).toEqual([]);
    expect(d.observe(digest({ costNano: 100_000_000 })).map((a) => a.series)).toEqual(['query_cost']);
  });

  it('flags a jump in verifier share', () => {
    const d = createAnomalyDetector(OPTS);
    // 20% of queries escalate (every fifth), at a steady cost per tier.
    for (let i = 0; i < 150; i++) {
      const up = i % 5 === 0;
      expect(d.observe(digest({ finalTier: up ? 1 : 0, usedVerifier: up, costNano: up ? 1_000_000 : 100_000 }))).toEqual([]);
    }
    const shares: number[] = [];
    for (let i = 0; i < 20; i++) {
      for (const a of d.observe(digest({ finalTier: 1, usedVerifier: true, costNano: 1_000_000 }))) if (a.series === 'verifier_share') shares.push(a.value);
    }
    expect(shares.length).toBeGreaterThan(0);
    // It fires once the recent share is clearly above 20%, long before all 20 escalate.
    expect(shares[0]).toBeGreaterThan(0.4);
    expect(shares[0]).toBeLessThan(1);
  });

  it('ignores single tier queries for the verifier share', () => {
    const d = createAnomalyDetector(OPTS);
    for (let i = 0; i < 200; i++) d.observe(digest({ topTier: 0, finalTier: 0 }));
    expect(d.observe(digest({ topTier: 0, finalTier: 0 }))).toEqual([]);
  });

  it('seeds from history without reporting and then judges against it', () => {
    const d = createAnomalyDetector(OPTS);
    const history = [...Array.from({ length: 100 }, (_, i) => steady(i)), digest({ costNano: 50_000_000 })];
    d.seed(history);
    // The seeded spike is in the window now; a second one still stands out against 60+ drafts.
    const found = d.observe(digest({ costNano: 50_000_000 }));
    expect(found.map((a) => a.series)).toEqual(['query_cost']);
  });

  it('honours-the-threshold', () => {
    const loose = createAnomalyDetector({ ...OPTS, threshold: 10 });
    for (let i = 0; i < 100; i++) loose.observe(digest({ costNano: 100_000 }));
    // 5 sigma (sigma floored at 10 000 nano) is below a threshold of 10.
    expect(loose.observe(digest({ costNano: 150_000 }))).toEqual([]);
  });
});

describe('anomaly detector minimum spike cost', () => {
  /** A local drafter's answers: about $0.000005 each (±4%), as in the daily user's ledger. */
  function localDrafts(d: ReturnType<typeof createAnomalyDetector>, count: number): void {
    for (let i = 0; i < count; i++) d.observe(digest({ costNano: Math.round(5_040 * (1 + 0.04 * Math.sin(i * 1.7))) }));
  }

  it('does not report a long local answer that costs a hundredth of a cent, many sigmas up', () => {
    const quiet = createAnomalyDetector({ ...OPTS, minSpikeUsd: 0.001 });
    const loud = createAnomalyDetector(OPTS);
    localDrafts(quiet, 32);
    localDrafts(loud, 32);
    // $0.0000753 against a mean of ~$0.00000504: far beyond 3 sigma, and still not worth an alert.
    expect(quiet.observe(digest({ costNano: 75_300 }))).toEqual([]);
    const [a] = loud.observe(digest({ costNano: 75_300 }));
    expect(a?.zScore).toBeGreaterThan(17);
  });

  it('reports a spike at or above the minimum, naming the model that answered', () => {
    const d = createAnomalyDetector({ ...OPTS, minSpikeUsd: 0.001 });
    localDrafts(d, 32);
    expect(d.observe(digest({ costNano: 999_999 }))).toEqual([]);
    const [a] = d.observe(digest({ costNano: 1_000_000, finalModel: 'qwen2.5:7b', finalLocal: true }));
    expect(a).toMatchObject({ series: 'query_cost', value: 1_000_000, tier: 0, model: 'qwen2.5:7b', local: true });
  });

  it('keeps a query below the minimum in the window', () => {
    const d = createAnomalyDetector({ ...OPTS, minSpikeUsd: 0.001 });
    localDrafts(d, 30);
    expect(d.observe(digest({ costNano: 900_000 }))).toEqual([]);
    const [a] = d.observe(digest({ costNano: 50_000_000 }));
    // 30 drafts and the cheap spike: the window's mean carries the $0.0009 in it.
    expect(a?.samples).toBe(31);
    expect(a?.mean).toBeGreaterThan(900_000 / 31);
  });

  it('leaves the verifier share alone', () => {
    const d = createAnomalyDetector({ ...OPTS, minSpikeUsd: 1_000 });
    for (let i = 0; i < 150; i++) d.observe(digest({ finalTier: i % 5 === 0 ? 1 : 0, usedVerifier: i % 5 === 0, costNano: 100 }));
    const found = Array.from({ length: 20 }, () => d.observe(digest({ finalTier: 1, usedVerifier: true, costNano: 100 }))).flat();
    expect(found.map((a) => a.series)).toContain('verifier_share');
    expect(found.every((a) => a.model === null)).toBe(true);
  });
});
