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
