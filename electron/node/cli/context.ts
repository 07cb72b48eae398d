// Builds the backend a CLI command runs against: config from --config / CASCADEFLOW_CONFIG
// (else the settings stored in the database), database from --db / CASCADEFLOW_DB.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ApiFailure } from '../../../shared/api/result.ts';
import type { Backend } from '../backend-types.ts';
import { createBackend } from '../backend.ts';
import { storageFailure } from '../sqlite/storage-failure.ts';
import { readConfigFile } from '../config-file.ts';
import { defaultDataDir, resolveDbPath } from '../paths.ts';
import { upgradeNotice } from '../sqlite/upgrade-notice.ts';
import type { AppInfo } from '../../../shared/api/contract.ts';

export function appVersion(): string {
  const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };
  return pkg.version;
}

/**
 * `readsLedger`: a command that only reports on what was recorded (report, forecast, alerts):
 * a database named with --db that does not exist is a typo, refused rather than created empty
 * (and reported on as zeros). `onMetricsListening`: told the /metrics URL each time the endpoint
 * starts listening (browser mode runs it when the config enables it).
 */
export async function openBackend(
  flags: { config?: string; db?: string },
  mode: AppInfo['mode'],
  opts: { readsLedger?: boolean; onMetricsListening?: (url: string) => void } = {},
): Promise<Backend> {
  const env = process.env;
  const configPath = flags.config ?? env.CASCADEFLOW_CONFIG;
  const configFile = configPath ? readConfigFile(configPath) : undefined;
  const dataDir = defaultDataDir(env);
  const dbPath = resolveDbPath({ db: flags.db, dataDir, env });
  if (opts.readsLedger && (flags.db !== undefined || env.CASCADEFLOW_DB) && !existsSync(dbPath)) {
    throw new ApiFailure('not_found', `no ledger database at ${dbPath}: check --db (or CASCADEFLOW_DB)`);
  }
  // On stderr: stdout may be a command's JSON.
  const onDatabaseUpgrade = (pending: string[]) => void process.stderr.write(`${upgradeNotice(dbPath, pending)}\n`);
  try {
    return await createBackend({
      dbPath,
      dataDir,
      mode,
      ...(configFile ? { configFile } : {}),
      env,
      version: appVersion(),
      onDatabaseUpgrade,
      ...(opts.onMetricsListening ? { onMetricsListening: opts.onMetricsListening } : {}),
    });
  } catch (e) {
    // "file is not a database" alone says neither which file nor what to do about it.
    throw storageFailure(e, dbPath) ?? e;
  }
}
