import { describe, expect, it } from 'vitest';
import { alignmentSignal } from '../../../shared/core/quality/signals/alignment.ts';
import { draft } from './fixtures/draft.ts';

const Q = 'How does photosynthesis convert sunlight into chemical energy in chloroplasts?';

describe('alignment signal', () => {
  it('passes an answer that addresses the question, with stemming', () => {
    const a = 'Photosynthesis happens in the chloroplast: light reactions capture sunlight and convert it into ATP and NADPH, chemical energy that the Calvin cycle then uses to build sugars from carbon dioxide and water.';
    expect(alignmentSignal(draft(a, { query: Q }))).toMatchObject({ applicable: true, score: 1 });
  });

  it('meets a word in another form of the same family (pregnant, pregnancy; medicines, medication)', () => {
    // The follow-up of a real MT-Bench conversation; the answer does address it.
    const q = 'But I have been pregnant for 20 weeks and I am allergic to many medicines';
    const a = 'I see. It is important to be cautious when taking medication during pregnancy. Here are some remedies that may help, taking into account your allergy concerns: hydration, small meals and rest.';
    expect(alignmentSignal(draft(a, { query: q }))).toMatchObject({ applicable: true, score: 1 });
  });

  it('lowers the score of an answer about something else and names the missed terms', () => {
    const a = 'The French Revolution began in 1789 and transformed the political landscape of Europe, ending the monarchy and spreading ideas of liberty, equality and fraternity across the continent for decades to come.';
    const r = alignmentSignal(draft(a, { query: Q }));
    expect(r.score).toBeLessThan(0.7);
    expect(r.reason).toContain("missing 'photosynthesis'");
  });

  it('is not applicable to short questions or short answers', () => {
    expect(alignmentSignal(draft('Paris.', { query: 'Capital of France?' })).applicable).toBe(false);
    expect(alignmentSignal(draft('[5, 1, 3]', { query: Q })).applicable).toBe(false);
  });

  it('treats a rewrite of the previous answer as on topic', () => {
    const earlier = 'Photosynthesis turns sunlight into chemical energy inside chloroplasts, producing glucose and oxygen for the plant and for us.';
    const rewritten = 'Like a solar factory, the leaf turns sunlight into chemical energy; chloroplasts are its workshops, producing glucose and oxygen as a baker produces bread for the whole town.';
    const r = alignmentSignal(
      draft(rewritten, {
        query: 'Rewrite your previous response and incorporate a metaphor or simile in each sentence.',
        messages: [
          { role: 'user', content: Q },
          { role: 'assistant', content: earlier },
          { role: 'user', content: 'Rewrite your previous response and incorporate a metaphor or simile in each sentence.' },
        ],
      }),
    );
    expect(r.score).toBe(1);
  });
});
