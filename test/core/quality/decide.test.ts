import { describe, expect, it } from 'vitest';
import { SIGNAL_WEIGHTS, combineScore, validateDraft } from '../../../shared/core/quality/decide.ts';
import { SIGNAL_NAMES, type SignalResult } from '../../../shared/core/quality/types.ts';
import { draft } from './fixtures/draft.ts';

const Q = "Janet's ducks lay 16 eggs per day. She eats 3 and bakes with 4. She sells the rest for $2 each. How much does she make every day?";

describe('validateDraft', () => {
  it('accepts a correct worked answer and says all checks passed', () => {
    const v = validateDraft(draft('She has 16 - 3 - 4 = 9 eggs left.\nShe sells them for 9 * $2 = $18.\n#### 18', { query: Q }), 0.7);
    expect(v.accepted).toBe(true);
    expect(v.hardFailure).toBe(false);
    expect(v.score).toBe(1);
    expect(v.reasons).toEqual([]);
    expect(v.explanation).toBe('accepted: all checks passed (score 1.00 >= 0.70)');
    expect(v.signals.map((s) => s.name)).toEqual([...SIGNAL_NAMES]);
  });

  it('escalates a wrong calculation whatever the other signals say, naming the step', () => {
    const v = validateDraft(draft('She has 16 - 3 - 4 = 9 eggs left.\nShe sells them for 9 * $2 = $19.\n#### 19', { query: Q }), 0);
    expect(v.accepted).toBe(false);
    expect(v.hardFailure).toBe(true);
    expect(v.explanation).toBe("escalated: the draft's calculation 9 * $2 = $19 is wrong (9 * $2 = 18)");
    expect(v.reasons[0]).toBe("the draft's calculation 9 * $2 = $19 is wrong (9 * $2 = 18)");
  });

  it('hard failure overrides a passing score', () => {
    const v = validateDraft(draft('Paris is the capital of France, and it has been for a very long time.', { query: 'What is the capital of France?', finishReason: 'length' }), 0);
    expect(v.score).toBe(0);
    expect(v.accepted).toBe(false);
    expect(v.explanation).toBe('escalated: the draft was cut off at the token limit');
  });

  it('escalates on a low combined score with the doubts in words', () => {
    const v = validateDraft(draft("I'm not sure, but I might be wrong: the capital is probably Paris.", { query: 'What is the capital of France?' }), 0.7);
    expect(v.hardFailure).toBe(false);
    expect(v.accepted).toBe(false);
    expect(v.score).toBeCloseTo(1 - SIGNAL_WEIGHTS.refusal * (1 - 0.4), 5);
    expect(v.explanation).toBe("escalated: score 0.46 < 0.70: the draft hedges ('I'm not sure', 'I might be wrong')");
  });

  it('accepts a draft with a small doubt and mentions it', () => {
    const v = validateDraft(draft("Paris is the capital of France, I'm not sure when it became so.", { query: 'What is the capital of France?' }), 0.7);
    expect(v.accepted).toBe(true);
    expect(v.explanation).toBe("accepted: score 0.73 >= 0.70 despite: the draft hedges ('I'm not sure')");
  });

  it('uses the threshold it is given', () => {
    const d = draft("Paris is the capital of France, I'm not sure when it became so.", { query: 'What is the capital of France?' });
    expect(validateDraft(d, 0.7).accepted).toBe(true);
    expect(validateDraft(d, 0.8).accepted).toBe(false);
    expect(validateDraft(d, 0.8).threshold).toBe(0.8);
  });

  it('shows a third decimal when two would make score and threshold look equal', () => {
    const v = validateDraft(draft("Paris is the capital of France, I'm not sure when it became so.", { query: 'What is the capital of France?' }), 0.731);
    expect(v.explanation).toMatch(/^escalated: score 0\.730 < 0\.731: /);
  });
});

describe('combineScore', () => {
  const sig = (name: SignalResult['name'], score: number, applicable = true): SignalResult => ({ name, score, applicable, reason: '' });

  it('multiplies weighted discounts and ignores signals that do not apply', () => {
    expect(combineScore([sig('alignment', 0.5), sig('confidence', 0, false)])).toBeCloseTo(1 - SIGNAL_WEIGHTS.alignment * 0.5);
    expect(combineScore([sig('final_answer', 0.5), sig('refusal', 0.5)])).toBeCloseTo((1 - 0.8 * 0.5) * (1 - 0.9 * 0.5));
  });

  it('lets a correctness signal sink a draft alone but not the weakest heuristic', () => {
    expect(combineScore([sig('arithmetic', 0)])).toBe(0);
    expect(combineScore([sig('alignment', 0)])).toBeGreaterThanOrEqual(0.7);
  });

  it('has a weight in [0, 1] for every signal', () => {
    for (const name of SIGNAL_NAMES) {
      expect(SIGNAL_WEIGHTS[name]).toBeGreaterThan(0);
      expect(SIGNAL_WEIGHTS[name]).toBeLessThanOrEqual(1);
    }
  });
});
