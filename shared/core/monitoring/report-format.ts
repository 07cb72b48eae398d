// The cost report as Markdown (readable in a terminal, pasteable into an issue or an email) and
// as CSV in long form (section,key,metric,value): one table any spreadsheet can pivot, however
// many models, users or queries the period had.
import { cacheHitWords } from '../ledger/cache-hit-words.ts';
import { escalatedWords } from '../ledger/escalated-words.ts';
import { formatCount, formatUsd, nanoToUsd } from '../pricing/money.ts';
import { counted } from '../words.ts';
import { recommendationLabel, verifierUsageWords, type CostReport } from './report.ts';

const MARKDOWN_LABEL = { warning: '**Warning:**', ok: 'OK:', note: 'Note:' } as const;

const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`);
const isoMinute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const cell = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/**
 * A cost that leaves out `unpriced` calls or queries of unknown price ("$1.50 + 2 unpriced"), and
 * "price unknown" when nothing of it is known: a model with no price at all did not cost $0.00.
 */
function knownCost(costNano: number, unpriced: number): string {
  if (unpriced === 0) return formatUsd(costNano);
  return costNano === 0 ? `price unknown (${formatCount(unpriced)} unpriced)` : `${formatUsd(costNano)} + ${formatCount(unpriced)} unpriced`;
}

function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return '_none_\n';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return `${[line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')}\n`;
}

export function periodTitle(r: CostReport): string {
  return r.period === 'custom' ? 'custom range' : `last ${r.period === 'day' ? '24 hours' : r.period === 'week' ? '7 days' : '30 days'}`;
}

export function reportToMarkdown(r: CostReport): string {
  const t = r.totals;
  const u = r.usage;
  const parts: string[] = [];
  parts.push(`# CascadeFlow cost report: ${periodTitle(r)}\n\n${isoMinute(r.range.from)} to ${isoMinute(r.range.to)}\n`);
  parts.push(
    `## Totals\n\n${table(['Figure', 'Value'], [
      ['Queries', formatCount(t.queries)],
      ['Cost', formatUsd(t.costNano)],
      ['Average cost per query', t.avgCostNano === null ? 'n/a' : formatUsd(t.avgCostNano)],
      ['Baseline (top tier for every query)', formatUsd(t.baselineCostNano)],
      // Over the queries whose cost is known: the baseline above also holds the others'.
      ['Savings', `${formatUsd(t.savingsNano)} (${pct(t.savingsRatio)}${t.unknownPriceQueries > 0 ? `; without the ${counted(t.unknownPriceQueries, 'query', 'queries')} of unknown price` : ''})`],
      ['Escalated queries', escalatedWords(t.escalated, t.draftsUnverified)],
      ['Local / cloud cost', `${formatUsd(t.localCostNano)} / ${formatUsd(t.cloudCostNano)}`],
      ['Queries with an unknown price', formatCount(t.unknownPriceQueries)],
    ])}`,
  );
  parts.push(
    `## Model usage\n\n${table(['Figure', 'Value'], [
      ['Drafter acceptance', `${pct(u.drafterAcceptanceRate)} of ${formatCount(u.drafterEligible)} answered queries`],
      // Left out of the acceptance and the verifier usage (no model ran): their own figure.
      ['Answered from cache', cacheHitWords(t.cacheHits, t.cacheSavingsNano) ?? 'none'],
      ['Verifier usage', verifierUsageWords(u, t, u.verifierUsageRate === null ? undefined : pct(u.verifierUsageRate))],
      ['Average answer quality', u.avgQuality === null ? 'n/a' : `${u.avgQuality.toFixed(3)} over ${formatCount(u.scoredQueries)} scored answers`],
      ['False accepts (audits)', `${pct(u.falseAcceptRate)} of ${formatCount(u.audited)} audited`],
    ])}\n${table(
      ['Model', 'Provider', 'Where', 'Calls', 'Input tokens', 'Output tokens', 'Cost'],
      r.models.map((m) => [cell(m.model), m.provider, m.local ? 'local' : 'cloud', formatCount(m.calls), formatCount(m.inputTokens), formatCount(m.outputTokens), knownCost(m.costNano, m.unknownPriceCalls)]),
    )}`,
  );
  parts.push(
    `## Top cost queries\n\n${table(
      ['When', 'Model', 'Cost', 'Escalated', 'Prompt'],
      r.topQueries.map((q) => [isoMinute(q.createdAt), cell(q.finalModel), formatUsd(q.costNano), q.escalated ? 'yes' : 'no', cell(q.prompt)]),
    )}`,
  );
  const tags = (rows: CostReport['byUser']) => rows.map((x) => [cell(x.tag), formatCount(x.queries), knownCost(x.costNano, x.unknownPriceQueries), formatUsd(x.baselineCostNano)]);
  parts.push(`## Cost by user\n\n${table(['User', 'Queries', 'Cost', 'Baseline'], tags(r.byUser))}`);
  parts.push(`## Cost by feature\n\n${table(['Feature', 'Queries', 'Cost', 'Baseline'], tags(r.byFeature))}`);
  parts.push(
    `## Cost by domain\n\n${table(
      ['Domain', 'Queries', 'Drafter accepted', 'Escalated', 'Cost', 'Baseline'],
      r.byDomain.map((d) => [
        cell(d.domain),
        d.cacheHits > 0 ? `${formatCount(d.queries)} (${formatCount(d.cacheHits)} from cache)` : formatCount(d.queries),
        d.drafterAcceptanceRate === null ? 'n/a' : `${pct(d.drafterAcceptanceRate)} of ${formatCount(d.drafterEligible)}`,
        formatCount(d.escalated),
        knownCost(d.costNano, d.unknownPriceQueries),
        formatUsd(d.baselineCostNano),
      ]),
    )}`,
  );
  if (r.budgets) {
    parts.push(`## Budgets\n\n${table(['Budget', 'Spent', 'Limit', 'Used'], r.budgets.map((b) => [cell(b.name), formatUsd(b.spentNano), formatUsd(b.limitNano), pct(b.limitNano > 0 ? b.spentNano / b.limitNano : null)]))}`);
  }
  parts.push(`## Recommendations\n\n${r.recommendations.map((x) => `- ${MARKDOWN_LABEL[recommendationLabel(x)]} ${x.message}`).join('\n')}\n`);
  return parts.join('\n');
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Long-form CSV; money in USD (decimal), ratios as 0-1. */
export function reportToCsv(r: CostReport): string {
  const rows: (string | number | null)[][] = [['section', 'key', 'metric', 'value']];
  const usd = (nano: number | null) => (nano === null ? null : nanoToUsd(nano));
  const add = (section: string, key: string, metric: string, value: string | number | null) => rows.push([section, key, metric, value]);
  add('period', r.period, 'from', new Date(r.range.from).toISOString());
  add('period', r.period, 'to', new Date(r.range.to).toISOString());
  const t = r.totals;
  add('totals', '', 'queries', t.queries);
  add('totals', '', 'cost_usd', usd(t.costNano));
  add('totals', '', 'avg_cost_usd', usd(t.avgCostNano));
  add('totals', '', 'baseline_cost_usd', usd(t.baselineCostNano));
  add('totals', '', 'savings_usd', usd(t.savingsNano));
  add('totals', '', 'savings_ratio', t.savingsRatio);
  add('totals', '', 'escalated', t.escalated);
  add('totals', '', 'drafts_unverified', t.draftsUnverified);
  add('totals', '', 'cache_hits', t.cacheHits);
  add('totals', '', 'cache_savings_usd', usd(t.cacheSavingsNano));
  add('totals', '', 'unknown_price_queries', t.unknownPriceQueries);
  add('totals', '', 'local_cost_usd', usd(t.localCostNano));
  add('totals', '', 'cloud_cost_usd', usd(t.cloudCostNano));
  const u = r.usage;
  add('usage', '', 'drafter_acceptance_rate', u.drafterAcceptanceRate);
  add('usage', '', 'verifier_usage_rate', u.verifierUsageRate);
  add('usage', '', 'avg_quality', u.avgQuality);
  add('usage', '', 'false_accept_rate', u.falseAcceptRate);
  for (const m of r.models) {
    const key = `${m.provider}/${m.model}`;
    add('model', key, 'calls', m.calls);
    add('model', key, 'input_tokens', m.inputTokens);
    add('model', key, 'output_tokens', m.outputTokens);
    add('model', key, 'cost_usd', usd(m.costNano));
    add('model', key, 'unknown_price_calls', m.unknownPriceCalls);
  }
  for (const q of r.topQueries) {
    add('top_query', q.id, 'cost_usd', usd(q.costNano));
    add('top_query', q.id, 'model', q.finalModel);
    add('top_query', q.id, 'created_at', new Date(q.createdAt).toISOString());
  }
  for (const [section, list] of [['user', r.byUser], ['feature', r.byFeature]] as const) {
    for (const x of list) {
      add(section, x.tag, 'queries', x.queries);
      add(section, x.tag, 'cost_usd', usd(x.costNano));
      add(section, x.tag, 'baseline_cost_usd', usd(x.baselineCostNano));
      add(section, x.tag, 'savings_usd', usd(x.savingsNano));
      add(section, x.tag, 'unknown_price_queries', x.unknownPriceQueries);
    }
  }
  for (const d of r.byDomain) {
    add('domain', d.domain, 'queries', d.queries);
    add('domain', d.domain, 'drafter_acceptance_rate', d.drafterAcceptanceRate);
    add('domain', d.domain, 'cache_hits', d.cacheHits);
    add('domain', d.domain, 'escalated', d.escalated);
    add('domain', d.domain, 'cost_usd', usd(d.costNano));
    add('domain', d.domain, 'baseline_cost_usd', usd(d.baselineCostNano));
    add('domain', d.domain, 'unknown_price_queries', d.unknownPriceQueries);
  }
  for (const d of r.daily) add('daily', d.day, 'cost_usd', usd(d.costNano));
  for (const b of r.budgets ?? []) {
    add('budget', b.name, 'spent_usd', usd(b.spentNano));
    add('budget', b.name, 'limit_usd', usd(b.limitNano));
  }
  for (const x of r.recommendations) add('recommendation', x.id, x.metric ?? 'none', x.value);
  return `${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
