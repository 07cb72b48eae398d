import { describe, expect, it } from 'vitest';
import { anomalyCandidate, checkRules, createCooldowns, ruleKey } from '../../../shared/core/monitoring/alert-rules.ts';
import { alertRuleSchema, DEFAULT_ANOMALY, type AlertRuleConfig } from '../../../shared/core/monitoring/config.ts';
import type { QueryDigest } from '../../../shared/core/monitoring/digest.ts';
import { createRecentQueries, DAY_MS, HOUR_MS, type RecentQueries } from '../../../shared/core/monitoring/recent-queries.ts';

const NOW = Date.UTC(2026, 10, 28, 12);

let n = 0;
function digest(over: Partial<QueryDigest> = {}): QueryDigest {
  n++;
  return { id: `q-${n}`, createdAt: NOW - 60_000, costNano: 1_000_000, latencyMs: 500, status: 'ok', finalTier: 0, finalModel: 'llama3.2:3b', finalLocal: true, topTier: 1, usedVerifier: false, cacheHit: false, quality: 0.9, ...over };
}

function recentOf(ds: QueryDigest[]): RecentQueries {
  const r = createRecentQueries({ keepQueries: 1000 });
  for (const d of ds) r.add(d);
  return r;
}

const rule = (r: Record<string, unknown>): AlertRuleConfig => alertRuleSchema.parse(r);

function fires(r: AlertRuleConfig, ds: QueryDigest[], now = NOW) {
  return checkRules([r], recentOf(ds), now, createCooldowns(), 'q-trigger');
}

describe('alert rules', () => {
  // $0.001 per query: 30 queries in the last hour = $0.03; 30 more earlier today = $0.06 a day.
  const lastHour = () => Array.from({ length: 30 }, () => digest({ createdAt: NOW - 30 * 60_000 }));
  const earlierToday = () => Array.from({ length: 30 }, () => digest({ createdAt: NOW - 5 * HOUR_MS }));
  const yesterday = () => Array.from({ length: 30 }, () => digest({ createdAt: NOW - DAY_MS - HOUR_MS }));

  it('hourly cost greater than counts only the last 60 minutes', () => {
    const ds = [...yesterday(), ...earlierToday(), ...lastHour()];
    const fired = fires(rule({ metric: 'hourly_cost', condition: 'greater_than', threshold: 0.025 }), ds);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ source: 'rule', metric: 'hourly_cost', unit: 'nano_usd', value: 30_000_000, threshold: 25_000_000, samples: 30, queryId: 'q-trigger' });
    expect(fired[0]?.message).toContain('$0.03');
    expect(fires(rule({ metric: 'hourly_cost', condition: 'greater_than', threshold: 0.035 }), ds)).toEqual([]);
  });

  it('hourly cost less than fires on a quiet hour', () => {
    const ds = earlierToday();
    const fired = fires(rule({ metric: 'hourly_cost', condition: 'less_than', threshold: 0.001 }), ds);
    expect(fired.map((f) => [f.value, f.samples])).toEqual([[0, 0]]);
    expect(fires(rule({ metric: 'hourly_cost', condition: 'less_than', threshold: 0.001 }), lastHour())).toEqual([]);
  });

  it('daily cost covers 24 hours both ways', () => {
    const ds = [...yesterday(), ...earlierToday(), ...lastHour()];
    expect(fires(rule({ metric: 'daily_cost', condition: 'greater_than', threshold: 0.059 }), ds).map((f) => f.value)).toEqual([60_000_000]);
    expect(fires(rule({ metric: 'daily_cost', condition: 'greater_than', threshold: 0.061 }), ds)).toEqual([]);
    expect(fires(rule({ metric: 'daily_cost', condition: 'less_than', threshold: 0.061 }), ds).map((f) => f.value)).toEqual([60_000_000]);
    expect(fires(rule({ metric: 'daily_cost', condition: 'less_than', threshold: 0.059 }), ds)).toEqual([]);
  });

  it('avg quality over the last window of scored answers', () => {
    // 10 good answers long ago, then 20 weak ones, plus unscored ones that must not count.
    const ds = [
      ...Array.from({ length: 10 }, () => digest({ quality: 0.95 })),
      ...Array.from({ length: 20 }, () => digest({ quality: 0.6 })),
      ...Array.from({ length: 5 }, () => digest({ quality: null })),
    ];
    const low = fires(rule({ metric: 'avg_quality', condition: 'less_than', threshold: 0.7, window: 25, minQueries: 10 }), ds);
    expect(low).toHaveLength(1);
    expect(low[0]?.value).toBeCloseTo(0.6, 10);
    expect(low[0]?.samples).toBe(20);
    expect(low[0]?.message).toContain('0.60');
    expect(fires(rule({ metric: 'avg_quality', condition: 'greater_than', threshold: 0.65, window: 25, minQueries: 10 }), ds)).toEqual([]);
    const wide = fires(rule({ metric: 'avg_quality', condition: 'greater_than', threshold: 0.65, window: 35, minQueries: 10 }), ds);
    expect(wide[0]?.value).toBeCloseTo((10 * 0.95 + 20 * 0.6) / 30, 10);
  });

  it('verifier usage pct both conditions and only over multi tier queries', () => {
    const ds = [
      ...Array.from({ length: 12 }, () => digest({ usedVerifier: true, finalTier: 1 })),
      ...Array.from({ length: 8 }, () => digest()),
      ...Array.from({ length: 10 }, () => digest({ topTier: 0 })),
    ];
    const high = fires(rule({ metric: 'verifier_usage_pct', condition: 'greater_than', threshold: 0.5, minQueries: 20 }), ds);
    expect(high.map((f) => [f.value, f.samples])).toEqual([[0.6, 20]]);
    expect(high[0]?.message).toContain('60%');
    expect(fires(rule({ metric: 'verifier_usage_pct', condition: 'greater_than', threshold: 0.6, minQueries: 20 }), ds)).toEqual([]);
    expect(fires(rule({ metric: 'verifier_usage_pct', condition: 'less_than', threshold: 0.7, minQueries: 20 }), ds)).toHaveLength(1);
    expect(fires(rule({ metric: 'verifier_usage_pct', condition: 'less_than', threshold: 0.6, minQueries: 20 }), ds)).toEqual([]);
  });

  it('drafter acceptance rate uses the ledger definition', () => {
    const ds = [
      ...Array.from({ length: 6 }, () => digest()),
      // Drafts returned unverified (the verifier failed) are answered, but not accepted.
      ...Array.from({ length: 4 }, () => digest({ status: 'unverified', usedVerifier: true })),
      ...Array.from({ length: 10 }, () => digest({ finalTier: 1, usedVerifier: true })),
      // Failed runs and single-tier queries are not eligible.
      ...Array.from({ length: 5 }, () => digest({ status: 'failed' })),
      ...Array.from({ length: 5 }, () => digest({ topTier: 0 })),
    ];
    const low = fires(rule({ metric: 'drafter_acceptance_rate', condition: 'less_than', threshold: 0.5, minQueries: 20 }), ds);
    expect(low.map((f) => [f.value, f.samples])).toEqual([[0.3, 20]]);
    expect(fires(rule({ metric: 'drafter_acceptance_rate', condition: 'greater_than', threshold: 0.25, minQueries: 20 }), ds)).toHaveLength(1);
    expect(fires(rule({ metric: 'drafter_acceptance_rate', condition: 'greater_than', threshold: 0.3, minQueries: 20 }), ds)).toEqual([]);
  });

  it('leaves answers from the cache out of the acceptance and the verifier usage, and says how many', () => {
    const ds = [
      ...Array.from({ length: 6 }, () => digest()),
      ...Array.from({ length: 4 }, () => digest({ finalTier: 1, usedVerifier: true })),
      // Cached drafts and a cached verifier answer: no model ran.
      ...Array.from({ length: 9 }, () => digest({ cacheHit: true })),
      digest({ cacheHit: true, finalTier: 1 }),
    ];
    const acceptance = fires(rule({ metric: 'drafter_acceptance_rate', condition: 'less_than', threshold: 0.7, minQueries: 10 }), ds);
    expect(acceptance.map((f) => [f.value, f.samples])).toEqual([[0.6, 10]]);
    expect(acceptance[0]?.message).toBe('drafter_acceptance_rate < 0.7: drafter acceptance is 60%, below 70% (last 10 answered queries with a drafter; 10 answers from the cache left out).');
    const usage = fires(rule({ metric: 'verifier_usage_pct', condition: 'greater_than', threshold: 0.3, minQueries: 10 }), ds);
    expect(usage.map((f) => [f.value, f.samples])).toEqual([[0.4, 10]]);
    // Ten hits are not ten queries to judge: the rule waits.
    expect(fires(rule({ metric: 'drafter_acceptance_rate', condition: 'less_than', threshold: 0.7, minQueries: 11 }), ds)).toEqual([]);
  });

  it("leaves answers from the cache out of the average quality: their score is the replayed answer's, counted once", () => {
    // Ten answers the models produced, scored 0.6; ten hits replaying a 0.95 answer.
    const ds = [...Array.from({ length: 10 }, () => digest({ quality: 0.6 })), ...Array.from({ length: 10 }, () => digest({ cacheHit: true, quality: 0.95 }))];
    const low = fires(rule({ metric: 'avg_quality', condition: 'less_than', threshold: 0.7, minQueries: 10 }), ds);
    // With the hits the average would be 0.775, above the threshold: the drop would go unseen.
    expect(low[0]?.value).toBeCloseTo(0.6, 12);
    expect(low[0]?.samples).toBe(10);
    expect(low[0]?.message).toBe('avg_quality < 0.7: average answer quality is 0.60, below 0.70 (last 10 scored answers; 10 answers from the cache left out).');
    expect(fires(rule({ metric: 'avg_quality', condition: 'less_than', threshold: 0.7, minQueries: 11 }), ds)).toEqual([]);
  });

  it('waits for min queries before judging a ratio', () => {
    const ds = Array.from({ length: 5 }, () => digest({ usedVerifier: true, finalTier: 1 }));
    expect(fires(rule({ metric: 'verifier_usage_pct', condition: 'greater_than', threshold: 0.5, minQueries: 6 }), ds)).toEqual([]);
    expect(fires(rule({ metric: 'verifier_usage_pct', condition: 'greater_than', threshold: 0.5, minQueries: 5 }), ds)).toHaveLength(1);
  });

  it('stays quiet during the cooldown and fires again after', () => {
    const r = rule({ metric: 'hourly_cost', condition: 'greater_than', threshold: 0.001, cooldownMinutes: 30 });
    const cooldowns = createCooldowns();
    const recent = recentOf(Array.from({ length: 3 }, () => digest({ createdAt: NOW - 60_000 })));
    expect(checkRules([r], recent, NOW, cooldowns, null)).toHaveLength(1);
    expect(checkRules([r], recent, NOW + 29 * 60_000, cooldowns, null)).toEqual([]);
    expect(checkRules([r], recent, NOW + 30 * 60_000, cooldowns, null)).toHaveLength(1);
  });

  it('keeps a cooldown marked from an earlier run', () => {
    const r = rule({ metric: 'hourly_cost', condition: 'greater_than', threshold: 0.001 });
    const cooldowns = createCooldowns();
    cooldowns.mark(ruleKey(r), NOW - 10 * 60_000);
    expect(checkRules([r], recentOf(lastHour()), NOW, cooldowns, null)).toEqual([]);
  });

  it('writes a value close to its threshold with the decimals that tell them apart', () => {
    // Seen live: "average answer quality is 0.85, below 0.85" for a mean of 0.8465 (0.846 here).
    const quality = fires(rule({ metric: 'avg_quality', condition: 'less_than', threshold: 0.85, minQueries: 20 }), Array.from({ length: 20 }, () => digest({ quality: 0.8464 })));
    expect(quality[0]?.message).toBe('avg_quality < 0.85: average answer quality is 0.846, below 0.85 (last 20 scored answers).');
    // 126 of 250 queries: 50.4%, not "50%, above 50%".
    const usage = [...Array.from({ length: 126 }, () => digest({ usedVerifier: true, finalTier: 1 })), ...Array.from({ length: 124 }, () => digest())];
    const share = fires(rule({ metric: 'verifier_usage_pct', condition: 'greater_than', threshold: 0.5, window: 250 }), usage);
    expect(share[0]?.message).toContain('verifier usage is 50.4%, above 50%');
    // $10.004 in the last hour against a $10 limit, and a tenth of a cent against its own limit.
    expect(fires(rule({ metric: 'hourly_cost', condition: 'greater_than', threshold: 10 }), [digest({ costNano: 10_004_000_000 })])[0]?.message).toContain('is $10.004, above $10.00');
    expect(fires(rule({ metric: 'hourly_cost', condition: 'greater_than', threshold: 0.0001 }), [digest({ costNano: 100_400 })])[0]?.message).toContain('is $0.0001004, above $0.0001');
    // Far from the threshold nothing changes: the usual rounding.
    expect(fires(rule({ metric: 'avg_quality', condition: 'less_than', threshold: 0.85, minQueries: 20 }), Array.from({ length: 20 }, () => digest({ quality: 0.6123 })))[0]?.message).toContain('is 0.61, below 0.85');
  });

  it('turns an anomaly into an alert once per cooldown', () => {
    const cooldowns = createCooldowns();
    const a = { series: 'query_cost' as const, queryId: 'q-9', at: NOW, value: 5_000_000, mean: 100_000, sigma: 10_000, zScore: 490, bound: 130_000, samples: 100, tier: 1, model: 'gpt-4o', local: false };
    const c = anomalyCandidate(a, DEFAULT_ANOMALY, NOW, cooldowns);
    expect(c).toMatchObject({ source: 'anomaly', metric: 'query_cost', unit: 'nano_usd', value: 5_000_000, threshold: 130_000, zScore: 490, queryId: 'q-9', actions: ['banner'] });
    expect(c?.message).toBe('Cost spike: gpt-4o (cloud) answered a query for $0.005, 490.0 standard deviations above the mean of the last 100 queries its tier answered ($0.0001).');
    expect(anomalyCandidate(a, DEFAULT_ANOMALY, NOW + 60_000, cooldowns)).toBeNull();
    expect(anomalyCandidate(a, DEFAULT_ANOMALY, NOW + DEFAULT_ANOMALY.cooldownMinutes * 60_000, cooldowns)).not.toBeNull();
  });
});

it('names a local model as local in a cost spike', () => {
  const a = { series: 'query_cost' as const, queryId: 'q-1', at: NOW, value: 2_000_000, mean: 5_040, sigma: 1_000, zScore: 1_995, bound: 8_040, samples: 32, tier: 0, model: 'llama3.2:3b', local: true };
  const message = anomalyCandidate(a, DEFAULT_ANOMALY, NOW, createCooldowns())?.message ?? '';
  expect(message).toMatch(/^Cost spike: llama3\.2:3b \(local\) answered a query for \$0\.002/);
  expect(message).not.toMatch(/tier \d/);
});

describe('alert rule config', () => {
  it('rejects a percentage written as a whole number for a ratio metric', () => {
    const r = alertRuleSchema.safeParse({ metric: 'verifier_usage_pct', condition: 'greater_than', threshold: 50 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['threshold']);
    expect(alertRuleSchema.safeParse({ metric: 'hourly_cost', condition: 'greater_than', threshold: 50 }).success).toBe(true);
  });

  it('needs a webhook target for the webhook action', () => {
    expect(alertRuleSchema.safeParse({ metric: 'daily_cost', condition: 'greater_than', threshold: 5, actions: ['webhook'] }).success).toBe(false);
    expect(alertRuleSchema.safeParse({ metric: 'daily_cost', condition: 'greater_than', threshold: 5, actions: ['webhook'], webhookUrlEnv: 'SLACK_WEBHOOK_URL' }).success).toBe(true);
    expect(alertRuleSchema.safeParse({ metric: 'daily_cost', condition: 'greater_than', threshold: 5, actions: ['webhook'], webhookUrl: 'ftp://x' }).success).toBe(false);
  });

  it('fills-the-defaults', () => {
    expect(rule({ metric: 'daily_cost', condition: 'greater_than', threshold: 5 })).toEqual({
      metric: 'daily_cost',
      condition: 'greater_than',
      threshold: 5,
      actions: ['banner'],
      cooldownMinutes: 60,
      window: 100,
      minQueries: 20,
    });
  });
});
