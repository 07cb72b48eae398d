// A drafter with consistency samples in the browser: its extra answers are drawn beside the
// streamed draft, never shown as the answer, summed into the run's cost, and when they reach
// another final answer the draft is escalated with that reason.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChatCall } from '../fakes/script.ts';
import { defaultConfig, DRAFTER, sendMessage, startApp, VERIFIER, waitForAnswer, type E2eApp } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');

const QUESTION = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest at $2 each. How much does she make?";
const DRAFT = 'Janet has 16 - 3 = 13 eggs left, then 13 - 4 = 9. She sells 9 * 2 = 18 dollars of eggs.\n#### 18';
const OTHER = 'She sells 16 - 3 = 13 eggs at $2 each: 13 * 2 = 26.\n#### 26';

/** A sample asks for the sampling temperature; the draft does not. */
function isSample(call: ChatCall): boolean {
  const options = call.body['options'];
  return typeof options === 'object' && options !== null && (options as Record<string, unknown>)['temperature'] !== undefined;
}

describe.skipIf(!chromiumPath)('chat with a sampling drafter', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startApp({
      chromiumPath: chromiumPath ?? '',
      config: (fakes) => {
        const base = defaultConfig(fakes);
        return { ...base, tiers: base.tiers.map((t, i) => (i === 0 ? { ...t, samples: 3 } : t)) };
      },
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('escalates a draft its samples contradict, and shows the samples as what they are', async () => {
    const { page, fakes } = app;
    fakes.ollama.script(DRAFTER, (call) => ({ text: isSample(call) ? OTHER : DRAFT, usage: { input: 60, output: 40 } }));
    await sendMessage(page, QUESTION);
    await waitForAnswer(page);
    // The marker names the samples' answer, in the same words while the run streams and after.
    const marker = page.getByTestId('escalation-marker').last();
    expect(await marker.innerText()).toMatch(new RegExp(`^escalated to ${VERIFIER}: `));
    expect(await marker.innerText()).toContain("none of the 2 other samples reaches the draft's answer 18; they say 26");
    const answer = page.getByTestId('assistant-message').last();
    expect(await answer.getByTestId('answer-model').innerText()).toContain(VERIFIER);
    expect(await answer.innerText()).not.toContain('13 * 2 = 26');
    const samples = answer.getByTestId('consistency-samples-line');
    expect(await samples.innerText()).toMatch(new RegExp(`^2 consistency samples · ${DRAFTER.replace('.', '\\.')}`));
    await app.screenshot('chat-consistency-samples');
    expect(app.pageErrors).toEqual([]);
  });
});
