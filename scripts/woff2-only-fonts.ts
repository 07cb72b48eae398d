// KaTeX's stylesheet lists every font three times (woff2, woff, ttf) for browsers that lack
// woff2. The renderer only runs in Electron's Chromium or a current browser, which all take the
// first entry, woff2, so the other 40 files (about 0.8 MB) shipped in dist/renderer unused. The
// stylesheet is rewritten before Vite resolves its URLs: fonts no rule names are never emitted,
// and no src list is left pointing at a file that is not there.
import type { Plugin } from 'vite';

const FONT_FACE = /@font-face\s*\{[^}]*\}/g;
// `src:` up to the end of its declaration (a `;` or the rule's `}`); urls hold neither.
const SRC = /(\bsrc\s*:\s*)([^;}]*)/g;

/** A src list split at its top-level commas (a comma inside url(...) or format(...) stays). */
function srcEntries(list: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      entries.push(list.slice(start, i));
      start = i + 1;
    }
  }
  entries.push(list.slice(start));
  return entries.map((e) => e.trim()).filter((e) => e !== '');
}

const isWoff2 = (entry: string): boolean => /format\(\s*["']?woff2["']?\s*\)/i.test(entry) || /\.woff2(?:[?#][^)'"]*)?["']?\s*\)/i.test(entry);

/**
 * The stylesheet with each @font-face src list cut to its woff2 entries. A list without one is
 * left whole: a font with no woff2 file would otherwise be lost.
 */
export function keepWoff2Fonts(css: string): string {
  return css.replace(FONT_FACE, (rule) =>
    rule.replace(SRC, (whole, prop: string, list: string) => {
      const woff2 = srcEntries(list).filter(isWoff2);
      return woff2.length === 0 ? whole : `${prop}${woff2.join(',')}`;
    }),
  );
}

export function woff2OnlyFonts(): Plugin {
  return {
    name: 'woff2-only-fonts',
    // Before vite:css, which turns each url() into an emitted asset.
    enforce: 'pre',
    transform(code, id) {
      if (!/\.css(?:\?|$)/.test(id) || !code.includes('@font-face')) return null;
      const css = keepWoff2Fonts(code);
      return css === code ? null : { code: css, map: null };
    },
  };
}
