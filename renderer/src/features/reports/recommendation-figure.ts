// A recommendation's triggering figure in words: "drafter acceptance 42.0% (target at least 60.0%)".
import type { Recommendation } from '../../../../shared/core/monitoring/report.ts';
import { formatCount, formatPct } from '../../lib/format.ts';

const LABELS: Record<string, string> = {
  drafter_acceptance_rate: 'drafter acceptance',
  verifier_usage_pct: 'verifier usage',
  avg_quality: 'average quality',
  false_accept_rate: 'false accepts',
  unknown_price_queries: 'queries without a price',
  failed_query_share: 'queries without an answer',
};

/** Lower bounds: the recommendation fires when the figure is below its threshold. */
const BELOW: ReadonlySet<Recommendation['id']> = new Set(['low_acceptance', 'domain_low_acceptance', 'quality_below_target']);

export function recommendationFigure(r: Recommendation): string | null {
  if (r.metric === null || r.value === null) return null;
  const budget = r.metric.startsWith('budget:') ? r.metric.slice('budget:'.length) : null;
  // One domain's acceptance: `drafter_acceptance_rate:code`.
  const [base = r.metric, domain] = r.metric.split(':', 2);
  const label = budget !== null ? `budget ${budget} spent` : domain !== undefined && LABELS[base] ? `${domain} ${LABELS[base]}` : (LABELS[r.metric] ?? r.metric);
  const count = r.id === 'unknown_prices';
  const quality = r.id === 'quality_below_target';
  const fmt = (v: number) => (count ? formatCount(v) : quality ? v.toFixed(3) : formatPct(v, 1));
  if (r.threshold === null) return `${label} ${fmt(r.value)}`;
  return `${label} ${fmt(r.value)} (target ${BELOW.has(r.id) ? 'at least' : 'at most'} ${fmt(r.threshold)})`;
}
