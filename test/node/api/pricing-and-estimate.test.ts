// pricing.list serves the bundled list prices (for the break-even pickers); cascade.estimate
// prices a prompt per tier before sending, and says which tiers are local.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestBackend, startFakes, twoTierConfig, type Fakes, type TestBackend } from '../helpers/harness.ts';

let f: Fakes;
let t: TestBackend;
beforeAll(async () => {
  f = await startFakes();
  t = await openTestBackend(twoTierConfig(f));
});
afterAll(async () => {
  await t.close();
  await f.close();
});

it('lists bundled list prices per provider', async () => {
  const r = await t.backend.call('pricing.list', { providers: ['openai'] });
  if (!r.ok) throw new Error(r.error.message);
  const mini = r.value.models.find((m) => m.model === 'gpt-4o-mini');
  expect(mini).toEqual({ model: 'gpt-4o-mini', provider: 'openai', inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 });
  expect(r.value.models.every((m) => m.provider === 'openai' && m.inputPerMTok !== null)).toBe(true);
});

it('estimates the input cost per tier and marks local tiers', async () => {
  const r = await t.backend.call('cascade.estimate', { prompt: 'hello world' });
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.inputTokens).toBeGreaterThan(0);
  const [drafter, verifier] = r.value.tiers;
  expect(drafter).toMatchObject({ model: 'llama3.2:3b', local: true, pricing: 'energy' });
  // gpt-4o input: $2.50 per 1M tokens.
  expect(verifier).toMatchObject({ model: 'gpt-4o', local: false, pricing: 'list' });
  expect(verifier?.inputCostUsd).toBeCloseTo((r.value.inputTokens * 2500) / 1e9, 12);
});

it('counts the drafter once per answer it draws for its consistency samples', async () => {
  const config = twoTierConfig(f);
  const priced = { ...config, tiers: [{ model: 'gpt-4o-mini', provider: 'openai' as const, baseUrl: f.openai.url }, ...config.tiers.slice(1)] };
  const sampled = await openTestBackend({ ...priced, tiers: [{ ...priced.tiers[0]!, samples: 3 }, ...priced.tiers.slice(1)] });
  const single = await openTestBackend(priced);
  try {
    const a = await single.backend.call('cascade.estimate', { prompt: 'hello world' });
    const b = await sampled.backend.call('cascade.estimate', { prompt: 'hello world' });
    if (!a.ok || !b.ok) throw new Error('estimate failed');
    expect(a.value.tiers.map((x) => x.answers)).toEqual([1, 1]);
    expect(b.value.tiers.map((x) => x.answers)).toEqual([3, 1]);
    expect(b.value.tiers[0]?.inputCostUsd).toBeCloseTo(3 * (a.value.tiers[0]?.inputCostUsd ?? 0), 15);
    expect(b.value.tiers[1]?.inputCostUsd).toBe(a.value.tiers[1]?.inputCostUsd);
  } finally {
    await sampled.close();
    await single.close();
  }
});
