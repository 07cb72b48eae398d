// The desktop app writes a ledger download into the file the user picked. Killed half way (the
// app crashed, the machine lost power), that file must not be left holding the first rows only,
// looking like the whole ledger: the older file there stays as it was until the new one is whole.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./slow-export-child.ts', import.meta.url));
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function bytesIn(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
}

it('leaves the chosen file as it was when the app is killed mid export', { timeout: 60_000 }, async () => {
  dir = mkdtempSync(join(tmpdir(), 'cf-save-kill-'));
  const path = join(dir, 'ledger.csv');
  const older = 'id,created_at,model\nq1,2026-11-01T00:00:00.000Z,gpt-4o\n';
  writeFileSync(path, older);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  // Kill once a good part (about 60 KB of the 600 KB) is on disk, wherever it is written.
  const end = Date.now() + 40_000;
  while (bytesIn(dir) < older.length + 60_000) {
    if (child.exitCode !== null) throw new Error(`the export ended before it could be killed: ${stderr}`);
    if (Date.now() > end) throw new Error('the export never started writing');
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(readFileSync(path, 'utf8')).toBe(older);
});
