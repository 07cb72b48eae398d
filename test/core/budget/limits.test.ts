// Which limits apply to a query, the UTC periods they cover, the worst-case estimate, the config
// section's defaults and the state shown in progress bars.
import { describe, expect, it } from 'vitest';
import {
  budgetConfigSchema,
  budgetState,
  budgetsFor,
  budgetsToShow,
  capNano,
  estimateInputTokens,
  estimateRunCost,
  periodRange,
  worstOutputTokens,
  type OutputAssumption,
} from '../../../shared/core/budget/index.ts';
import { appConfigSchema, DEFAULT_CONFIG, type TierConfig } from '../../../shared/core/config/schema.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/index.ts';
import { estimateChatTokens, estimateTokens } from '../../../shared/core/tokens/estimate.ts';

const config = budgetConfigSchema.parse({
  daily: { limitUsd: 5 },
  monthly: { limitUsd: 100, graceRatio: 0.1 },
  perUser: { daily: { limitUsd: 1 } },
  users: { carol: { monthly: { limitUsd: 20 } } },
});

describe('budget limits', () => {
  it('the config section is optional and its defaults keep budgets lenient', () => {
    expect(DEFAULT_CONFIG.budget).toBeUndefined();
    expect(DEFAULT_CONFIG.cache).toBeUndefined();
    expect(budgetConfigSchema.parse({})).toEqual({
      enabled: true,
      users: {},
      nearLimitRatio: 0.8,
      nearLimitThreshold: 0.5,
      atLimit: 'refuse',
      expectedOutputTokens: 1024,
    });
    expect(appConfigSchema.safeParse({ ...DEFAULT_CONFIG, budget: { daily: { limitUsd: -1 } } }).success).toBe(false);
    expect(appConfigSchema.safeParse({ ...DEFAULT_CONFIG, budget: { users: { 'bad user': {} } } }).success).toBe(false);
    expect(appConfigSchema.safeParse({ ...DEFAULT_CONFIG, budget: { atLimit: 'panic' } }).success).toBe(false);
  });

  it('a user gets the global limits plus their own', () => {
    expect(budgetsFor(undefined, 'alice')).toEqual([]);
    expect(budgetsFor({ ...config, enabled: false }, 'alice')).toEqual([]);
    expect(budgetsFor(config, undefined).map((b) => b.name)).toEqual(['daily', 'monthly']);
    expect(budgetsFor(config, 'alice')).toEqual([
      { name: 'daily', period: 'day', userId: null, limitNano: 5_000_000_000, graceRatio: 0 },
      { name: 'monthly', period: 'month', userId: null, limitNano: 100_000_000_000, graceRatio: 0.1 },
      { name: 'user:alice:daily', period: 'day', userId: 'alice', limitNano: 1_000_000_000, graceRatio: 0 },
    ]);
    // A named user's entry replaces perUser.
    expect(budgetsFor(config, 'carol').map((b) => b.name)).toEqual(['daily', 'monthly', 'user:carol:monthly']);
    expect(budgetsToShow(config, undefined).map((b) => b.name)).toEqual(['daily', 'monthly', 'user:carol:monthly']);
    expect(capNano(budgetsFor(config, undefined)[1]!)).toBe(110_000_000_000);
  });

  it('periods are the utc day and the utc calendar month', () => {
    const t = Date.UTC(2031, 11, 31, 23, 59, 59, 999);
    expect(periodRange('day', t)).toEqual({ from: Date.UTC(2031, 11, 31), to: Date.UTC(2032, 0, 1) });
    expect(periodRange('month', t)).toEqual({ from: Date.UTC(2031, 11, 1), to: Date.UTC(2032, 0, 1) });
    expect(periodRange('month', Date.UTC(2032, 1, 29, 12))).toEqual({ from: Date.UTC(2032, 1, 1), to: Date.UTC(2032, 2, 1) });
    expect(periodRange('day', Date.UTC(2032, 0, 1))).toEqual({ from: Date.UTC(2032, 0, 1), to: Date.UTC(2032, 0, 2) });
  });

  it('the estimate adds every tier that may run and counts tools', () => {
    const pricing = pricingContextFromConfig(appConfigSchema.parse({ ...DEFAULT_CONFIG, prices: { cheap: { inputPerMTok: 1, outputPerMTok: 2 } } }));
    const tiers: TierConfig[] = [
      { model: 'cheap', provider: 'openai' },
      { model: 'dear', provider: 'openai', price: { inputPerMTok: 10, outputPerMTok: 20 } },
      { model: 'mystery-model-without-a-price', provider: 'openai' },
    ];
    const e = estimateRunCost(pricing, tiers, 100, { expected: 50 });
    // cheap: 100 × 1000 + 50 × 2000; dear: 100 × 10,000 + 50 × 20,000 (nano per token = USD/MTok × 1000).
    expect(e.costNano).toBe(200_000 + 2_000_000);
    expect(e.unpriced).toEqual(['mystery-model-without-a-price']);
    const messages = [{ role: 'user' as const, content: 'hello there' }];
    const tools = [{ name: 'lookup', parameters: { type: 'object' } }];
    expect(estimateInputTokens(messages)).toBe(estimateChatTokens(messages));
    expect(estimateInputTokens(messages, tools)).toBe(estimateChatTokens(messages) + estimateTokens(JSON.stringify(tools)));
  });

  it('a drafter with consistency samples is reserved once per answer it draws; the last tier never samples', () => {
    const pricing = pricingContextFromConfig(appConfigSchema.parse(DEFAULT_CONFIG));
    const cheap = { model: 'cheap', provider: 'openai' as const, price: { inputPerMTok: 1, outputPerMTok: 2 } };
    const dear = { model: 'dear', provider: 'openai' as const, price: { inputPerMTok: 10, outputPerMTok: 20 } };
    expect(estimateRunCost(pricing, [{ ...cheap, samples: 3 }, dear], 100, { expected: 50 }).costNano).toBe(3 * 200_000 + 2_000_000);
    expect(estimateRunCost(pricing, [cheap, { ...dear, samples: 3 }], 100, { expected: 50 }).costNano).toBe(200_000 + 2_000_000);
  });

  it('a tier that thinks at a level is reserved what its thinking may write, unless maxTokens caps it', () => {
    const pricing = pricingContextFromConfig(appConfigSchema.parse(DEFAULT_CONFIG));
    const claude: TierConfig = { model: 'claude-sonnet-4-6', provider: 'anthropic', price: { inputPerMTok: 3, outputPerMTok: 15 } };
    const gpt: TierConfig = { model: 'gpt-5-mini', provider: 'openai', price: { inputPerMTok: 1, outputPerMTok: 2 } };
    const expected = { expected: 1024 };
    const cost = (tier: TierConfig, output: OutputAssumption = expected) => estimateRunCost(pricing, [tier], 100, output);
    // Claude: thinking and answer share the 16,384 max_tokens the adapter sends.
    expect(cost({ ...claude, thinking: 'high' }).outputTokens).toEqual([16_384]);
    expect(cost({ ...claude, thinking: 'high' }).costNano).toBe(100 * 3000 + 16_384 * 15_000);
    expect(cost({ ...claude, thinking: 'high' }).costNano).toBeGreaterThan(cost({ ...claude, thinking: 'off' }).costNano);
    for (const thinking of ['off', undefined] as const) expect(cost({ ...claude, thinking }).outputTokens).toEqual([1024]);
    for (const thinking of ['low', 'medium'] as const) expect(cost({ ...claude, thinking }).outputTokens).toEqual([16_384]);
    // A server without a cap is assumed to think as far; a larger expected answer is kept.
    expect(cost({ ...gpt, thinking: 'low' }).outputTokens).toEqual([16_384]);
    expect(cost({ ...gpt, thinking: 'low' }, { expected: 20_000 }).outputTokens).toEqual([20_000]);
    // maxTokens caps thinking and answer on every provider.
    expect(cost({ ...claude, thinking: 'high' }, { maxTokens: 500, expected: 1024 }).outputTokens).toEqual([500]);
    expect(worstOutputTokens({ ...gpt, thinking: 'high' }, { maxTokens: 500, expected: 1024 })).toBe(500);
    // Each tier of a cascade is reserved its own.
    expect(estimateRunCost(pricing, [gpt, { ...claude, thinking: 'high' }], 100, expected).outputTokens).toEqual([1024, 16_384]);
  });

  /** A small query: $0.10 worst case, $0.01 of it the drafter's. */
  const small = { estimateNano: 100_000_000, drafterEstimateNano: 10_000_000, drafterIsFree: false, hasVerifier: true };

  it('the state shows used reserved and where it stands', () => {
    const spec = budgetsFor(config, undefined)[0]!;
    const now = Date.UTC(2030, 5, 1, 10);
    const s = budgetState(spec, { spentNano: 3_000_000_000, reservedNano: 1_000_000_000 }, { nearLimitRatio: 0.8, nearLimitThreshold: 0.5, atLimit: 'refuse' }, now, small);
    expect(s).toEqual({
      name: 'daily',
      period: 'day',
      userId: null,
      from: Date.UTC(2030, 5, 1),
      to: Date.UTC(2030, 5, 2),
      limitNano: 5_000_000_000,
      limitUsd: 5,
      graceRatio: 0,
      capNano: 5_000_000_000,
      spentNano: 3_000_000_000,
      spentUsd: 3,
      reservedNano: 1_000_000_000,
      reservedUsd: 1,
      usedRatio: 0.8,
      state: 'near',
      nextQuery: 'prefer-drafter',
    });
    expect(budgetState(spec, { spentNano: 5_000_000_000, reservedNano: 0 }, { nearLimitRatio: 0.8, nearLimitThreshold: 0.5, atLimit: 'refuse' }, now, small).state).toBe('over');
  });

  it('says when even the smallest query no longer fits, though the bar is not over the limit', () => {
    const spec = budgetsFor(config, undefined)[0]!;
    const now = Date.UTC(2030, 5, 1, 10);
    const policy = { nearLimitRatio: 0.8, nearLimitThreshold: 0.5, atLimit: 'drafter-only' as const };
    // $4.95 of $5.00: 99% (near), and a $0.10 query would end past the limit.
    const tight = budgetState(spec, { spentNano: 4_950_000_000, reservedNano: 0 }, policy, now, small);
    expect([tight.state, tight.nextQuery]).toEqual(['near', 'drafter-only']);
    // $4.995: not even the drafter's $0.01 fits.
    expect(budgetState(spec, { spentNano: 4_995_000_000, reservedNano: 0 }, policy, now, small).nextQuery).toBe('refuse');
    // A query as large as the whole limit blocks from a bar that reads "within budget".
    const large = budgetState(spec, { spentNano: 1_000_000_000, reservedNano: 0 }, policy, now, { ...small, estimateNano: 4_500_000_000 });
    expect([large.state, large.nextQuery]).toEqual(['ok', 'drafter-only']);
    expect(budgetState(spec, { spentNano: 1_000_000_000, reservedNano: 0 }, policy, now, small).nextQuery).toBe('normal');
  });
});
