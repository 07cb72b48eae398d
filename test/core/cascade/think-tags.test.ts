import { describe, expect, it } from 'vitest';
import { splitLateReasoning, ThinkTagSplitter, type AnswerPiece } from '../../../shared/core/cascade/think-tags.ts';

/** Feeds the chunks one by one and merges what comes out into one reasoning and one answer. */
function split(chunks: string[]): { thinking: string; text: string; pieces: AnswerPiece[] } {
  const s = new ThinkTagSplitter();
  const pieces = [...chunks.flatMap((c) => s.push(c)), ...s.end()];
  const of = (kind: AnswerPiece['kind']) => pieces.filter((p) => p.kind === kind).map((p) => p.text).join('');
  return { thinking: of('thinking'), text: of('text'), pieces };
}

describe('ThinkTagSplitter', () => {
  it('takes a leading <think> block out of the answer, whole or in any chunking', () => {
    const whole = '<think>\n17 * 23: 17 * 20 = 340, 17 * 3 = 51, so 391.\n</think>\n\n17 * 23 = 391.';
    const expected = { thinking: '\n17 * 23: 17 * 20 = 340, 17 * 3 = 51, so 391.\n', text: '17 * 23 = 391.' };
    expect(split([whole])).toMatchObject(expected);
    // Every place a chunk boundary can fall, tags split included.
    for (let i = 1; i < whole.length; i++) expect(split([whole.slice(0, i), whole.slice(i)])).toMatchObject(expected);
    expect(split([...whole])).toMatchObject(expected);
  });

  it('passes an answer without reasoning through untouched, as soon as it can tell', () => {
    const s = new ThinkTagSplitter();
    expect(s.push('Paris is ')).toEqual([{ kind: 'text', text: 'Paris is ' }]);
    expect(s.push('the capital.')).toEqual([{ kind: 'text', text: 'the capital.' }]);
    expect(s.end()).toEqual([]);
    // Only what could still open a tag is held back.
    const t = new ThinkTagSplitter();
    expect(t.push('  <th')).toEqual([]);
    expect(t.push('e answer')).toEqual([{ kind: 'text', text: '  <the answer' }]);
  });

  it('leaves a <think> tag that is not at the start to the answer', () => {
    expect(split(['Use the ', '<think>', ' tag for reasoning.'])).toEqual({ thinking: '', text: 'Use the <think> tag for reasoning.', pieces: expect.any(Array) });
  });

  it('streams the reasoning as it comes, holding back only a possible closing tag', () => {
    const s = new ThinkTagSplitter();
    expect(s.push('<think>first')).toEqual([{ kind: 'thinking', text: 'first' }]);
    expect(s.push(' step </thi')).toEqual([{ kind: 'thinking', text: ' step ' }]);
    expect(s.push('nk>Answer')).toEqual([{ kind: 'text', text: 'Answer' }]);
  });

  it('keeps reasoning cut off before its closing tag as reasoning: the answer is empty', () => {
    expect(split(['<think>Let me count: 1, 2, </th'])).toMatchObject({ thinking: 'Let me count: 1, 2, </th', text: '' });
    expect(split(['<thi'])).toMatchObject({ thinking: '', text: '<thi' });
  });
});

describe('splitLateReasoning (DeepSeek-R1 without its opening tag)', () => {
  it('takes everything before a closing </think> line out of the answer', () => {
    expect(splitLateReasoning('Okay, 17 * 23: 340 + 51.\nSo 391.\n</think>\n\n17 * 23 = 391.')).toEqual({ thinking: 'Okay, 17 * 23: 340 + 51.\nSo 391.', text: '17 * 23 = 391.' });
  });

  it('leaves an answer alone when the tag is talked about, in code, or was opened', () => {
    expect(splitLateReasoning('17 * 23 = 391.')).toBeNull();
    expect(splitLateReasoning('Strip the </think> tag with a regex.')).toBeNull();
    expect(splitLateReasoning('Like this:\n```python\ntext = text.split("\n</think>\n")[1]\n```')).toBeNull();
    expect(splitLateReasoning('<think>\nhm\n</think>\nhi')).toBeNull();
  });
});
