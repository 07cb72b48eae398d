// `npm start`: the desktop app where Electron's binary is installed; otherwise (no display
// or no binary, as on CI machines) browser mode, printing the URL instead of failing.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const passthrough = process.argv.slice(2);

// Tests of this script set CASCADEFLOW_SKIP_UI_BUILD so they never race another build of dist/.
if (!process.env.CASCADEFLOW_SKIP_UI_BUILD) execFileSync(process.execPath, [join(root, 'scripts/ensure-renderer.mjs')], { stdio: 'inherit' });

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the binary's path, or throws when it was never downloaded
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = electronBinary();
if (electron && hasDisplay) {
  execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs')], { stdio: 'inherit' });
  const child = spawn(electron, [root, ...passthrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    electron
      ? 'No display found: starting browser mode instead of the desktop window.'
      : "Electron's binary is not installed here: starting browser mode instead of the desktop window (`npm run setup:desktop` downloads it).",
  );
  const child = spawn(process.execPath, [join(root, 'bin/cascadeflow.mjs'), 'serve', ...passthrough], { stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
