// The configuration an offline analysis runs under, found the way every CLI command finds it
// (--config / CASCADEFLOW_CONFIG, else the settings saved in the app's database, else the
// defaults), but read-only: an analysis never creates or migrates a database.
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_CONFIG, parseConfig, type AppConfig } from '../../../shared/core/config/schema.ts';
import { loadConfigFile } from '../config-file.ts';
import { defaultDataDir, resolveDbPath } from '../paths.ts';

export function analysisDbPath(flags: { db?: string }, env: NodeJS.ProcessEnv = process.env): string {
  return resolveDbPath({ db: flags.db, dataDir: defaultDataDir(env), env });
}

function savedConfig(dbPath: string): AppConfig | undefined {
  // A folder given as --db is said by the command that reads the ledger; here the defaults apply.
  if (!existsSync(dbPath) || statSync(dbPath).isDirectory()) return undefined;
  const db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
  try {
    const hasSettings = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get()?.n === 1;
    if (!hasSettings) return undefined;
    const row = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?').get('config');
    if (!row) return undefined;
    const parsed = parseConfig(JSON.parse(row.value_json));
    return parsed.ok ? parsed.config : undefined;
  } catch {
    // A damaged or foreign settings row must not stop an offline analysis: the defaults apply.
    return undefined;
  } finally {
    db.close();
  }
}

export function loadAnalysisConfig(flags: { config?: string; db?: string }, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const configPath = flags.config ?? env.CASCADEFLOW_CONFIG;
  if (configPath) return loadConfigFile(configPath);
  return savedConfig(analysisDbPath(flags, env)) ?? DEFAULT_CONFIG;
}
