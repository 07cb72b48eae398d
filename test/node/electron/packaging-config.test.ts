// electron-builder.yml and package.json as the packaged app needs them; checked here because a
// mistake shows only on an installed app (the Electron binary and electron-builder's targets
// cannot run on this machine).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; productName?: string; main: string };
const builderYml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');

/** A top-level scalar of the yml file (enough for the few keys checked here). */
function topLevel(key: string): string | undefined {
  return new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(builderYml)?.[1]?.trim();
}

/** The items of a top-level list, e.g. files or asarUnpack. */
function topLevelList(key: string): string[] {
  const block = new RegExp(`^${key}:\\n((?:[ \\t]+.*\\n|\\n)+)`, 'm').exec(builderYml)?.[1] ?? '';
  return [...block.matchAll(/^\s+-\s+(\S+)/gm)].map((m) => m[1] ?? '');
}

/** The key: value pairs of a top-level map, e.g. electronFuses. */
function topLevelMap(key: string): Record<string, string> {
  const block = new RegExp(`^${key}:\\n((?:[ \\t]+.*\\n|\\n)+)`, 'm').exec(builderYml)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^[ \t]+(\w+):\s*(\S+)\s*$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('packaging config', () => {
  it('gives the running app the installed app name', () => {
    // Electron names the app, its menus and its userData folder after package.json's productName
    // (else its npm name, "cascadeflow-desktop"); electron-builder names the installed app after
    // the yml's productName. They must agree.
    expect(topLevel('productName')).toBe('CascadeFlow');
    expect(pkg.productName).toBe(topLevel('productName'));
  });

  it('ships the main bundle, the preload, the worker and the renderer', () => {
    const files = topLevelList('files');
    expect(files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'package.json']));
    expect(pkg.main).toBe('dist-electron/main.cjs');
  });

  it("unpacks better-sqlite3's native addon from the asar archive", () => {
    expect(topLevel('asar')).toBe('true');
    expect(topLevelList('asarUnpack')).toContain('node_modules/better-sqlite3/**/*.node');
    // The addon is where that pattern looks once built (npm run build rebuilt it for Node here).
    const release = join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release');
    expect(readdirSync(release).filter((f) => f.endsWith('.node'))).toContain('better_sqlite3.node');
  });

  it('flips the fuses that would let another program run code as the signed app', () => {
    expect(topLevelMap('electronFuses')).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      // Still needed while the page loads from file:// (window-options.ts AppUrls.indexUrl).
      grantFileProtocolExtraPrivileges: 'true',
    });
    // Only from an archive does onlyLoadAppFromAsar leave an app to load.
    expect(topLevel('asar')).toBe('true');
  });

  it('copies extra resources that exist', () => {
    const from = [...builderYml.matchAll(/^\s+-\s+from:\s*(\S+)/gm)].map((m) => m[1] ?? '');
    expect(from.length).toBeGreaterThan(0);
    for (const dir of from) expect(existsSync(join(ROOT, dir)), dir).toBe(true);
    expect(existsSync(join(ROOT, 'examples', 'traces', 'LICENSE'))).toBe(true);
  });

  it('gives the app a 512x512 png icon from build/, where electron-builder derives the others from', () => {
    expect(topLevel('icon')).toBe('icon.png');
    const png = readFileSync(join(ROOT, 'build', 'icon.png'));
    expect(png.toString('latin1', 1, 4)).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('references no icon file that is missing', () => {
    const buildResources = /^\s+buildResources:\s*(\S+)/m.exec(builderYml)?.[1] ?? 'build';
    for (const m of builderYml.matchAll(/^\s*icon:\s*(\S+)/gm)) {
      const icon = m[1] ?? '';
      expect(existsSync(join(ROOT, buildResources, icon)) || existsSync(join(ROOT, icon)), icon).toBe(true);
    }
  });
});
