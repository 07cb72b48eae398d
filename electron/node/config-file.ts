// Reads a JSON config file (--config / CASCADEFLOW_CONFIG) and reports problems by field.
import { readFileSync } from 'node:fs';
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
