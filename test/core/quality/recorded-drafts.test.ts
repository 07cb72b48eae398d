// The validator on real recorded answers (RouteLLM's GSM8K and MT-Bench runs): accepted
// Mixtral drafts must be right clearly more often than Mixtral is right overall, and
// answers a judge rated highly must rarely be escalated. Bounds are set from the measured
// figures (see the final report / test/core/quality/calibrate.ts) with a margin.
import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../../shared/core/quality/decide.ts';
import { GPT4, MIXTRAL, haveRecordedData, loadGsm8k, loadMtBench } from './fixtures/recorded-drafts.ts';

const THRESHOLD = 0.7;

describe.skipIf(!haveRecordedData())('validator on recorded GSM8K and MT-Bench answers', () => {
  it('accepted Mixtral GSM8K drafts are correct well above the base rate', () => {
    // Every second row: 660 real drafts with their correctness labels.
    const sample = loadGsm8k().filter((_, i) => i % 2 === 0);
    let accepted = 0;
    let acceptedRight = 0;
    let right = 0;
    let rightAccepted = 0;
    let wrongCaught = 0;
    for (const g of sample) {
      const v = validateDraft({ query: g.prompt, messages: [{ role: 'user', content: g.prompt }], answer: g.mixtral.text, finishReason: 'stop' }, THRESHOLD);
      if (g.mixtral.correct) right++;
      if (v.accepted) {
        accepted++;
        if (g.mixtral.correct) {
          acceptedRight++;
          rightAccepted++;
        }
      } else if (!g.mixtral.correct) wrongCaught++;
    }
    const baseRate = right / sample.length;
    const precision = acceptedRight / accepted;
    // Measured on this sample: base rate ~0.63, precision ~0.75, right kept ~0.95, wrong caught ~0.45.
    expect(baseRate).toBeGreaterThan(0.6);
    expect(baseRate).toBeLessThan(0.68);
    expect(precision).toBeGreaterThan(0.71);
    expect(precision - baseRate).toBeGreaterThan(0.07);
    expect(rightAccepted / right).toBeGreaterThan(0.9);
    expect(wrongCaught / (sample.length - right)).toBeGreaterThan(0.35);
  });

  it('escalates poorly rated MT-Bench answers far more often than highly rated ones', () => {
    const items = loadMtBench().filter((m) => m.model === MIXTRAL || m.model === GPT4);
    const escalatedShare = (score: (s: number) => boolean) => {
      const group = items.filter((m) => score(m.score));
      const escalated = group.filter(
        (m) => !validateDraft({ query: m.messages[m.messages.length - 1]?.content ?? '', messages: m.messages, answer: m.answer, finishReason: 'stop' }, THRESHOLD).accepted,
      );
      return { n: group.length, share: escalated.length / group.length };
    };
    const good = escalatedShare((s) => s >= 9);
    const poor = escalatedShare((s) => s <= 3);
    // Measured: 2 of 261 answers rated 9-10 escalated (both real slips), 4 of 32 rated 1-3.
    expect(good.n).toBeGreaterThan(200);
    expect(good.share).toBeLessThan(0.03);
    expect(poor.n).toBeGreaterThan(20);
    expect(poor.share).toBeGreaterThan(0.09);
    expect(poor.share).toBeGreaterThan(5 * good.share);
  });
});
