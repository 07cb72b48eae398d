import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../../shared/core/quality/decide.ts';
import type { DraftToCheck } from '../../../shared/core/quality/types.ts';
import { judgeTrace, runEngine } from '../../../shared/core/replay/judge.ts';
import { lazyVerdict } from '../../../shared/core/replay/lazy-verdict.ts';
import { prepareReplay } from '../../../shared/core/replay/prepare.ts';
import { countChatTokensCached, countTokensCached } from '../../../shared/core/replay/token-counts.ts';
import { estimateChatTokens, estimateTokens } from '../../../shared/core/tokens/estimate.ts';
import { DRAFTER, LINES, PRICING, VERIFIER } from './fixtures.ts';

const draft: DraftToCheck = {
  query: 'A box holds 13 rows of 4 apples. How many apples are in the box?',
  messages: [{ role: 'user', content: 'A box holds 13 rows of 4 apples. How many apples are in the box?' }],
  answer: 'There are 13 rows of 4 apples, so 13 * 4 = 56 apples.\n#### 56',
  finishReason: 'stop',
  domain: 'math',
};

describe('replay speed-ups change nothing the replay reports', () => {
  it('a lazy verdict reads exactly as the validator\'s', () => {
    const lazy = lazyVerdict(draft, 0.7);
    const real = validateDraft(draft, 0.7);
    expect({ ...lazy }).toEqual(real);
    expect(lazy.hardFailure).toBe(true);
    expect(lazy.explanation).toBe(real.explanation);
  });

  it('the engine still judges every draft; the top tier\'s verdict is computed when read', async () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    const outcomes = await runEngine(p, 1);
    for (const o of outcomes) {
      for (const a of o.attempts) {
        const messages = p.items.find((i) => i.id === o.runId)?.messages ?? [];
        const expected = validateDraft({ query: messages[messages.length - 1]?.content ?? '', messages, answer: a.text, finishReason: a.finishReason ?? 'other', domain: o.domain }, 1);
        expect(a.quality?.score, `${o.runId} tier ${a.tier}`).toBe(expected.score);
        expect(a.quality?.hardFailure).toBe(expected.hardFailure);
      }
    }
    const judgements = await judgeTrace(p);
    expect(judgements.every((j) => j.verdicts[0] !== undefined && j.verdicts[0] !== null)).toBe(true);
  });

  it('counts tokens as the shared tokenizer does, from the cache the second time', () => {
    const text = 'Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning.';
    expect(countTokensCached(text)).toBe(estimateTokens(text));
    expect(countTokensCached(text)).toBe(estimateTokens(text));
    expect(countTokensCached('')).toBe(0);
    expect(countTokensCached('<|endoftext|> is plain text here')).toBe(estimateTokens('<|endoftext|> is plain text here'));
    const messages = [
      { role: 'user' as const, content: 'What is 2+2?' },
      { role: 'assistant' as const, content: 'It is 4.', toolCalls: [{ name: 'calc', arguments: '{"expr":"2+2"}' }] },
      { role: 'user' as const, content: 'And 3+3, explained step by step for a child?' },
    ];
    expect(countChatTokensCached(messages)).toBe(estimateChatTokens(messages));
    expect(countChatTokensCached([])).toBe(0);
  });
});
