// Runs the real build script into a temp dir (not dist-electron, which other builds use).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function requires(code: string): Set<string> {
  return new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ''));
}

describe('electron build script', () => {
  it('bundles main and a sandbox safe preload', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cf-electron-build-'));
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build-electron.mjs'), '--outdir', outdir], { cwd: ROOT });
    const mainPath = join(outdir, 'main.cjs');
    const preloadPath = join(outdir, 'preload.cjs');
    expect(existsSync(mainPath)).toBe(true);
    expect(existsSync(preloadPath)).toBe(true);

    // A sandboxed preload can require 'electron' and nothing else.
    expect([...requires(readFileSync(preloadPath, 'utf8'))]).toEqual(['electron']);
    expect(readFileSync(preloadPath, 'utf8')).toContain('exposeInMainWorld');

    const main = readFileSync(mainPath, 'utf8');
    const mainRequires = requires(main);
    expect(mainRequires.has('electron')).toBe(true);
    // The native addon is loaded from node_modules (rebuilt for Electron), never inlined.
    expect(mainRequires.has('better-sqlite3')).toBe(true);
    expect([...mainRequires].filter((r) => r.startsWith('.') || r.endsWith('.ts'))).toEqual([]);
    expect(main).not.toMatch(/import\.meta\.url/);
  });
});
