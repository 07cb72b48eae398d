// Whether a replay measured the cascade the user runs. A threshold is a cut on the validator's
// scores of one drafter's answers: measured on another pair, "Use threshold" would set a number
// that was never measured on the user's own drafts, so the view says so before it is applied.
import type { TierConfig } from '../../../../shared/core/config/schema.ts';

export interface OtherCascade {
  /** "drafter → verifier" the replay ran. */
  measured: string;
  /** "drafter → verifier" of the configured main cascade. */
  yours: string;
}

const pair = (models: readonly string[]): string => models.join(' → ');
const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** null when the replay's drafter and verifier are the configured first and last tiers (or the cascade is not known yet). */
export function otherCascade(measured: readonly string[], tiers: readonly Pick<TierConfig, 'model'>[] | undefined): OtherCascade | null {
  if (!tiers || tiers.length === 0) return null;
  const yours = [tiers[0]?.model ?? '', ...(tiers.length > 1 ? [tiers.at(-1)?.model ?? ''] : [])];
  if (yours.length === 2 && same(measured[0], yours[0]) && same(measured.at(-1), yours[1])) return null;
  return { measured: pair([measured[0] ?? '', measured.at(-1) ?? '']), yours: pair(yours) };
}
