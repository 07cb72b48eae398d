import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../../shared/core/quality/decide.ts';
import { selfRevisionSignal } from '../../../shared/core/quality/signals/self-revision.ts';
import { draft } from './fixtures/draft.ts';

// A real Mixtral answer from the GSM8K recordings (wrong: the right answer is 25).
const PATCHED = [
  'Henry stopped for the first time after 20 miles. Before his second stop, he traveled 15 miles more, but since this 15 miles is included in the remaining 40 miles (60 total miles minus the initial 20 miles), we should not subtract it again.',
  'So, Henry traveled 20 + 15 = <<20+15=35>>35 miles between his first and second stops.',
  '#### 35',
].join('\n');
const HENRY = 'Henry made two stops during his 60-mile bike trip. He first stopped after 20 miles. His second stop was 15 miles before the end of the trip. How many miles did he travel between his first and second stops?';

describe('self-revision signal', () => {
  it('marks a worked solution that changes course half-way, quoting where', () => {
    const r = selfRevisionSignal(draft(PATCHED, { query: HENRY }));
    // Two course changes in one sentence: "but since" and "we should not".
    expect(r).toMatchObject({ applicable: true, score: 0.15 });
    expect(r.reason).toMatch(/^the working changes course half-way \('Before his second stop, he traveled 15 miles more, but since/);
    expect(r.reason).toContain('and 1 more');
  });

  it('escalates such a draft at the default threshold, though every calculation in it is right', () => {
    const v = validateDraft(draft(PATCHED, { query: HENRY }), 0.7);
    expect(v.signals.find((s) => s.name === 'arithmetic')?.score).toBe(1);
    expect(v.accepted).toBe(false);
    expect(v.explanation).toContain('the working changes course half-way');
  });

  it('scores two course changes lower than one', () => {
    const one = selfRevisionSignal(draft('2 + 3 = 5. However, the second box holds 4, so 5 + 4 = 9.'));
    const two = selfRevisionSignal(draft('2 + 3 = 5. However, the second box holds 4. Wait, let me recalculate: 5 + 4 = 9.'));
    expect(one.score).toBe(0.4);
    expect(two.score).toBeLessThan(one.score);
  });

  it('passes a worked solution that goes straight to its result', () => {
    const r = selfRevisionSignal(draft('Henry rode 60 - 15 = 45 miles before his second stop, so 45 - 20 = 25 miles between the stops.\n#### 25', { query: HENRY }));
    expect(r).toMatchObject({ applicable: true, score: 1 });
  });

  it('leaves prose and code explanations alone: there "however" is ordinary contrast', () => {
    const prose = 'The yield depends on soil and sunlight. However, a rough estimate for a healthy tree is a few hundred apples a year.';
    expect(selfRevisionSignal(draft(prose)).applicable).toBe(false);
    const code = 'Here is the function:\n```python\ndef f(n):\n    return n * 2\n```\nIt runs in O(1) = constant time. However, for huge n = 10**100 Python integers grow.';
    expect(selfRevisionSignal(draft(code)).applicable).toBe(false);
  });

  it('does not take a caveat before an estimate for a change of course', () => {
    const estimate = 'The exact number depends on the tree. However, I can provide a rough estimate: 200 apples x 0.15 kg = 30 kg a season, so 30 kg = 30,000 g.';
    expect(selfRevisionSignal(draft(estimate))).toMatchObject({ applicable: true, score: 1 });
  });
});
