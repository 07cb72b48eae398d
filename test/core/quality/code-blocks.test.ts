import { describe, expect, it } from 'vitest';
import { codeBlocksSignal } from '../../../shared/core/quality/signals/code-blocks.ts';
import { checkBalance } from '../../../shared/core/quality/text/code-syntax.ts';
import { draft } from './fixtures/draft.ts';

const fence = (lang: string, body: string) => `Here you go:\n\n\`\`\`${lang}\n${body}\n\`\`\`\n\nThat's it.`;

describe('code_blocks signal', () => {
  it('is not applicable without fenced code', () => {
    expect(codeBlocksSignal(draft('Use the `map` method.')).applicable).toBe(false);
  });

  it('passes well-formed JavaScript with strings, templates, regexes and comments holding brackets', () => {
    const js = [
      'function f(xs) {',
      '  const s = "not a } brace";',
      "  const t = `value: ${xs.map((x) => `(${x})`).join(', ')} }`;",
      '  const re = /[({]+/g; // a comment with {',
      '  /* block ) comment */',
      '  return s + t + re.source;',
      '}',
    ].join('\n');
    expect(codeBlocksSignal(draft(fence('javascript', js)))).toMatchObject({ score: 1 });
  });

  it('lowers the score for an unbalanced TypeScript block and says where', () => {
    const r = codeBlocksSignal(draft(fence('ts', 'function f(a: number) {\n  if (a > 1) {\n    return a;\n}')));
    expect(r.score).toBe(0.3);
    expect(r.reason).toBe("the ts block at line 3 looks broken: '{' opened on line 1 is never closed (line 1 of the block)");
  });

  it('hard-fails a ```json block that does not parse but skips illustrative JSON', () => {
    const bad = codeBlocksSignal(draft(fence('json', '{"a": 1,}')));
    expect(bad).toMatchObject({ score: 0, hardFail: true });
    expect(bad.reason).toMatch(/^the json block at line 3 is not valid JSON/);
    expect(codeBlocksSignal(draft(fence('json', '{"a": 1, ...}'))).score).toBe(1);
  });

  it('lowers the score for a fence that is never closed', () => {
    const r = codeBlocksSignal(draft('Here is the code:\n```python\ndef f(x):\n    return x'));
    expect(r).toMatchObject({ score: 0.3, reason: 'the python block opened at line 2 is never closed' });
  });

  it('checks Python strings and brackets', () => {
    expect(codeBlocksSignal(draft(fence('python', 'def f(x):\n    """doc (\n    """\n    return [x, (x + 1)]'))).score).toBe(1);
    expect(codeBlocksSignal(draft(fence('python', "print('unclosed)"))).score).toBe(0.3);
  });

  it('leaves languages it does not know alone', () => {
    expect(codeBlocksSignal(draft(fence('haskell', 'main = print (1')))).toMatchObject({ score: 1 });
  });
});

describe('checkBalance', () => {
  it('reports a closer that does not match its opener', () => {
    expect(checkBalance('const a = [1, 2);', 'js')).toEqual({ ok: false, problem: "')' closes '[' opened on line 1", line: 1 });
  });

  it('treats a slash after a value as division, not a regex', () => {
    expect(checkBalance('const half = (a + b) / 2; const q = x / y / z;', 'js')).toEqual({ ok: true });
  });

  it('does not judge JSX, whose text breaks quote pairing', () => {
    expect(checkBalance("return <p>Don't panic</p>;", 'js')).toEqual({ ok: true });
  });

  it('knows C-family char literals and text blocks', () => {
    expect(checkBalance('char c = \'{\';\nString s = """\n  multi ( line\n""";', 'c')).toEqual({ ok: true });
  });

  describe('a "corrected version" of the user\'s code', () => {
    const code = 'def area(w, h):\n    return w * h';
    const question = `Is there a bug in this function?\n\n\`\`\`\n${code}\n\`\`\``;

    it('marks a fix that is the question\'s code unchanged, whitespace aside', () => {
      const answer = `There is an indexing issue. Here is the corrected version:\n\n\`\`\`python\ndef area(w,  h):\n\n    return w*h\n\`\`\``;
      const r = codeBlocksSignal(draft(answer, { query: question }));
      expect(r).toMatchObject({ applicable: true, score: 0.2 });
      expect(r.reason).toBe('the "corrected" code at line 3 is the code from the question, unchanged');
    });

    it('passes a fix that changes the code, and a repeat that claims no fix', () => {
      const fixed = `Here is the corrected version:\n\n\`\`\`python\ndef area(w, h):\n    return abs(w * h)\n\`\`\``;
      expect(codeBlocksSignal(draft(fixed, { query: question })).score).toBe(1);
      const noClaim = `The function is correct as written:\n\n\`\`\`python\n${code}\n\`\`\``;
      expect(codeBlocksSignal(draft(noClaim, { query: question })).score).toBe(1);
    });

    it('sees through a docstring and comments added to the unchanged code', () => {
      const dressed = `Here's the updated version with a consistent docstring:\n\n\`\`\`python\ndef area(w, h):\n    """Area of a w x h rectangle."""\n    # multiply the sides\n    return w * h\n\`\`\``;
      expect(codeBlocksSignal(draft(dressed, { query: question })).score).toBe(0.2);
    });

    it("does not take Python's floor division for a comment", () => {
      const half = 'def half(n):\n    return n // 2 + 1';
      const asked = `Is there a bug?\n\n\`\`\`\n${half}\n\`\`\``;
      const fixed = `Here is the corrected version:\n\n\`\`\`python\ndef half(n):\n    return n // 2\n\`\`\``;
      expect(codeBlocksSignal(draft(fixed, { query: asked })).score).toBe(1);
    });

    it('cuts // and /* */ comments in C-family code only', () => {
      const js = 'function f(a) {\n  return a + 1;\n}';
      const asked = `Any bug?\n\n\`\`\`js\n${js}\n\`\`\``;
      const commented = `Here is the fixed code:\n\n\`\`\`js\n/* adds one */\nfunction f(a) {\n  return a + 1; // the increment\n}\n\`\`\``;
      expect(codeBlocksSignal(draft(commented, { query: asked })).score).toBe(0.2);
    });
  });
});
