// Command-line flags shared by every subcommand, and the errors that name the bad flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { editDistance } from '../../../shared/core/edit-distance.ts';
import { didYouMean } from '../../../shared/core/words.ts';

export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  config: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs with the common flags, turning its errors ("Unknown option '--x'") into usage errors. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  const all = { ...COMMON_OPTIONS, ...options };
  try {
    return parseArgs({ args: joinNegativeValues(argv, all), options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(unknownFlagMessage(e, Object.keys(all)) ?? (e as Error).message);
  }
}

/**
 * parseArgs says "Unknown option '--treshold'. To specify a positional argument starting with a
 * '-', place it at the end of the command after '--'...", which is no help for a typo: name the
 * flag, the one probably meant, and where the list is.
 */
function unknownFlagMessage(e: unknown, known: readonly string[]): string | null {
  if ((e as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return null;
  const flag = /Unknown option '([^']+)'/.exec((e as Error).message)?.[1];
  if (flag === undefined) return null;
  const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
  const meant = closestFlag(name, known);
  return `unknown flag ${flag}${meant ? `: ${didYouMean([`--${meant}`])}` : ''} (--help lists this command's flags)`;
}

/** The known flag a typo most likely meant: a prefix of it, or at most two edits away. */
function closestFlag(name: string, known: readonly string[]): string | null {
  if (name.length < 2) return null;
  const prefixed = known.filter((k) => k.startsWith(name));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  let best: { flag: string; distance: number } | null = null;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d <= Math.min(2, Math.floor(k.length / 3)) && (best === null || d < best.distance)) best = { flag: k, distance: d };
  }
  return best?.flag ?? null;
}

/**
 * `--threshold -0.5` as `--threshold=-0.5`: parseArgs takes a value that starts with a dash
 * for another flag and says the option is "ambiguous"; the range check then names the problem.
 */
function joinNegativeValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name !== null && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

export function numberFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  // Number('') is 0: an empty value (an unset shell variable) is a mistake, not a zero.
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got "${value}")`);
  return n;
}

/** A count: like numberFlag, but a fraction is refused too. */
export function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}
