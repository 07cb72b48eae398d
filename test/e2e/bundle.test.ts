// The UI the e2e tests drive, and that `npm start` serves afterwards, is the production build:
// vitest runs with NODE_ENV=test, and a vite build that inherits it bundles React's development
// build (larger, slower, and not what users get).
import { readdirSync, readFileSync } from 'node:fs';
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
});
