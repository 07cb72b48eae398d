// Budget behaviour through the real backend: near a limit the drafter is preferred (and the
// decision says so), grace lets the last query run past the limit, at the limit the run is
// refused or answered by the drafter only, per-user limits hold each user separately, and a new
// UTC day starts a new daily budget.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfigInput } from '../../../shared/core/config/schema.ts';
import { TEST_ANTHROPIC_KEY_ENV, fakesForFile } from '../helpers/harness.ts';
import { NOON, openSpendBackend, pricedConfig, runOk, type SpendBackend } from './spend-harness.ts';

const GOOD_MATH = 'Janet has 16 - 3 = 13 eggs left, then 13 - 4 = 9. She sells 9 * 2 = 18 dollars of eggs.\n#### 18';
const WRONG_MATH = 'She has 16 - 3 = 13 eggs, then 13 - 4 = 9. She makes 9 * 2 = 20 dollars.\n#### 20';
const QUESTION = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?";

/** $0.01 = 10,000,000 nano-USD. */
const LIMIT_NANO = 10_000_000;
const LIMIT_USD = LIMIT_NANO / 1e9;

const f = fakesForFile();
let t: SpendBackend | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

async function open(budget: AppConfigInput['budget']) {
  t = await openSpendBackend(pricedConfig(f, { budget }));
  return t;
}

// Persistent scripts (not queues), set before every run, so a failed test leaves nothing behind.
const draftAnswers = (text: string) => f.ollama.script('drafter', { text, usage: { input: 40, output: 30 } });

/**
 * Escalates to the verifier, which reports `outputTokens` and no input: costs outputTokens × 10,000
 * nano exactly. maxTokens stays 10 unless given, so the run's estimate is small and admission only
 * depends on what is already spent.
 */
async function spend(tb: SpendBackend, outputTokens: number, extra: Record<string, unknown> = {}) {
  draftAnswers(WRONG_MATH);
  f.openai.script('gpt-4o', { text: GOOD_MATH, usage: { input: 0, output: outputTokens } });
  const o = await runOk(tb, { prompt: QUESTION, maxTokens: 10, ...extra });
  expect(o.model).toBe('gpt-4o');
  return o;
}

async function refusal(tb: SpendBackend, input: Record<string, unknown>) {
  const r = await tb.backend.call('cascade.run', { prompt: QUESTION, maxTokens: 10, ...input } as never);
  if (r.ok) throw new Error(`expected a refusal, got an answer from ${r.value.model}: ${r.value.decision}`);
  return r.error;
}

describe('budget limits', () => {
  it('near the limit the drafter is preferred with a lower threshold stated in the decision', async () => {
    const tb = await open({ daily: { limitUsd: LIMIT_USD } });
    await spend(tb, 850); // 8,500,000 nano: 85% of the limit
    draftAnswers(GOOD_MATH);
    const o = await runOk(tb, { prompt: QUESTION, maxTokens: 10 });
    expect(o.model).toBe('drafter');
    expect(o.attempts[0]?.quality?.threshold).toBe(0.5);
    expect(o.routing.domainReasons).toContain("budget 'daily' is 85% spent: threshold lowered to 0.5");
    expect(o.decision).toMatch(/^budget 'daily' is 85% spent: threshold lowered to 0\.5\. Accepted drafter's answer/);

    // A lower threshold the caller asked for is kept, and said so.
    draftAnswers(GOOD_MATH);
    const lower = await runOk(tb, { prompt: QUESTION, maxTokens: 10, threshold: 0.3 });
    expect(lower.attempts[0]?.quality?.threshold).toBe(0.3);
    expect(lower.decision).toMatch(/threshold kept at 0\.3/);
  });

  it('near the limit a configured threshold below the near one is not raised', async () => {
    t = await openSpendBackend(pricedConfig(f, { budget: { daily: { limitUsd: LIMIT_USD } }, quality: { threshold: 0.4 } }));
    await spend(t, 850);
    draftAnswers(GOOD_MATH);
    const o = await runOk(t, { prompt: QUESTION, maxTokens: 10 });
    expect(o.attempts[0]?.quality?.threshold).toBe(0.4);
    expect(o.routing.domainReasons).toContain("budget 'daily' is 85% spent: threshold kept at 0.4");
  });

  it('below the near ratio nothing changes', async () => {
    const tb = await open({ daily: { limitUsd: LIMIT_USD }, nearLimitRatio: 0.9 });
    await spend(tb, 850);
    draftAnswers(GOOD_MATH);
    const o = await runOk(tb, { prompt: QUESTION, maxTokens: 10 });
    expect(o.attempts[0]?.quality?.threshold).toBe(0.7);
    expect(o.decision).not.toMatch(/budget/);
  });

  it('grace admits a query that ends past the limit but within the grace then refuses', async () => {
    const strict = await open({ daily: { limitUsd: LIMIT_USD } });
    await spend(strict, 850);
    // Worst case 500 output tokens = 5,000,000 nano (+ input): 85% + 50% > 100%.
    const e = await refusal(strict, { maxTokens: 500 });
    expect(e.code).toBe('budget_exceeded');
    expect(e.message).toMatch(/^Budget 'daily' \(\$0\.01 a day\) is 85% spent and this query could cost up to \$0\.00\d+: refused\.$/);
    await strict.close();
    t = null;

    const graceful = await open({ daily: { limitUsd: LIMIT_USD, graceRatio: 0.5 } });
    await spend(graceful, 850);
    const within = await spend(graceful, 500, { maxTokens: 500 });
    expect(within.decision).toMatch(/budget 'daily' is 85% spent/);
    const spent = graceful.rows<{ spent: number }>('SELECT SUM(cost_nano) AS spent FROM queries')[0]?.spent ?? NaN;
    expect(spent).toBe(13_500_000);
    expect(spent).toBeLessThanOrEqual(LIMIT_NANO * 1.5);
    const after = await refusal(graceful, {});
    expect(after.message).toMatch(/budget 'daily' .* is 135% spent: refused/i);
    const status = await graceful.backend.call('budget.status', {});
    expect(status.ok && status.value.budgets[0]).toMatchObject({ name: 'daily', graceRatio: 0.5, capNano: 15_000_000, spentNano: 13_500_000, state: 'over' });
  });

  it('at the limit refuse names the budget and calls no model', async () => {
    const tb = await open({ monthly: { limitUsd: LIMIT_USD }, atLimit: 'refuse' });
    await spend(tb, 1000);
    const drafterCalls = f.ollama.chatRequests().length;
    const verifierCalls = f.openai.chatRequests().length;
    const e = await refusal(tb, {});
    expect(e.code).toBe('budget_exceeded');
    expect(e.details?.budget).toBe('monthly');
    expect(e.message).toMatch(/Budget 'monthly' \(\$0\.01 a month\) is 100% spent: refused/);
    expect(f.ollama.chatRequests().length).toBe(drafterCalls);
    expect(f.openai.chatRequests().length).toBe(verifierCalls);
    expect(tb.rows<{ n: number }>('SELECT COUNT(*) AS n FROM queries')[0]?.n).toBe(1);
  });

  it('at the limit drafter only answers with the first tier and says why', async () => {
    const tb = await open({ daily: { limitUsd: LIMIT_USD }, atLimit: 'drafter-only' });
    await spend(tb, 1000);
    const verifierCalls = f.openai.chatRequests().length;
    // Even a draft the verifier would have been asked about is returned: there is no verifier.
    draftAnswers(WRONG_MATH);
    const o = await runOk(tb, { prompt: QUESTION });
    expect(o.model).toBe('drafter');
    expect(o.tier).toBe(0);
    expect(o.decision).toMatch(/^budget 'daily' \(\$0\.01 a day\) is 100% spent: answered with the drafter only\./);
    // The wrong draft is kept because nothing above it may be asked, and the decision says so.
    expect(o.decision).toMatch(/Kept drafter's answer although it scored 0\.\d\d < 0\.\d\d: no tier above it could be asked \(.*wrong.*\)\.$/);
    expect(f.openai.chatRequests().length).toBe(verifierCalls);
    // The cascade stays whole: the drafter answered as the drafter, and the verifier it spared is the baseline.
    expect(o.routing.tierModels).toEqual(['drafter', 'gpt-4o']);
    expect(o.attempts.map((a) => a.role)).toEqual(['draft']);
    expect(o.baselineEstimated).toBe(true);
    expect(o.savingsUsd).toBeGreaterThan(0);
    const [row] = tb.rows<{ top_tier: number; final_tier: number; cost_nano: number; baseline_cost_nano: number }>('SELECT top_tier, final_tier, cost_nano, baseline_cost_nano FROM queries ORDER BY rowid DESC LIMIT 1');
    expect(row).toMatchObject({ top_tier: 1, final_tier: 0, cost_nano: 0 });
    expect(row?.baseline_cost_nano).toBeGreaterThan(0);
  });

  it('the status says every answer is drafter-only once no query fits, though the bar is within the limit', async () => {
    // A query without maxTokens is reserved 600 output tokens of the verifier: 6,000,000 nano.
    const tb = await open({ daily: { limitUsd: LIMIT_USD }, atLimit: 'drafter-only', expectedOutputTokens: 600 });
    const before = await tb.backend.call('budget.status', {});
    expect(before.ok && before.value.budgets[0]).toMatchObject({ state: 'ok', nextQuery: 'normal' });
    await spend(tb, 500); // 50%: 5,000,000 + 6,000,000 would end past the limit
    const status = await tb.backend.call('budget.status', {});
    expect(status.ok && status.value.budgets[0]).toMatchObject({ name: 'daily', state: 'ok', nextQuery: 'drafter-only' });
    // What the status says is what admission does.
    draftAnswers(WRONG_MATH);
    const o = await runOk(tb, { prompt: QUESTION });
    expect(o.model).toBe('drafter');
    expect(o.decision).toMatch(/answered with the drafter only/);
  });

  it('a verifier that thinks is reserved what its thinking may write, and admission goes by it', async () => {
    // Claude at $3 / $15 per 1M tokens: without maxTokens its answer is reserved the expected 1,024
    // output tokens (15,360,000 nano), but thinking at a level may write up to the 16,384
    // max_tokens the adapter sends (245,760,000 nano): a $0.10 budget admits the one, not the other.
    const claude = { model: 'claude-sonnet-4-6', provider: 'anthropic' as const, baseUrl: f.anthropic.url, apiKeyEnv: TEST_ANTHROPIC_KEY_ENV, price: { inputPerMTok: 3, outputPerMTok: 15 } };
    const withVerifier = (thinking: 'off' | 'high') => pricedConfig(f, { budget: { daily: { limitUsd: 0.1 } }, tiers: [pricedConfig(f).tiers[0]!, { ...claude, thinking }] });
    const env = { [TEST_ANTHROPIC_KEY_ENV]: 'sk-ant-test' };

    const quiet = await openSpendBackend(withVerifier('off'), { env });
    const quietStatus = await quiet.backend.call('budget.status', {});
    expect(quietStatus.ok && quietStatus.value.budgets[0]?.nextQuery).toBe('normal');
    draftAnswers(GOOD_MATH);
    const answered = await runOk(quiet, { prompt: QUESTION });
    expect(answered.model).toBe('drafter');
    await quiet.close();

    t = await openSpendBackend(withVerifier('high'), { env });
    const status = await t.backend.call('budget.status', {});
    expect(status.ok && status.value.budgets[0]).toMatchObject({ state: 'ok', nextQuery: 'refuse' });
    const calls = f.ollama.chatRequests().length;
    const r = await t.backend.call('cascade.run', { prompt: QUESTION } as never);
    if (r.ok) throw new Error(`expected a refusal, got ${r.value.decision}`);
    expect(r.error.code).toBe('budget_exceeded');
    expect(r.error.message).toMatch(/^Budget 'daily' \(\$0\.10 a day\) is 0% spent and this query could cost up to \$0\.246: refused\.$/);
    expect(r.error.details?.estimateUsd).toBeGreaterThan(0.24576);
    expect(f.ollama.chatRequests().length).toBe(calls);
    // A maxTokens caps thinking and answer together: within it, the same tier is admitted.
    draftAnswers(GOOD_MATH);
    expect((await runOk(t, { prompt: QUESTION, maxTokens: 2000 })).model).toBe('drafter');
  });

  it('drafter only still refuses when even a paid drafter does not fit', async () => {
    const config = pricedConfig(f, { budget: { daily: { limitUsd: LIMIT_USD }, atLimit: 'drafter-only' } });
    const paidDrafter = { ...config, tiers: [{ ...config.tiers[0]!, price: { inputPerMTok: 1, outputPerMTok: 1 } }, config.tiers[1]!] };
    t = await openSpendBackend(paidDrafter);
    await spend(t, 1000);
    const e = await refusal(t, {});
    expect(e.code).toBe('budget_exceeded');
    expect(e.message).toMatch(/even the drafter could cost up to/);
  });

  it('per user limits hold each user separately and named users get their own', async () => {
    const tb = await open({
      daily: { limitUsd: 1 },
      perUser: { daily: { limitUsd: LIMIT_USD } },
      users: { carol: { daily: { limitUsd: 1 } } },
    });
    await spend(tb, 800, { userId: 'alice' });
    const e = await refusal(tb, { userId: 'alice', maxTokens: 300 });
    expect(e.details?.budget).toBe('user:alice:daily');
    expect(e.message).toMatch(/budget 'user:alice:daily' \(\$0\.01 a day for alice\) is 80% spent/i);
    // Bob, Carol and untagged queries are not held to Alice's spend.
    await spend(tb, 300, { userId: 'bob' });
    await spend(tb, 1000, { userId: 'carol' });
    await spend(tb, 1000);

    const alice = await tb.backend.call('budget.status', { userId: 'alice' });
    expect(alice.ok && alice.value.budgets.map((b) => [b.name, b.spentNano])).toEqual([
      ['daily', 31_000_000],
      ['user:alice:daily', 8_000_000],
    ]);
    // Without a userId: the global budgets, every named user, and the users held to the per-user
    // limit whose bar needs attention, the fullest first: Alice at 80%, and Bob at 30%, whose $0.007
    // left is less than a full query's worst case (1,024 tokens of gpt-4o), so his next one is refused.
    const all = await tb.backend.call('budget.status', {});
    expect(all.ok && all.value.budgets.map((b) => [b.name, b.spentNano, b.state, b.nextQuery])).toEqual([
      ['daily', 31_000_000, 'ok', 'normal'],
      ['user:carol:daily', 10_000_000, 'ok', 'normal'],
      ['user:alice:daily', 8_000_000, 'near', 'refuse'],
      ['user:bob:daily', 3_000_000, 'ok', 'refuse'],
    ]);
    expect(all.ok && all.value.perUser).toEqual([{ period: 'day', limitNano: LIMIT_NANO, limitUsd: LIMIT_USD, graceRatio: 0 }]);
  });

  it('a user near the per-user limit is listed unasked and warned about in the report; the others are not', async () => {
    // $0.05 a day each; 10 expected output tokens keep a query's worst case far below what is left.
    const tb = await open({ daily: { limitUsd: 1 }, perUser: { daily: { limitUsd: 0.05 } }, expectedOutputTokens: 10 });
    await spend(tb, 4600, { userId: 'alice' });
    await spend(tb, 300, { userId: 'bob' });
    const all = await tb.backend.call('budget.status', {});
    expect(all.ok && all.value.budgets.map((b) => [b.name, b.spentNano, b.state, b.nextQuery])).toEqual([
      ['daily', 49_000_000, 'ok', 'normal'],
      ['user:alice:daily', 46_000_000, 'near', 'prefer-drafter'],
    ]);
    const report = await tb.backend.call('report.get', { period: 'day' });
    expect(report.ok && report.value.recommendations.filter((r) => r.id === 'budget_nearly_spent').map((r) => [r.metric, r.value])).toEqual([['budget:user:alice:daily', 0.92]]);
  });

  it('a new utc day starts a new daily budget but not a new month', async () => {
    const tb = await open({ daily: { limitUsd: LIMIT_USD }, monthly: { limitUsd: 1 } });
    await spend(tb, 1000);
    expect((await refusal(tb, {})).details?.budget).toBe('daily');
    tb.clock.set(NOON + 12 * 3_600_000); // next day, 00:00 UTC
    await spend(tb, 100);
    const status = await tb.backend.call('budget.status', {});
    expect(status.ok && status.value.budgets.map((b) => [b.name, b.spentNano, b.from])).toEqual([
      ['daily', 1_000_000, Date.UTC(2030, 0, 16)],
      ['monthly', 11_000_000, Date.UTC(2030, 0, 1)],
    ]);
  });

  it('budgets off by default and when disabled', async () => {
    const none = await openSpendBackend(pricedConfig(f));
    t = none;
    const status = await none.backend.call('budget.status', {});
    expect(status.ok && status.value).toMatchObject({ enabled: false, budgets: [], perUser: [] });
    await none.close();
    const off = await open({ enabled: false, daily: { limitUsd: 0 } });
    await spend(off, 100);
    const offStatus = await off.backend.call('budget.status', {});
    expect(offStatus.ok && offStatus.value.enabled).toBe(false);
  });
});
