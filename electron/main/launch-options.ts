// Where the desktop app keeps its data: `--db <path>` / `--db=<path>` or CASCADEFLOW_DB
// override the default database in the data folder (the CLI's, paths.ts); `--config` / CASCADEFLOW_CONFIG name an
// optional config file. Pure so it can be tested without Electron.
import { isAbsolute, join, resolve } from 'node:path';

export interface LaunchOptions {
  dbPath: string;
  configPath?: string;
  /** Vite dev server to load instead of dist/renderer (never in a packaged app). */
  devServerUrl?: string;
}

export function readFlag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg?.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

export function resolveLaunchOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  packaged: boolean,
  cwd: string = process.cwd(),
): LaunchOptions {
  const absolute = (p: string) => (p === ':memory:' || isAbsolute(p) ? p : resolve(cwd, p));
  const db = readFlag(argv, 'db') ?? nonEmpty(env.CASCADEFLOW_DB);
  const config = readFlag(argv, 'config') ?? nonEmpty(env.CASCADEFLOW_CONFIG);
  const dev = packaged ? undefined : nonEmpty(env.CASCADEFLOW_DEV_SERVER_URL);
  return {
    dbPath: db !== undefined ? absolute(db) : join(dataDir, 'cascadeflow.db'),
    ...(config !== undefined ? { configPath: absolute(config) } : {}),
    ...(dev !== undefined ? { devServerUrl: dev } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
