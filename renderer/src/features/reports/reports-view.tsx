// Reports: report.get for the last day, week or month, its recommendations with the figures
// behind them, the alert history, and the report as Markdown, CSV or JSON.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { escalatedWords } from '../../../../shared/core/ledger/escalated-words.ts';
import { recommendationLabel, verifierUsageWords, type CostReport, type Recommendation, type ReportPeriod } from '../../../../shared/core/monitoring/report.ts';
import { BaselineSavedCards } from '../../components/baseline-saved-cards.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { DownloadIcon } from '../../components/icons.tsx';
import { Segmented } from '../../components/segmented.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { formatCount, formatDateTime, formatNano, formatNanoColumn, formatNanoHeadline, formatPct, formatTokens } from '../../lib/format.ts';
import { useReportStore } from '../../stores/spend-report.ts';
import { downloadFile } from '../../lib/download.ts';
import { AlertsList } from '../spend/alerts-list.tsx';
import '../spend/spend.css';
import { EmptyReport } from './empty-report.tsx';
import { reportFile, type ReportFormat } from './report-export.ts';
import { KnownCost, TagCostTable, TopQueryCells, TopQueryHeader, topQueryCosts } from '../../components/ledger-tables.tsx';
import { recommendationFigure } from './recommendation-figure.ts';
import { DomainCostTable } from './domain-cost-table.tsx';
import { AcceptanceHint } from '../../components/acceptance-hint.tsx';

const BADGE_CLASS = { warning: 'badge-warn', ok: 'badge-good', note: '' } as const;

const PERIODS: { id: ReportPeriod; label: string }[] = [
  { id: 'day', label: 'Last 24 hours' },
  { id: 'week', label: 'Last 7 days' },
  { id: 'month', label: 'Last 30 days' },
];

const FORMATS: { id: ReportFormat; label: string }[] = [
  { id: 'markdown', label: 'Markdown' },
  { id: 'csv', label: 'CSV' },
  { id: 'json', label: 'JSON' },
];

export function ReportsView() {
  const { period, report, status, error } = useReportStore(useShallow((s) => ({ period: s.period, report: s.report, status: s.status, error: s.error })));
  const setPeriod = useReportStore((s) => s.setPeriod);
  const load = useReportStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  const empty = report !== null && report.totals.queries === 0;

  return (
    <div className="page" data-testid="reports-view">
      <div className="page-inner">
        <header className="page-head">
          <div>
            <h1 className="page-title">Reports</h1>
            <p className="page-sub">{report ? `${formatDateTime(report.range.from)} to ${formatDateTime(report.range.to)}` : 'Spend, model usage and what to change, for a period.'}</p>
          </div>
          <div className="page-tools">
            <Segmented label="Report period" options={PERIODS} value={period} onChange={setPeriod} />
            {FORMATS.map((f) => (
              <Button key={f.id} icon={<DownloadIcon />} disabled={!report || empty} data-testid={`report-export-${f.id}`} onClick={() => report && save(report, f.id)}>
                {f.label}
              </Button>
            ))}
          </div>
        </header>
        {status === 'error' && error && <ErrorBanner error={error} onRetry={() => void load()} />}
        {status === 'loading' && !report && <Spinner label="Writing the report…" />}
        {report && (empty ? <NoQueries report={report} /> : <Report report={report} />)}
        <AlertsList />
      </div>
    </div>
  );
}

function save(r: CostReport, format: ReportFormat): void {
  const f = reportFile(r, format);
  downloadFile(f.filename, f.mimeType, f.content);
}

/** An empty period: the empty state, under any warning that stands without queries (a budget running low). */
function NoQueries({ report: r }: { report: CostReport }) {
  const warnings = r.recommendations.filter((x) => x.id !== 'no_queries');
  return (
    <>
      {warnings.length > 0 && <Recommendations recommendations={warnings} />}
      <EmptyReport period={r.period} />
    </>
  );
}

function Report({ report: r }: { report: CostReport }) {
  const t = r.totals;
  const u = r.usage;
  // Each cost column to one precision ($0.0110 under $0.0111, not $0.011).
  const modelCosts = formatNanoColumn(r.models.map((m) => m.costNano));
  const topCosts = topQueryCosts(r.topQueries);
  return (
    <>
      <Recommendations recommendations={r.recommendations} />
      <div className="grid-stats grid-stats-4" data-testid="report-totals">
        <StatCard label="Spent" value={formatNanoHeadline(t.costNano)} hint={`${formatNano(t.localCostNano)} local · ${formatNano(t.cloudCostNano)} cloud`} testId="report-cost" />
        <BaselineSavedCards baselineNano={t.baselineCostNano} savingsNano={t.savingsNano} savingsRatio={t.savingsRatio} unpricedQueries={t.unknownPriceQueries} testIds={{ baseline: 'report-baseline', saved: 'report-savings' }} />
        <StatCard label="Queries" value={formatCount(t.queries)} hint={`${escalatedWords(t.escalated, t.draftsUnverified)} · avg ${formatNano(t.avgCostNano)}`} testId="report-queries" />
      </div>
      <section className="card" data-testid="report-usage">
        <h2 className="card-title">Model usage</h2>
        <div className="grid-stats grid-stats-4" style={{ marginBottom: 14 }}>
          <StatCard
            label="Drafter acceptance"
            value={formatPct(u.drafterAcceptanceRate, 1)}
            hint={<AcceptanceHint eligible={u.drafterEligible} cacheHits={t.cacheHits} cacheSavingsNano={t.cacheSavingsNano} testId="report-acceptance-cache" />}
            testId="report-acceptance"
          />
          <StatCard label="Verifier usage" value={formatPct(u.verifierUsageRate, 1)} hint={verifierUsageWords(u, t)} testId="report-verifier" />
          <StatCard label="Average quality" value={u.avgQuality === null ? '–' : u.avgQuality.toFixed(3)} hint={`over ${formatCount(u.scoredQueries)} scored answers`} testId="report-quality" />
          <StatCard label="False accepts" value={u.audited > 0 ? formatPct(u.falseAcceptRate, 1) : '–'} hint={u.audited > 0 ? `of ${formatCount(u.audited)} audited` : 'no audits in this period'} testId="report-false-accepts" />
        </div>
        {r.models.length === 0 ? (
          <div className="card-sub">No model calls in this period.</div>
        ) : (
          <table className="data" data-testid="report-models">
            <thead>
              <tr>
                <th>Model</th>
                <th>Where</th>
                <th className="num">Calls</th>
                <th className="num">Input tokens</th>
                <th className="num">Output tokens</th>
                <th className="num">Cost</th>
              </tr>
            </thead>
            <tbody>
              {r.models.map((m, i) => (
                <tr key={`${m.provider}/${m.model}`}>
                  <td>
                    {m.model} <span className="card-sub">{m.provider}</span>
                  </td>
                  <td>{m.local ? 'local' : 'cloud'}</td>
                  <td className="num">{formatCount(m.calls)}</td>
                  <td className="num">{formatTokens(m.inputTokens)}</td>
                  <td className="num">{formatTokens(m.outputTokens)}</td>
                  <td className="num">
                    <KnownCost costNano={m.costNano} shown={modelCosts[i] ?? ''} unpriced={m.unknownPriceCalls} noun="call" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2 className="card-title">Top cost queries</h2>
        {r.topQueries.length === 0 ? (
          <div className="card-sub">None in this period.</div>
        ) : (
          <table className="data" data-testid="report-top-queries">
            <TopQueryHeader />
            <tbody>
              {r.topQueries.map((q, i) => (
                <tr key={q.id}>
                  <TopQueryCells q={q} cost={topCosts[i] ?? ''} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <DomainCostTable domains={r.byDomain} />
      <div className="grid-2">
        <TagCostTable kind="user" title="Cost by user" tags={r.byUser} testId="report-user" empty="No query in this period carried a user id." />
        <TagCostTable kind="feature" title="Cost by feature" tags={r.byFeature} testId="report-feature" empty="No query in this period carried a feature tag." />
      </div>
      {r.budgets && r.budgets.length > 0 && (
        <section className="card" data-testid="report-budgets">
          <h2 className="card-title">Budgets</h2>
          <table className="data">
            <thead>
              <tr>
                <th>Budget</th>
                <th className="num">Spent</th>
                <th className="num">Limit</th>
                <th className="num">Used</th>
              </tr>
            </thead>
            <tbody>
              {r.budgets.map((b) => (
                <tr key={b.name}>
                  <td>{b.name}</td>
                  <td className="num">{formatNano(b.spentNano)}</td>
                  <td className="num">{formatNano(b.limitNano)}</td>
                  <td className="num">{formatPct(b.limitNano > 0 ? b.spentNano / b.limitNano : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

function Recommendations({ recommendations }: { recommendations: Recommendation[] }) {
  return (
    <section className="card" data-testid="report-recommendations">
      <h2 className="card-title">Recommendations</h2>
      <div className="rec-list">
        {recommendations.map((x, i) => {
          const figure = recommendationFigure(x);
          return (
            <div key={`${x.id}-${i}`} className={`rec rec-${x.severity}`} data-testid={`rec-${x.id}`}>
              <span className={`badge ${BADGE_CLASS[recommendationLabel(x)]}`}>{recommendationLabel(x)}</span>
              <span>
                <RichText text={x.message} />
                {figure && (
                  <span className="rec-figure" data-testid="rec-figure">
                    {figure}
                  </span>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}

