// Fifty queries at once against a daily limit that pays for ten: each admitted run reserves its
// worst case before any model is called, so the recorded spend can never pass the limit plus one
// estimate (here, with exact scripted usage, it lands exactly on the limit).
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../shared/api/result.ts';
import { estimateInputTokens } from '../../../shared/core/budget/index.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { fakesForFile } from '../helpers/harness.ts';
import { openSpendBackend, pricedConfig, VERIFIER_NANO, type SpendBackend } from './spend-harness.ts';

const QUESTION = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?";
const WRONG_MATH = 'She has 16 - 3 = 13 eggs, then 13 - 4 = 9. She makes 9 * 2 = 20 dollars.\n#### 20';
const GOOD_MATH = 'Janet has 16 - 3 = 13 eggs left, then 13 - 4 = 9. She sells 9 * 2 = 18 dollars of eggs.\n#### 18';
const MAX_TOKENS = 50;

const f = fakesForFile();
let t: SpendBackend | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('budget under concurrency', () => {
  it('fifty concurrent queries never spend past the limit plus one estimate', async () => {
    const inputTokens = estimateInputTokens([{ role: 'user', content: QUESTION }]);
    // Every run escalates (the draft's arithmetic is wrong) and the verifier reports exactly the
    // estimated usage, so a run's actual cost equals its reservation.
    const estimate = inputTokens * VERIFIER_NANO.input + MAX_TOKENS * VERIFIER_NANO.output;
    const limitNano = 10 * estimate;
    f.ollama.script('drafter', { text: WRONG_MATH, usage: { input: inputTokens, output: 30 } });
    f.openai.script('gpt-4o', { text: GOOD_MATH, usage: { input: inputTokens, output: MAX_TOKENS }, delayMs: 5 });
    t = await openSpendBackend(pricedConfig(f, { budget: { daily: { limitUsd: limitNano / 1e9 } } }));
    const verifierCallsBefore = f.openai.chatRequests().length;

    const results = await Promise.all(Array.from({ length: 50 }, () => t!.backend.call('cascade.run', { prompt: QUESTION, maxTokens: MAX_TOKENS })));

    const answered = results.flatMap((r) => (r.ok ? [r.value as CascadeOutcome] : []));
    const refused = results.flatMap((r) => (r.ok ? [] : [r.error as ApiError]));
    expect(answered).toHaveLength(10);
    expect(answered.every((o) => o.status === 'ok' && o.model === 'gpt-4o')).toBe(true);
    expect(refused).toHaveLength(40);
    for (const e of refused) {
      expect(e.code).toBe('budget_exceeded');
      expect(e.details?.budget).toBe('daily');
      expect(e.message).toMatch(/budget 'daily'/i);
    }
    expect(f.openai.chatRequests().length - verifierCallsBefore).toBe(10);

    const [ledger] = t.rows<{ queries: number; spent: number }>('SELECT COUNT(*) AS queries, SUM(cost_nano) AS spent FROM queries');
    expect(ledger?.queries).toBe(10);
    expect(ledger?.spent).toBeLessThanOrEqual(limitNano + estimate);
    expect(ledger?.spent).toBe(limitNano);
    // Every reservation was settled by the transaction that recorded its run.
    expect(t.rows<{ n: number }>('SELECT COUNT(*) AS n FROM budget_reservations')[0]?.n).toBe(0);

    // Runs admitted at 80% and 90% of the limit preferred the drafter and said so.
    const notes = answered.flatMap((o) => o.routing.domainReasons.filter((r) => r.startsWith('budget ')));
    expect(notes.sort()).toEqual(["budget 'daily' is 80% spent: threshold lowered to 0.5", "budget 'daily' is 90% spent: threshold lowered to 0.5"]);

    const status = await t.backend.call('budget.status', {});
    expect(status.ok && status.value.budgets).toEqual([
      expect.objectContaining({ name: 'daily', spentNano: limitNano, reservedNano: 0, limitNano, usedRatio: 1, state: 'over' }),
    ]);
  });

  it('a failed or cancelled run gives its reservation back', async () => {
    const inputTokens = estimateInputTokens([{ role: 'user', content: QUESTION }]);
    const estimate = inputTokens * VERIFIER_NANO.input + MAX_TOKENS * VERIFIER_NANO.output;
    t = await openSpendBackend(pricedConfig(f, { budget: { daily: { limitUsd: (1.5 * estimate) / 1e9 } } }));
    f.ollama.script('drafter', { text: WRONG_MATH, usage: { input: inputTokens, output: 30 } });
    f.openai.script('gpt-4o', { httpError: { status: 500, message: 'upstream exploded' } });
    const failed = await t.backend.call('cascade.run', { prompt: QUESTION, maxTokens: MAX_TOKENS, requireVerified: true });
    expect(failed.ok && failed.value.status).toBe('failed');
    // The verifier's server error came before any text and is not billed: the run spent nothing.
    const failedCost = t.rows<{ spent: number }>('SELECT SUM(cost_nano) AS spent FROM queries')[0]?.spent ?? NaN;
    expect(failedCost).toBe(0);
    const idle = await t.backend.call('budget.status', {});
    expect(idle.ok && idle.value.budgets[0]).toMatchObject({ spentNano: failedCost, reservedNano: 0 });

    // The slow run's reservation leaves less than one estimate free while it streams: a second run is refused meanwhile.
    f.ollama.script('drafter', { text: 'one two three four five six seven eight nine ten', delayMs: 200 });
    const pending = t.backend.call('cascade.run', { prompt: QUESTION, maxTokens: MAX_TOKENS, runId: 'slow-1' });
    await waitFor(() => t!.cascadeEvents('slow-1').some((e) => e.type === 'token'));
    const meanwhile = await t.backend.call('cascade.run', { prompt: QUESTION, maxTokens: MAX_TOKENS });
    expect(meanwhile.ok ? null : meanwhile.error.code).toBe('budget_exceeded');
    const held = await t.backend.call('budget.status', {});
    expect(held.ok && held.value.budgets[0]?.reservedNano).toBe(estimate);

    await t.backend.call('cascade.cancel', { runId: 'slow-1' });
    const cancelled = await pending;
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const after = await t.backend.call('budget.status', {});
    // The drafter is free, so the cancelled run added nothing; its reservation is gone.
    expect(after.ok && after.value.budgets[0]).toMatchObject({ spentNano: failedCost, reservedNano: 0, state: 'ok' });
    expect(t.rows<{ n: number }>('SELECT COUNT(*) AS n FROM budget_reservations')[0]?.n).toBe(0);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
