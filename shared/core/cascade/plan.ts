// Decides, before any model is called, which tier list a query uses, where it starts and
// which thresholds apply. Pure and explainable: every choice carries its reason.
import type { AppConfig, StreamingMode, TierConfig } from '../config/schema.ts';
import { detectDomain } from '../routing/detect-domain.ts';
import { compareComplexity, estimateComplexity } from '../routing/estimate-complexity.ts';
import type { CascadeRequest, RoutingInfo } from './types.ts';

export interface RunPlan {
  routing: RoutingInfo;
  tiers: TierConfig[];
  /** Acceptance threshold per tier index (the last tier is never judged for acceptance). */
  thresholds: number[];
  startTier: number;
  /** The highest tier this run may call: the top one unless the request holds it lower. */
  lastTier: number;
  mode: StreamingMode;
  /** Start the next tier alongside the drafter (parallel mode on hard queries). */
  parallelNext: boolean;
  requireVerified: boolean;
  query: string;
  /** The request's notes (budget adjustments...), repeated at the start of the decision. */
  notes: string[];
}

export function lastUserMessage(request: CascadeRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const m = request.messages[i];
    if (m && m.role === 'user') return m.content;
  }
  return request.messages[request.messages.length - 1]?.content ?? '';
}

export function planRun(request: CascadeRequest, config: AppConfig): RunPlan {
  const query = lastUserMessage(request);
  const detected = detectDomain(query, config.domains, request.domain);
  const domainRoute = config.domains[detected.domain];
  const tiers = request.tiers ?? domainRoute?.tiers ?? config.tiers;
  const baseThreshold = domainRoute?.threshold ?? config.quality.threshold;
  const thresholds = tiers.map((t) => request.threshold ?? t.threshold ?? baseThreshold);

  const complexity = estimateComplexity(query, request.messages);
  const top = tiers.length - 1;
  let startTier = 0;
  const routeNotes: string[] = [];
  if (request.forceTop && top > 0) {
    startTier = top;
    routeNotes.push(`asked for the verifier directly (${tiers[top]?.model})`);
  } else if (config.routing.skipDrafterAbove && top > 0 && compareComplexity(complexity.level, config.routing.skipDrafterAbove) > 0) {
    startTier = 1;
    routeNotes.push(`skipped the drafter: the query looks ${complexity.level} (above "${config.routing.skipDrafterAbove}")`);
  }

  const lastTier = Math.max(0, Math.min(request.lastTier ?? top, top));
  if (startTier > lastTier) {
    startTier = lastTier;
    routeNotes.push(`asked ${tiers[lastTier]?.model}: no tier above it may be called`);
  }

  const mode = request.mode ?? config.streaming.mode;
  const parallelNext = mode === 'parallel' && startTier < lastTier && compareComplexity(complexity.level, 'hard') >= 0;
  if (parallelNext) routeNotes.push(`started ${tiers[startTier + 1]?.model} in parallel: the query looks ${complexity.level}`);
  const notes = request.notes ?? [];

  return {
    routing: {
      domain: detected.domain,
      domainReasons: [...detected.reasons, ...routeNotes, ...notes],
      complexity: complexity.level,
      complexityReasons: complexity.reasons,
      tierModels: tiers.map((t) => t.model),
      skippedDrafter: startTier > 0,
    },
    tiers,
    thresholds,
    startTier,
    lastTier,
    mode,
    parallelNext,
    requireVerified: request.requireVerified ?? config.quality.requireVerified,
    query,
    notes,
  };
}
