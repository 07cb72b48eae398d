// Reads a JSON config file (--config / CASCADEFLOW_CONFIG) and reports problems by field, and
// writes it back when the settings are saved: the file stays the one source of the config.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ApiFailure } from '../../shared/api/result.ts';
import { parseConfig, type AppConfig } from '../../shared/core/config/schema.ts';

/** A config file as read once: the config in it, and the text its revision is the hash of. */
export interface ConfigFile {
  path: string;
  text: string;
  config: AppConfig;
}

/** Reads and checks the file; throws config_invalid naming the file (and the fields). */
export function readConfigFile(path: string): ConfigFile {
  const text = readConfigText(path);
  return { path, text, config: parseConfigText(path, text) };
}

export function loadConfigFile(path: string): AppConfig {
  return readConfigFile(path).config;
}

/** The file's text as it is now; throws config_invalid naming the file when it cannot be read. */
export function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ApiFailure('config_invalid', `Cannot read config file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** The config in `text` (read from `path`); throws config_invalid naming the file and the fields. */
export function parseConfigText(path: string, text: string): AppConfig {
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

/**
 * Replaces the file whole (written beside it, then renamed), so a crash never leaves half a
 * config. Returns the text written: the revision of the saved settings is its hash.
 */
export function saveConfigFile(path: string, config: AppConfig): string {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const text = `${JSON.stringify(config, null, 2)}\n`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return text;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new ApiFailure('internal', `Cannot save the settings to the config file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
