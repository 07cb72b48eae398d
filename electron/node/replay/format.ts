// Plain-text tables for the replay, evaluate and whatif commands (the --json output is the data).
import { formatUsdAmount } from '../../../shared/core/pricing/money.ts';
import type { ReplayReport } from '../../../shared/core/replay/analyze.ts';
import type { EvaluationReport } from '../../../shared/core/replay/evaluate.ts';
import type { ReplayPoint } from '../../../shared/core/replay/metrics.ts';
import type { QualityMetric } from '../../../shared/core/replay/prepare.ts';
import type { WhatIfReport } from '../../../shared/core/replay/whatif.ts';
import { counted } from '../../../shared/core/words.ts';

const pct = (v: number | null, digits = 1) => (v === null ? '—' : `${(v * 100).toFixed(digits)}%`);
const pctPoints = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const usd = (v: number) => formatUsdAmount(v);

export function formatQuality(v: number | null, metric: QualityMetric): string {
  if (v === null) return '—';
  return metric === 'accuracy' || metric === 'agreement' ? pct(v) : v.toFixed(2);
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Each tier's share of the answers ("60.0 / 30.0 / 10.0%"): with three tiers or more, what Drafter % cannot show. */
function sharesCell(p: ReplayPoint, tiers: readonly string[]): string {
  return `${tiers.map((t) => ((p.answered_by[t] ?? 0) * 100).toFixed(1)).join(' / ')}%`;
}

function pointRow(label: string, p: ReplayPoint, metric: QualityMetric, tiers: readonly string[]): string[] {
  const shares = tiers.length > 2 ? [sharesCell(p, tiers)] : [];
  return [label, pct(1 - p.escalation_rate), ...shares, usd(p.cost_usd), formatQuality(p.quality, metric), pct(p.relative_quality), pctPoints(p.savings_pct)];
}

function pointHeader(first: string, tiers: readonly string[]): string[] {
  const shares = tiers.length > 2 ? [`Answered by tier ${tiers.map((_, k) => k + 1).join(' / ')}`] : [];
  return [first, 'Drafter %', ...shares, 'Cost', 'Quality', 'vs verifier', 'Savings'];
}

/** Every 0.05 of a sweep (and the recommended threshold); a single-threshold run shows its point. */
function shownPoints(report: ReplayReport): ReplayPoint[] {
  if (report.points.length <= 25) return report.points;
  const onGrid = (t: number | null) => t !== null && Math.abs(t * 20 - Math.round(t * 20)) < 1e-9;
  return report.points.filter((p) => onGrid(p.threshold) || p === report.recommended || p.threshold === report.recommended?.threshold);
}

export function formatReplayReport(report: ReplayReport, source: string): string {
  const m = report.metric;
  const out: string[] = [];
  out.push(`Replay of ${source}: ${counted(report.queries, 'query', 'queries')}, ${report.tiers.join(' → ')}, quality = ${m === 'accuracy' ? 'accuracy' : m === 'score' ? 'mean score' : m === 'agreement' ? `agreement with the recording's top model` : 'unknown (no labels)'}`);
  for (const p of report.pricing) out.push(`  ${p.model}: ${p.description}`);
  if (report.pricing.some((p) => p.tokens_per_second !== undefined)) out.push('  (energy cost = watts x the time to generate the output tokens at that speed; --tokens-per-second sets it)');
  if (report.samples > 1) out.push(`  each drafter drew ${report.samples} answers per query for the consistency check (their cost is the drafter's)`);
  if (report.counted_usage.length > 0) out.push(`  token counts of ${report.counted_usage.join(', ')} were counted from the text (the trace has no usage)`);
  if (report.excluded.count > 0) out.push(`  left out ${counted(report.excluded.count, 'query', 'queries')} without an answer from every tier (e.g. ${report.excluded.ids.slice(0, 3).join(', ')})`);
  if (report.unlabelled.count > 0) {
    out.push(
      `  left out ${counted(report.unlabelled.count, 'query', 'queries')} without a label for every tier's answer (e.g. ${report.unlabelled.ids.slice(0, 3).join(', ')}): quality, escalation and cost are all measured on the ${counted(report.queries, 'labelled query', 'labelled queries')}`,
    );
  }
  if (report.labelled === 0) out.push('  no answer is labelled (correct/score): quality cannot be measured; escalation and cost are still exact');
  out.push(...ledgerLines(report));
  out.push('');

  const shown = shownPoints(report);
  const recommendedThreshold = report.recommended?.threshold ?? null;
  const tiers = report.tiers;
  out.push(
    table(
      pointHeader('Threshold', tiers),
      shown.map((p) => {
        const mark = p.threshold !== null && p.threshold === recommendedThreshold ? ' ← recommended' : '';
        return [...pointRow(p.threshold === null ? '—' : p.threshold.toFixed(2), p, m, tiers).slice(0, -1), pctPoints(p.savings_pct) + mark];
      }),
    ),
  );
  if (shown.length < report.points.length) out.push(`(every 0.05 of ${report.points.length} thresholds shown; --json for all)`);
  out.push('');

  const b = report.baselines;
  // Random routing at the escalation rate of the single point, or of the recommended threshold.
  const anchor = report.points.length === 1 ? 0 : report.points.findIndex((p) => p.threshold !== null && p.threshold === recommendedThreshold);
  const anchored = anchor >= 0 ? b.random[anchor] : undefined;
  // The oracle escalates where the verifier's answer is better: without labels it knows nothing,
  // and its routing (every query kept on the drafter) would read as the best saving on the table.
  const header = pointHeader('Baseline', tiers);
  const oracleRow = report.labelled === 0 ? ['oracle (needs labels)', ...header.slice(1).map(() => '—')] : pointRow('oracle', b.oracle, m, tiers);
  const randomRows = anchored ? [pointRow(`random (as ${report.points[anchor]?.threshold?.toFixed(2)})`, anchored, m, tiers)] : [];
  out.push(table(header, [pointRow('always drafter', b.always_drafter, m, tiers), pointRow('always verifier', b.always_verifier, m, tiers), oracleRow, ...randomRows]));
  out.push('');

  if (report.labelled === 0) return `${out.join('\n')}\n`;
  const target = pct(report.target_quality, 0);
  const r = report.recommended;
  out.push(
    r
      ? `Recommended threshold ${r.threshold?.toFixed(2)}: ${pct(r.relative_quality)} of the verifier's quality, ${pct(r.escalation_rate)} escalated, ${usd(r.cost_usd)} (saves ${pctPoints(r.savings_pct)}).`
      : `No threshold keeps ${target} of the verifier's quality.`,
  );
  const at = report.at_target;
  const describe = (p: ReplayPoint | null) => (p ? `${pct(p.escalation_rate)} escalated, saves ${pctPoints(p.savings_pct)}` : 'never reaches it');
  out.push(`To keep ${target} of the verifier's quality — validator: ${describe(at.validator)}; random routing: ${describe(at.random)}; oracle: ${describe(at.oracle)}.`);
  return `${out.join('\n')}\n`;
}

/**
 * A ledger trace measures a biased set: said under the header, with where its labels came from,
 * as plainly as the figures it qualifies.
 */
function ledgerLines(report: Pick<ReplayReport, 'from_ledger' | 'queries'>): string[] {
  const l = report.from_ledger;
  if (l === null) return [];
  const some = l.queries < report.queries ? `${l.queries} of these ${report.queries} queries come from your ledger: ` : '';
  const lines = [`  biased sample: ${some}${l.note}`];
  if (l.labels.feedback + l.labels.agreement > 0) {
    lines.push(`  labels: ${counted(l.labels.feedback, 'answer')} by your ratings (one you rated, or one agreeing with it), ${counted(l.labels.agreement, 'answer')} by agreement with the top tier's answer (a rating wins over agreement)`);
  }
  return lines;
}

export function formatEvaluation(report: EvaluationReport): string {
  const m = report.metric;
  const rows = report.drafters.map((d) => [
    d.drafter + (d.drafter === report.best ? ' ★' : ''),
    pct(d.acceptance_rate),
    usd(d.cost_usd),
    formatQuality(d.quality, m),
    pct(d.relative_quality),
    pctPoints(d.savings_pct),
    formatQuality(d.drafter_quality, m),
    d.recommended?.threshold?.toFixed(2) ?? '—',
  ]);
  const target = pct(report.target_quality, 0);
  const notes: string[] = [];
  if (report.excluded.count > 0) {
    notes.push(`  left out ${counted(report.excluded.count, 'query', 'queries')} without an answer from every drafter and the verifier (e.g. ${report.excluded.ids.slice(0, 3).join(', ')}): every drafter is measured on the same ${counted(report.queries, 'query', 'queries')}`);
  }
  if (report.unlabelled.count > 0) {
    notes.push(`  left out ${counted(report.unlabelled.count, 'query', 'queries')} without a label for every drafter's and the verifier's answer (e.g. ${report.unlabelled.ids.slice(0, 3).join(', ')})`);
  }
  notes.push(...ledgerLines(report));
  return [
    `Drafters in front of ${report.verifier} on ${counted(report.queries, 'query', 'queries')} at threshold ${report.threshold.toFixed(2)} (verifier alone: ${formatQuality(report.verifier_quality, m)}, ${usd(report.verifier_cost_usd)})`,
    ...notes,
    '',
    table(['Drafter', 'Acceptance', 'Cost', 'Quality', 'vs verifier', 'Savings', 'Drafter alone', `Threshold for ${target}`], rows),
    '',
    bestDrafterLine(report, target),
    '',
  ].join('\n');
}

/** The pick and the rule behind it (shared/core/replay/evaluate.ts), so the ★ can be checked against the table. */
function bestDrafterLine(report: EvaluationReport, target: string): string {
  const best = report.drafters.find((d) => d.drafter === report.best);
  if (!best) return 'No drafter could be rated (no labels).';
  const at = `at threshold ${report.threshold.toFixed(2)}`;
  if (best.relative_quality !== null && best.relative_quality >= report.target_quality) {
    return `Best drafter: ${best.drafter}: of the drafters keeping ${target} of the verifier's quality ${at}, the cheapest cascade (then the one whose drafts are accepted most).`;
  }
  return `Best drafter: ${best.drafter}: no drafter keeps ${target} of the verifier's quality ${at}; it comes closest (${pct(best.relative_quality)}).`;
}

export function formatWhatIf(r: WhatIfReport, days: number): string {
  // --local models are re-priced by energy, not at a price of the user's: said apart.
  const asLocal = (m: string) => r.by_model.some((l) => l.model === m && l.repriced_as.startsWith('local:'));
  const local = r.repriced_models.filter(asLocal);
  const priced = r.repriced_models.filter((m) => !asLocal(m));
  const changes = [
    r.verifier ? `verifier ${r.verifier.model}` : null,
    priced.length > 0 ? `your prices for ${priced.join(', ')}` : null,
    local.length > 0 ? `${local.join(', ')} run locally` : null,
    r.electricity_usd_per_kwh !== null ? `electricity at $${r.electricity_usd_per_kwh}/kWh (${r.gpu_watts} W)` : null,
  ].filter((c): c is string => c !== null);
  const lines = [
    `Last ${counted(days, 'day')}: ${counted(r.queries, 'query', 'queries')}, ${counted(r.calls, 'model call')}; what-if: ${changes.length > 0 ? changes.join(', ') : 'no change'}`,
    '',
    table(
      ['Model', 'Calls', 'Tokens in/out', 'Recorded', 'What-if', 'Priced'],
      r.by_model.map((l) => [l.model, String(l.calls), `${l.input_tokens}/${l.output_tokens}`, usd(l.actual_cost_usd), usd(l.whatif_cost_usd), l.repriced_as + (l.unknown_price_calls ? ` (${l.unknown_price_calls} unpriced)` : '')]),
    ),
    '',
    `Recorded cost ${usd(r.actual_cost_usd)} → what-if ${usd(r.whatif_cost_usd)}.`,
  ];
  if (r.whatif_baseline_usd !== null) lines.push(`Asking ${r.verifier?.model} alone: ${usd(r.whatif_baseline_usd)}; the cascade would save ${pctPoints(r.whatif_savings_pct)}.`);
  if (r.unknown_price_calls > 0) lines.push(`Left out of both sums: ${counted(r.unknown_price_calls, 'call')} with no known price.`);
  return `${lines.join('\n')}\n`;
}
