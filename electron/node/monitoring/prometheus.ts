// Prometheus metrics on their own Registry (never prom-client's global one, so two backends in
// one process, as in tests, count separately). Labels are low-cardinality only: tier, outcome,
// provider, model. User ids, features, prompts and query ids stay in SQLite.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import type { AlertSource } from '../../../shared/core/monitoring/alert-types.ts';
import { isCacheHitRecord } from '../../../shared/core/ledger/cache-hit.ts';
import { NANO_PER_USD } from '../../../shared/core/pricing/money.ts';

export type TierLabel = 'drafter' | 'middle' | 'verifier' | 'direct' | 'cache';

/**
 * Which tier answered: the drafter, the top tier, one in between, or the only one; or none, the
 * answer being served from the response cache (its $0 and its milliseconds are no tier's).
 */
export function tierLabel(q: Pick<QueryRecord, 'finalTier' | 'topTier' | 'calls'>): TierLabel {
  if (isCacheHitRecord(q)) return 'cache';
  if (q.topTier === 0) return 'direct';
  if (q.finalTier === 0) return 'drafter';
  return q.finalTier >= q.topTier ? 'verifier' : 'middle';
}

const LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120];
const QUALITY_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

export interface PromMetrics {
  readonly registry: Registry;
  record(q: QueryRecord, quality: number | null): void;
  /** Drafter acceptance over the monitoring window; null (no data) shows as NaN. */
  setAcceptance(ratio: number | null): void;
  alertRaised(source: AlertSource): void;
  text(): Promise<string>;
  readonly contentType: string;
}

export function createPromMetrics(): PromMetrics {
  const registry = new Registry();
  const registers = [registry];
  const queries = new Counter({
    name: 'cascadeflow_queries_total',
    help: 'Queries recorded, by the tier that answered (drafter, middle, verifier, direct; cache: served from the response cache, no model called) and the run outcome (ok, unverified, failed, cancelled).',
    labelNames: ['tier', 'outcome'] as const,
    registers,
  });
  // The per-call counters share one label set, so PromQL can match spend to the unpriced calls.
  const byModel = (name: string, help: string) => new Counter({ name, help, labelNames: ['provider', 'model'] as const, registers });
  const cost = byModel('cascadeflow_cost_usd_total', 'Spend in USD by provider and model, from the usage each provider reported (every call, drafts and escalations).');
  const unknownPrice = byModel('cascadeflow_unknown_price_calls_total', 'Model calls whose price is unknown (their cost is missing from cascadeflow_cost_usd_total).');
  const baseline = new Counter({
    name: 'cascadeflow_baseline_cost_usd_total',
    help: 'What the queries would have cost on their top tier alone, in USD (queries whose top tier has a price and whose own cost is known: a query with an unpriced call has no known saving).',
    registers,
  });
  const cacheSaved = new Counter({
    name: 'cascadeflow_cache_saved_usd_total',
    help: 'What the answers served from the response cache saved, in USD: their top tier\'s baseline (they cost nothing). Included in cascadeflow_baseline_cost_usd_total.',
    registers,
  });
  const acceptance = new Gauge({
    name: 'cascadeflow_drafter_acceptance_ratio',
    help: 'Share of answered multi-tier queries whose draft the validator accepted (a draft returned unverified is not; an answer from the response cache is left out), over the anomaly window (default: the last 100 queries).',
    registers,
  });
  // Both distributions are split by the tier that answered: the comparison a dashboard draws.
  const byTier = (name: string, help: string, buckets: number[]) => new Histogram({ name, help, labelNames: ['tier'] as const, buckets, registers });
  const duration = byTier('cascadeflow_request_duration_seconds', 'Wall time of a cascade run, from the request to the final answer.', LATENCY_BUCKETS);
  const quality = byTier('cascadeflow_quality_score', "Validator score (0-1) of the answer returned (the last accepted call's).", QUALITY_BUCKETS);
  const alerts = new Counter({
    name: 'cascadeflow_alerts_total',
    help: 'Alerts raised, by source (rule, anomaly).',
    labelNames: ['source'] as const,
    registers,
  });

  return {
    registry,
    record(q, score) {
      const tier = tierLabel(q);
      queries.inc({ tier, outcome: q.status });
      for (const c of q.calls) {
        if (c.costNano === null) unknownPrice.inc({ provider: c.provider, model: c.model });
        else cost.inc({ provider: c.provider, model: c.model }, c.costNano / NANO_PER_USD);
      }
      // 1 - cost / baseline is the saving a dashboard draws: a query whose cost leaves out an
      // unpriced call would add its whole baseline as saved, so it adds nothing to the baseline.
      if (q.baselineCostNano !== null && q.costComplete) baseline.inc(q.baselineCostNano / NANO_PER_USD);
      if (tier === 'cache' && q.baselineCostNano !== null) cacheSaved.inc(Math.max(0, q.baselineCostNano - q.costNano) / NANO_PER_USD);
      duration.observe({ tier }, q.latencyMs / 1000);
      if (score !== null) quality.observe({ tier }, score);
    },
    setAcceptance(ratio) {
      // NaN, not 0: "no data yet" must not read as "the drafter answers nothing".
      acceptance.set(ratio ?? Number.NaN);
    },
    alertRaised(source) {
      alerts.inc({ source });
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
