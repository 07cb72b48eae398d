import { describe, expect, it } from 'vitest';
import { firstOf, firstWords, spellingsOf } from '../../../shared/core/routing/query-words.ts';

/** The regex detect-domain.ts used for every whole-word cue before words were looked up. */
const cueRegex = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${pattern})s?(?![\\p{L}\\p{N}_])`, 'iu');

const lookedUp = (pattern: string, text: string) => {
  const spellings = spellingsOf(pattern);
  if (!spellings) throw new Error(`${pattern} is not a plain word`);
  return firstOf(firstWords(text), spellings)?.text ?? null;
};

const TEXTS = [
  'The SUM of the sums is a Sum.',
  'summary, summation and sum_total are not the word',
  'x_sum 3sum sum3 sum- -sum (sum) "Sums"',
  'ſum and ſums (long s) and \u212Aubernetes with a Kelvin sign',
  'İnteger and ınteger, Σ sums, σum, sum\u0345',
  'Ünïcödé wörds: süm, sumé, 𝐬um, sum𝐬, 📈sum📈',
  'eigenvalue eigenvalues eigenvaluess eigenvaluesss EIGENVALUES',
  'debugging debuggings debug debugs debugged',
  '',
  'sum',
  'sums',
  'sumss',
];

describe('whole-word cues looked up as words', () => {
  it('find exactly what the whole-word regexes found, with the same text', () => {
    for (const pattern of ['sum', 'eigenvalues?', 'debug', 'debugging', 'kubernetes', 'integer', 'total']) {
      for (const text of TEXTS) {
        expect(lookedUp(pattern, text), `${pattern} in ${JSON.stringify(text)}`).toBe(cueRegex(pattern).exec(text)?.[0] ?? null);
      }
    }
  });

  it('agree on many random strings mixing letters, digits, marks and separators', () => {
    const alphabet = ['s', 'S', 'u', 'U', 'm', 'M', 'ſ', '\u212A', 'k', 'e', 'i', 'İ', 'ı', '_', '1', ' ', '-', '.', 'é', '\u0345', '𝐬', '\n'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(next() * 14);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      for (const pattern of ['sum', 'uk', 'ses?']) {
        expect(lookedUp(pattern, text), `${pattern} in ${JSON.stringify(text)}`).toBe(cueRegex(pattern).exec(text)?.[0] ?? null);
      }
    }
  });

  it('leaves patterns with other characters to their regex', () => {
    expect(spellingsOf('c\\+\\+')).toBeNull();
    expect(spellingsOf('hash ?map')).toBeNull();
    expect(spellingsOf('how many')).toBeNull();
    expect(spellingsOf('node\\.js')).toBeNull();
    expect(spellingsOf('eigenvalues?')).toEqual(['eigenvalue', 'eigenvalues', 'eigenvaluess']);
    expect(spellingsOf('sum')).toEqual(['sum', 'sums']);
  });
});
