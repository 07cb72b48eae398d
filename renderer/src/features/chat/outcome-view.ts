// Derived facts about a finished run, for its badge, quality chip and draft marker.
import type { Attempt, CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import type { ProviderKind } from '../../../../shared/core/config/schema.ts';
import { escalationReason } from '../../../../shared/core/quality/decide.ts';
import type { QualityVerdict } from '../../../../shared/core/quality/types.ts';
import type { SampleInput } from './samples-view.ts';

export function isLocalModel(provider: ProviderKind, pricing?: Attempt['pricing']): boolean {
  return provider === 'ollama' || pricing === 'energy';
}

/** Attempts that answered (or tried to): not the background audit, not a consistency sample. */
export function answeringAttempts(outcome: CascadeOutcome): Attempt[] {
  return outcome.attempts.filter((a) => a.role !== 'audit' && a.role !== 'sample');
}

/** The run's consistency samples, numbered by their place among the attempts. */
export function outcomeSamples(outcome: CascadeOutcome): SampleInput[] {
  return outcome.attempts.flatMap((a, index) => (a.role === 'sample' ? [{ index, tier: a.tier, model: a.model, role: a.role, result: a }] : []));
}

export function finalAttempt(outcome: CascadeOutcome): Attempt | null {
  const answering = answeringAttempts(outcome);
  return [...answering].reverse().find((a) => a.model === outcome.model && a.tier === outcome.tier) ?? answering.at(-1) ?? null;
}

export function runTokens(outcome: CascadeOutcome): { input: number; output: number; estimated: boolean } {
  let input = 0;
  let output = 0;
  let estimated = false;
  for (const a of outcome.attempts) {
    input += a.usage.inputTokens;
    output += a.usage.outputTokens;
    estimated ||= a.usage.estimated;
  }
  return { input, output, estimated };
}

export interface DraftView {
  model: string;
  provider: ProviderKind;
  tier: number;
  text: string;
  reason: string;
  quality: QualityVerdict | null;
}

/** Drafts that were replaced by a higher tier, with the reason in words. */
export function replacedDrafts(outcome: CascadeOutcome): DraftView[] {
  const final = finalAttempt(outcome);
  return answeringAttempts(outcome)
    .filter((a) => a !== final && a.tier < outcome.tier)
    .map((a) => ({ model: a.model, provider: a.provider, tier: a.tier, text: a.text, quality: a.quality, reason: draftEscalationReason(a) }));
}

/** The same words the live run showed when the draft was escalated. */
export function draftEscalationReason(a: Attempt): string {
  if (a.error) return a.error.message;
  if (a.quality) return escalationReason(a.quality);
  if (a.status === 'cancelled') return 'the draft was stopped';
  return 'the draft was not accepted';
}

/**
 * Why an unverified answer is only a draft: the check it failed, and the tiers above it that
 * failed to answer. Null unless the run returned a draft because every verifier failed.
 */
export function unverifiedDraft(outcome: CascadeOutcome): { model: string; reason: string | null; failures: { model: string; message: string }[] } | null {
  if (outcome.status !== 'unverified') return null;
  const draft = finalAttempt(outcome);
  const failures = answeringAttempts(outcome)
    .filter((a) => a.tier > outcome.tier && a.status !== 'ok')
    .map((a) => ({ model: a.model, message: a.error?.message ?? 'no answer' }));
  const rejected = draft?.quality && !draft.quality.accepted ? escalationReason(draft.quality) : null;
  return { model: outcome.model, reason: rejected, failures };
}

/** Every validated answering attempt, in order: the drafts that decided the run, then the final answer's own check. */
export function verdicts(outcome: CascadeOutcome): { attempt: Attempt; verdict: QualityVerdict; final: boolean }[] {
  const final = finalAttempt(outcome);
  return answeringAttempts(outcome)
    .filter((a): a is Attempt & { quality: QualityVerdict } => a.quality !== null)
    .map((a) => ({ attempt: a, verdict: a.quality, final: a === final }));
}

/** The verdict the chip shows: the final answer's, else the last rejected draft's. */
export function decidingVerdict(outcome: CascadeOutcome): { attempt: Attempt; verdict: QualityVerdict } | null {
  const all = verdicts(outcome);
  const chosen = all.find((v) => v.final) ?? all.at(-1);
  return chosen ? { attempt: chosen.attempt, verdict: chosen.verdict } : null;
}

/**
 * Whether the quality check fell short of the threshold: the chip then says why the answer
 * escalated (or why it is unverified) and stays in the compact facts line, not in the details.
 */
export function qualityFallsShort(outcome: CascadeOutcome): boolean {
  const shown = decidingVerdict(outcome);
  return shown !== null && !shown.verdict.accepted;
}

/** A rating judges an answer: a run that failed, or gave no text, has none to judge. */
export function canRate(outcome: CascadeOutcome | null, text: string): boolean {
  return outcome?.status !== 'failed' && text.trim() !== '';
}

/**
 * Whether `model` gave this answer in full: "Retry with" it would then only ask it again, which
 * Retry does. A failed, stopped or unverified run still gains from asking it directly.
 */
export function answeredBy(outcome: CascadeOutcome | null, model: string | null | undefined): boolean {
  return outcome?.status === 'ok' && model !== null && model !== undefined && outcome.model === model;
}

export function auditAttempt(outcome: CascadeOutcome): Attempt | null {
  return outcome.attempts.find((a) => a.role === 'audit') ?? null;
}

/** "drafter", "verifier", or "tier 2" for a middle tier of a longer cascade. */
export function tierRole(tier: number, tierCount: number): string {
  if (tier === 0 && tierCount > 1) return 'drafter';
  if (tier === tierCount - 1) return 'verifier';
  return `tier ${tier + 1}`;
}

/** The role of the tier that answered: "drafter", "verifier" or "tier 2". */
export function answerRole(outcome: CascadeOutcome): string {
  return tierRole(outcome.tier, Math.max(outcome.routing.tierModels.length, outcome.tier + 1));
}
