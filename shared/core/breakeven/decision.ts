// The analysis in one sentence, for the break-even page and `cascadeflow breakeven`.
import { formatCount, formatUsd } from '../pricing/money.ts';
import type { MonthlyCosts, NoBreakEvenReason, NormalizedBreakEvenInputs, Recommendation, SelfHostBreakdown } from './types.ts';
import { counted, formatCountHeadline } from '../words.ts';

/** The recommendation as the view's result card and the CLI's summary title it. */
export const RECOMMENDATION_TITLE: Record<Recommendation, string> = {
  'cloud-only': 'Cloud only',
  'cloud-drafter': 'Cloud drafter',
  'self-host': 'Self-host the drafter',
};

/** Cheapest option; ties go to the simpler one (no cascade, then no GPUs to run). */
export function recommend(costs: MonthlyCosts): Recommendation {
  const { cloudOnlyNano, cloudDrafterNano, selfHostedNano } = costs;
  if (cloudOnlyNano <= cloudDrafterNano && cloudOnlyNano <= selfHostedNano) return 'cloud-only';
  return selfHostedNano < cloudDrafterNano ? 'self-host' : 'cloud-drafter';
}

function gpuPhrase(s: SelfHostBreakdown): string {
  return `${counted(s.gpus, 'GPU')}, ${Math.round(s.utilization * 100)}% busy`;
}

function noBreakEvenClause(reason: NoBreakEvenReason, i: NormalizedBreakEvenInputs): string {
  switch (reason) {
    case 'energy-exceeds-draft-price':
      return `self-hosting never pays off: the electricity for one query costs more than drafting it on ${i.cloudDrafterName}`;
    case 'gpu-exceeds-savings':
      return 'self-hosting never pays off: a fully loaded GPU costs more than the cloud drafts it replaces';
    case 'beyond-search-limit':
      return `self-hosting does not break even below ${formatCount(i.searchLimitQueries)} queries/month`;
  }
}

export interface DecisionFacts {
  inputs: NormalizedBreakEvenInputs;
  costs: MonthlyCosts;
  selfHost: SelfHostBreakdown;
  breakEvenQueries: number | null;
  noBreakEvenReason: NoBreakEvenReason | null;
  recommendation: Recommendation;
}

export function describeDecision(f: DecisionFacts): string {
  const i = f.inputs;
  // The volume typed is written as typed; the break-even, an estimate, as its card writes it
  // ("20.2M", not "20,180,712": the view shows one figure one way, and eight digits overstate it).
  const at = `at ${formatCount(i.monthlyQueries)} queries/month`;
  const breakEvenAt = (q: number) => `${formatCountHeadline(Math.ceil(q))} queries/month`;
  const breakEven =
    f.breakEvenQueries !== null
      ? `break-even at ${breakEvenAt(f.breakEvenQueries)}`
      : noBreakEvenClause(f.noBreakEvenReason ?? 'beyond-search-limit', i);
  switch (f.recommendation) {
    case 'self-host':
      return `Self-host: ${at} a self-hosted drafter (${gpuPhrase(f.selfHost)}) saves ${formatUsd(f.costs.cloudDrafterNano - f.costs.selfHostedNano)}/month over ${i.cloudDrafterName}; ${breakEven}.`;
    case 'cloud-drafter': {
      if (f.costs.selfHostedNano === f.costs.cloudDrafterNano) {
        return `Cloud drafter: ${at} a self-hosted drafter (${gpuPhrase(f.selfHost)}) costs the same as drafting on ${i.cloudDrafterName}, so it is not worth running; ${breakEven}.`;
      }
      const lead = `Cloud drafter: ${at} drafting on ${i.cloudDrafterName} costs ${formatUsd(f.costs.selfHostedNano - f.costs.cloudDrafterNano)}/month less than a self-hosted drafter (${gpuPhrase(f.selfHost)})`;
      if (f.breakEvenQueries !== null && f.breakEvenQueries <= i.monthlyQueries) {
        return `${lead}; self-hosting was cheaper from ${breakEvenAt(f.breakEvenQueries)}, but this volume needs another GPU that does not pay for itself yet.`;
      }
      return `${lead}; ${f.breakEvenQueries !== null ? `self-hosting breaks even at ${breakEvenAt(f.breakEvenQueries)}` : breakEven}.`;
    }
    case 'cloud-only': {
      const best = Math.min(f.costs.cloudDrafterNano, f.costs.selfHostedNano);
      const accepted = Math.round(i.drafterAcceptanceRate * 100);
      const lead = `Cloud only: ${at} with ${accepted}% of drafts accepted, sending every query straight to ${i.verifierName} is cheapest`;
      // A tie (no queries at all, say) is not a cost: nothing is gained by a cascade, nothing lost.
      if (best === f.costs.cloudOnlyNano) return `${lead}; a cascade would cost the same, so it gains nothing here.`;
      return `${lead}; the cheaper cascade would cost ${formatUsd(best - f.costs.cloudOnlyNano)}/month more.`;
    }
  }
}
