// Where the app keeps its data when Electron's userData is not available (browser mode, CLI).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CASCADEFLOW_DATA_DIR) return env.CASCADEFLOW_DATA_DIR;
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'CascadeFlow');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'CascadeFlow');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'cascadeflow');
}

export function resolveDbPath(opts: { db?: string; dataDir: string; env?: NodeJS.ProcessEnv }): string {
  return opts.db ?? opts.env?.CASCADEFLOW_DB ?? join(opts.dataDir, 'cascadeflow.db');
}
