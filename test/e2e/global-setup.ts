// Runs once before the e2e files: builds the renderer the server will serve, and checks
// that Debian's chromium is installed. Without it the tests skip loudly, unless
// CASCADEFLOW_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH } from './provided.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export default function setup(project: TestProject): void {
  if (!existsSync(CHROMIUM_PATH)) {
    const reason = 'e2e skipped: chromium not installed (apt-get install -y chromium)';
    if (process.env.CASCADEFLOW_REQUIRE_BROWSER === '1') throw new Error(`${reason}; CASCADEFLOW_REQUIRE_BROWSER=1 makes this a failure`);
    const bar = '!'.repeat(reason.length + 8);
    process.stderr.write(`\n${bar}\n!!! ${reason} !!!\n${bar}\n\n`);
    project.provide('e2eChromium', null);
    project.provide('e2eSkipReason', reason);
    return;
  }
  const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
  // vitest sets NODE_ENV=test; inherited, it makes vite bundle React's development build (and it
  // would stay in dist/renderer for npm start): the tests drive what users get.
  const env = { ...process.env, NODE_ENV: 'production' };
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env });
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status ?? build.signal}); the e2e tests need dist/renderer`);
  project.provide('e2eChromium', CHROMIUM_PATH);
  project.provide('e2eSkipReason', null);
}
