// `npm start` on a machine without Electron's binary or without a display starts browser mode
// and prints the URL instead of failing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const START = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));

it('falls back to browser mode and prints the url', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-start-'));
  const child = spawn(process.execPath, [START, '--port', '0', '--db', join(dir, 'x.db')], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, DISPLAY: '', WAYLAND_DISPLAY: '', CASCADEFLOW_SKIP_UI_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`start exited (${code}): ${out}`)));
    });
    expect(out).toMatch(/starting browser mode/);
    const health = await fetch(`${url}healthz`);
    expect(await health.text()).toBe('ok');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
