import { describe, expect, it } from 'vitest';
import { detectDomain } from '../../../shared/core/routing/detect-domain.ts';

describe('detectDomain', () => {
  it('recognizes code from fences, language names and keywords, and says what matched', () => {
    const r = detectDomain('Why does this function fail?\n```js\nfunction f() { return x.map(y) }\n```');
    expect(r.domain).toBe('code');
    expect(r.reasons[0]).toMatch(/^matched '```', /);
    expect(r.reasons[0]).toContain("'function'");
  });

  it('recognizes code from a stack trace or an error name', () => {
    expect(detectDomain('Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nKeyError: \'id\'').domain).toBe('code');
    const r = detectDomain("TypeError: Cannot read properties of undefined (reading 'map') in my React component");
    expect(r.domain).toBe('code');
    expect(r.reasons[0]).toContain("'TypeError'");
  });

  it('recognizes math from arithmetic, equations and math words', () => {
    const r = detectDomain('Solve 3x + 5 = 20 and calculate 13 * 4.');
    expect(r.domain).toBe('math');
    expect(r.reasons[0]).toContain("'an arithmetic expression'");
    expect(detectDomain('Janet has 16 eggs, eats 3 and bakes with 4. How much money does she make at $2 each?').domain).toBe('math');
  });

  it('falls back to general and says so', () => {
    expect(detectDomain('Write a short poem about autumn leaves.')).toEqual({ domain: 'general', reasons: ['no code, math or custom-domain cues matched'] });
  });

  it('routes to a custom domain by whole-word, case-insensitive keywords', () => {
    const domains = { legal: { keywords: ['contract', 'NDA', 'liability clause'] } };
    const r = detectDomain('Can you review this nda and the Liability   Clause in our contract?', domains);
    expect(r).toEqual({ domain: 'legal', reasons: ["matched 'contract', 'NDA', 'liability clause'"] });
    expect(detectDomain('The contractor arrived late.', domains).domain).toBe('general');
  });

  it('matches keywords with symbols such as c++ and .net', () => {
    const domains = { native: { keywords: ['c++', '.net'] } };
    expect(detectDomain('Is c++ faster than .net for games?', domains).domain).toBe('native');
  });

  it('lets a custom domain win unless a built-in matched strictly more cues', () => {
    const domains = { finance: { keywords: ['tax', 'refund'] } };
    const tie = detectDomain('Calculate my tax refund.', domains);
    expect(tie.domain).toBe('finance');
    expect(tie.reasons[1]).toContain('preferred the "finance" keywords over built-in "math"');
    expect(detectDomain('Write a python function with a class to compute tax', domains).domain).toBe('code');
  });

  it('adds the keywords of a user domain named like a built-in to its cues', () => {
    expect(detectDomain('How do I set up terraform state?', { code: { keywords: ['terraform', 'state'] } }).domain).toBe('code');
  });

  it('honours an explicit override', () => {
    expect(detectDomain('```js\nconsole.log(1)\n```', {}, 'general')).toEqual({ domain: 'general', reasons: ['domain "general" was set by the request'] });
  });

  it('reuses the compiled keywords of the same config object', () => {
    const domains = { legal: { keywords: ['contract'] } };
    const first = detectDomain('a contract', domains);
    domains.legal.keywords.push('lease');
    // The cache is keyed by the config object: a changed config is a new object in the app.
    expect(detectDomain('a lease', domains).domain).toBe('general');
    expect(first.domain).toBe('legal');
    expect(detectDomain('a lease', { legal: { keywords: ['contract', 'lease'] } }).domain).toBe('legal');
  });
});
