// Reads a JSON config file (--config / CASCADEFLOW_CONFIG) and reports problems by field, and
// writes it back when the settings are saved: the file stays the one source of the config.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiFailure } from '../../shared/api/result.ts';
import { parseConfig, type AppConfig } from '../../shared/core/config/schema.ts';

export function loadConfigFile(path: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ApiFailure('config_invalid', `Cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ApiFailure('config_invalid', `Config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new ApiFailure('config_invalid', `${path}: ${parsed.message}`, { fields: parsed.fields });
  return parsed.config;
}

/** Replaces the file whole (written beside it, then renamed), so a crash never leaves half a config. */
export function saveConfigFile(path: string, config: AppConfig): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new ApiFailure('internal', `Cannot save the settings to the config file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
