// Bundles the Electron main process, its database-upgrade worker and the preload with esbuild. No Electron binary is
// needed, so this runs on any machine (CI, headless servers).
//   node scripts/build-electron.mjs [--outdir <dir>]   (default: dist-electron)
// main.cjs keeps node_modules packages external: they ship in the app's node_modules and
// better-sqlite3's native addon must be loaded from there. preload.cjs bundles everything
// except 'electron', because a sandboxed preload can require nothing else.
// icon.png (the Linux window icon) is copied beside them from build/: electron-builder keeps
// build/ out of the app, and dist-electron/ is in it.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function readOutdir(argv) {
  const at = argv.indexOf('--outdir');
  if (at !== -1 && argv[at + 1]) return resolve(argv[at + 1]);
  const inline = argv.find((a) => a.startsWith('--outdir='));
  return inline ? resolve(inline.slice('--outdir='.length)) : resolve(root, 'dist-electron');
}

export async function buildElectron({ outdir = resolve(root, 'dist-electron'), minify = false } = {}) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'cjs',
    sourcemap: true,
    minify,
    logLevel: 'warning',
    legalComments: 'none',
  };
  const mainProcess = {
    ...common,
    platform: 'node',
    // Electron 41 ships Node 24.
    target: 'node22',
    packages: 'external',
    external: ['electron'],
    // Modules written as ESM use import.meta.url; in a CJS bundle it comes from __filename.
    define: { 'import.meta.url': '__cascadeflowImportMetaUrl' },
    banner: { js: 'const __cascadeflowImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
  await mkdir(outdir, { recursive: true });
  const results = await Promise.allSettled([
    copyFile(resolve(root, 'build', 'icon-256.png'), resolve(outdir, 'icon.png')),
    build({ ...mainProcess, entryPoints: ['electron/main/index.ts'], outfile: resolve(outdir, 'main.cjs') }),
    // The worker thread that upgrades a database while the main process shows a window.
    build({ ...mainProcess, entryPoints: ['electron/node/sqlite/upgrade-worker.ts'], outfile: resolve(outdir, 'upgrade-worker.cjs') }),
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: resolve(outdir, 'preload.cjs'),
      platform: 'browser',
      target: 'chrome120',
      // API_METHOD_NAMES comes from the zod schemas, so zod rides along; minified it is ~4x smaller.
      minify: true,
      external: ['electron'],
      define: { 'process.env.NODE_ENV': '"production"' },
    }),
  ]);
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw new Error(failed.map((r) => (r.reason instanceof Error ? r.reason.message : String(r.reason))).join('\n'));
  return { main: resolve(outdir, 'main.cjs'), preload: resolve(outdir, 'preload.cjs'), upgradeWorker: resolve(outdir, 'upgrade-worker.cjs'), icon: resolve(outdir, 'icon.png') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = readOutdir(process.argv.slice(2));
  buildElectron({ outdir }).then(
    (out) => console.log(`built ${out.main}, ${out.upgradeWorker} and ${out.preload}`),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
