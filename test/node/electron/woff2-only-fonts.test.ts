import { describe, expect, it } from 'vitest';
import { keepWoff2Fonts } from '../../../scripts/woff2-only-fonts.ts';

// As katex.min.css writes its faces (one shown), with a second rule that must not change.
const KATEX =
  '@font-face{font-display:block;font-family:KaTeX_AMS;font-style:normal;font-weight:400;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2"),url(fonts/KaTeX_AMS-Regular.woff) format("woff"),url(fonts/KaTeX_AMS-Regular.ttf) format("truetype")}' +
  '.katex{font:normal 1.21em KaTeX_Main,Times New Roman,serif;src:url(x.ttf)}';

describe('keeping only the woff2 fonts', () => {
  it('cuts each @font-face src list to its woff2 entry, leaving other rules alone', () => {
    expect(keepWoff2Fonts(KATEX)).toBe(
      '@font-face{font-display:block;font-family:KaTeX_AMS;font-style:normal;font-weight:400;src:url(fonts/KaTeX_AMS-Regular.woff2) format("woff2")}' +
        '.katex{font:normal 1.21em KaTeX_Main,Times New Roman,serif;src:url(x.ttf)}',
    );
  });

  it('reads expanded CSS, quoted urls and a woff2 named by its extension alone', () => {
    const css = `@font-face {
  font-family: "A, B";
  src: url('a.ttf') format('truetype'), url("a.woff2?v=1"), local("A, B");
  font-weight: 400;
}`;
    expect(keepWoff2Fonts(css)).toBe(`@font-face {
  font-family: "A, B";
  src: url("a.woff2?v=1");
  font-weight: 400;
}`);
  });

  it('leaves a face without a woff2 file whole, so no font is lost', () => {
    const css = '@font-face{font-family:Old;src:url(old.woff) format("woff"),url(old.ttf) format("truetype")}';
    expect(keepWoff2Fonts(css)).toBe(css);
  });
});
