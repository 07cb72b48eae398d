// The UI the e2e tests drive, and that `npm start` serves afterwards, is the production build:
// vitest runs with NODE_ENV=test, and a vite build that inherits it bundles React's development
// build (larger, slower, and not what users get).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from './harness.ts';
import './provided.ts';

const chromiumPath = inject('e2eChromium');

describe.skipIf(!chromiumPath)('the built UI', () => {
  it('bundles React in production mode', () => {
    const dir = join(ROOT, 'dist', 'renderer', 'assets');
    const code = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    expect(code.includes('createRoot'), 'the bundle holds the app').toBe(true);
    // Only React's development build carries these (and its JSX calls name the source files).
    expect(code.includes('Download the React DevTools'), "React's development build was bundled").toBe(false);
    expect(code.includes('jsxDEV'), 'JSX was compiled for development').toBe(false);
  });

  it("ships KaTeX's fonts as woff2 only, every @font-face naming a file that is there", () => {
    const dir = join(ROOT, 'dist', 'renderer', 'assets');
    const files = readdirSync(dir);
    // Every browser the app runs in takes woff2, the first entry of each src list.
    expect(files.filter((f) => /\.(?:woff|ttf)$/.test(f))).toEqual([]);
    const faces = files
      .filter((f) => f.endsWith('.css'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').match(/@font-face\s*\{[^}]*\}/g) ?? []);
    const katex = faces.filter((f) => f.includes('KaTeX_'));
    expect(katex).toHaveLength(20);
    for (const face of faces) {
      const urls = [...face.matchAll(/url\(["']?\.\/([^)"'?#]+)/g)].map((m) => m[1] ?? '');
      expect(urls, face).toHaveLength(1);
      expect(urls[0], face).toMatch(/\.woff2$/);
      expect(existsSync(join(dir, urls[0] ?? '')), face).toBe(true);
    }
  });
});
