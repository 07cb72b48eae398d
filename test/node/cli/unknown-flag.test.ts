// A typo'd flag is the commonest command-line mistake: the error names it and the flag meant.
import { describe, expect, it } from 'vitest';
import { parse, UsageError } from '../../../electron/node/cli/args.ts';

const REPLAY_FLAGS = { tiers: { type: 'string' }, threshold: { type: 'string' }, sweep: { type: 'boolean' }, 'target-quality': { type: 'string' }, 'tokens-per-second': { type: 'string' } } as const;

function usageError(argv: string[]): string {
  try {
    parse(argv, REPLAY_FLAGS);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('parse accepted the flags');
}

describe('unknown flags', () => {
  it('names the flag probably meant: a misspelling or a cut-short name', () => {
    expect(usageError(['t.jsonl', '--treshold', '0.5'])).toBe("unknown flag --treshold: did you mean --threshold? (--help lists this command's flags)");
    expect(usageError(['t.jsonl', '--tier', 'a,b'])).toBe("unknown flag --tier: did you mean --tiers? (--help lists this command's flags)");
    expect(usageError(['t.jsonl', '--target-qualty=0.9'])).toBe("unknown flag --target-qualty: did you mean --target-quality? (--help lists this command's flags)");
    expect(usageError(['t.jsonl', '--jsn'])).toBe("unknown flag --jsn: did you mean --json? (--help lists this command's flags)");
  });

  it('suggests nothing when no flag is close, and still says where the list is', () => {
    expect(usageError(['t.jsonl', '--verbose'])).toBe("unknown flag --verbose (--help lists this command's flags)");
    expect(usageError(['t.jsonl', '-x'])).toBe("unknown flag -x (--help lists this command's flags)");
  });

  it('keeps the other parse errors as node words them', () => {
    expect(usageError(['t.jsonl', '--sweep=yes'])).toMatch(/--sweep' does not take an argument/);
  });
});
