// Builds the renderer when dist/renderer is missing or older than its sources, so
// `npm start` / `npm run serve` work on a fresh clone without a separate build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/renderer/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function rendererIsStale() {
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
  return sources > statSync(built).mtimeMs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (rendererIsStale()) {
    console.log('Building the UI (vite build)…');
    // NODE_ENV from the caller's shell (development, test) would bundle React's development build.
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
  }
}
