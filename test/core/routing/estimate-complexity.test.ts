import { describe, expect, it } from 'vitest';
import { compareComplexity, estimateComplexity, levelOf } from '../../../shared/core/routing/estimate-complexity.ts';

describe('estimateComplexity', () => {
  it('rates a greeting or a tiny factual question trivial', () => {
    expect(estimateComplexity('hi')).toEqual({ level: 'trivial', score: 0, reasons: ['short question (1 word) with no technical cues'] });
    expect(estimateComplexity('What is the capital of France?').level).toBe('trivial');
  });

  it('rates a request for a small function simple and says it asks for code', () => {
    const r = estimateComplexity('Write a python function to reverse a list');
    expect(r.level).toBe('simple');
    expect(r.reasons).toContain('asks for code');
  });

  it('rates a multi-part technical question higher, with its reasons', () => {
    const q = 'How does Raft reach consensus in a distributed system? What happens on a network partition? How does it compare to Paxos in latency?';
    const r = estimateComplexity(q);
    expect(compareComplexity(r.level, 'moderate')).toBeGreaterThanOrEqual(0);
    expect(r.reasons).toContain('3 separate questions');
    expect(r.reasons.find((x) => x.startsWith('technical terms:'))).toContain("'consensus'");
  });

  it('rates a proof with technical vocabulary and constraints as hard or expert', () => {
    const q =
      'Prove that the eigenvalues of a real symmetric matrix are real, and derive the spectral theorem by induction on the dimension. ' +
      'The proof must be rigorous, must not use the complex spectral theorem, and should handle the case of repeated eigenvalues. ' +
      'Then explain why the gradient of the Rayleigh quotient vanishes exactly at eigenvectors.';
    const r = estimateComplexity(q);
    expect(compareComplexity(r.level, 'hard')).toBeGreaterThanOrEqual(0);
    expect(r.reasons).toContain('asks for a proof or derivation');
    expect(r.reasons.some((x) => x.startsWith('constraints:'))).toBe(true);
  });

  it('counts the lines of code in the query', () => {
    const code = Array.from({ length: 30 }, (_, i) => `  const v${i} = compute(${i});`).join('\n');
    const r = estimateComplexity(`Refactor this to be thread-safe:\n\`\`\`ts\n${code}\n\`\`\``);
    expect(r.reasons).toContain('30 lines of code');
    expect(compareComplexity(r.level, 'simple')).toBeGreaterThan(0);
  });

  it('notes a long conversation', () => {
    const messages = Array.from({ length: 6 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', content: 'more' }));
    expect(estimateComplexity('And now?', messages).reasons).toContain('long conversation (6 messages)');
  });

  it('keeps the score in [0, 1] and the level consistent with it', () => {
    const huge = `${'Prove the theorem about eigenvalues, gradients, entropy and consensus with rigorous induction. '.repeat(40)}`;
    const r = estimateComplexity(huge);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.level).toBe(levelOf(r.score));
    expect(r.level).toBe('expert');
  });
});

describe('compareComplexity', () => {
  it('orders the levels from trivial to expert', () => {
    expect(compareComplexity('trivial', 'expert')).toBeLessThan(0);
    expect(compareComplexity('hard', 'moderate')).toBeGreaterThan(0);
    expect(compareComplexity('simple', 'simple')).toBe(0);
  });
});
