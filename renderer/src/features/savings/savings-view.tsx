// Savings: what the cascade cost against sending every query to the verifier, for a range.
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ApiError } from '../../../../shared/api/result.ts';
import { escalatedWords } from '../../../../shared/core/ledger/escalated-words.ts';
import type { LedgerSummary, TopQuery } from '../../../../shared/core/ledger/types.ts';
import { counted } from '../../../../shared/core/words.ts';
import { AcceptanceHint } from '../../components/acceptance-hint.tsx';
import { BaselineSavedCards } from '../../components/baseline-saved-cards.tsx';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { DownloadIcon } from '../../components/icons.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { TagCostTable, TopQueryCells, TopQueryHeader, topQueryCosts } from '../../components/ledger-tables.tsx';
import { Segmented } from '../../components/segmented.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { formatCount, formatNano, formatNanoHeadline, formatPct, formatTokens } from '../../lib/format.ts';
import { useNavStore } from '../../stores/nav-store.ts';
import { useSavingsStore } from '../../stores/savings-store.ts';
import { SavingsBudgets } from '../spend/budget-section.tsx';
import { ForecastSection } from '../spend/forecast-section.tsx';
import { answeredBy } from './answered-by.ts';
import { fillDays, utcDaysDiffer } from './daily-series.ts';
import { EmptyRange } from './empty-range.tsx';
import { elapsedDays, paceLabel, RANGE_PRESETS, type RangePreset } from './range.ts';
import { projectRoi } from './roi.ts';

const charts = () => import('./savings-charts.tsx');
const CostOverTimeChart = lazy(() => charts().then((m) => ({ default: m.CostOverTimeChart })));
const AnsweredByChart = lazy(() => charts().then((m) => ({ default: m.AnsweredByChart })));
const CostByModelChart = lazy(() => charts().then((m) => ({ default: m.CostByModelChart })));
const QualityOverTimeChart = lazy(() => charts().then((m) => ({ default: m.QualityOverTimeChart })));
const SavingsGaugeArc = lazy(() => charts().then((m) => ({ default: m.SavingsGaugeArc })));

const PRESET_OPTIONS: { id: RangePreset; label: string }[] = [...RANGE_PRESETS.map((p) => ({ id: p.id, label: p.label })), { id: 'custom', label: 'Custom' }];

export function SavingsView() {
  const { preset, custom, range, rangeError, loaded, status, error } = useSavingsStore(
    useShallow((s) => ({ preset: s.preset, custom: s.custom, range: s.range, rangeError: s.rangeError, loaded: s.data, status: s.status, error: s.error })),
  );
  // Figures of the previous range under a range that cannot be read would be taken for its own.
  const data = rangeError === null ? loaded : null;
  const setPreset = useSavingsStore((s) => s.setPreset);
  const setCustom = useSavingsStore((s) => s.setCustom);
  const load = useSavingsStore((s) => s.load);
  const go = useNavStore((s) => s.go);

  useEffect(() => {
    void load();
  }, [load]);

  const days = useMemo(() => fillDays(data?.daily ?? [], range, Date.now()), [data?.daily, range]);
  // The charts' days are the ledger's UTC days: said where they are not the user's own.
  const utcNote = utcDaysDiffer(range) ? ', by UTC day' : '';

  return (
    <div className="page" data-testid="savings-view">
      <div className="page-inner">
        <header className="page-head">
          <div>
            <h1 className="page-title">Savings</h1>
            <p className="page-sub">What the cascade cost, compared with sending every query straight to the verifier.</p>
          </div>
          <div className="page-tools">
            <Segmented label="Date range" options={PRESET_OPTIONS} value={preset} onChange={setPreset} />
            {preset === 'custom' && (
              <span className="custom-range">
                <input type="date" aria-label="From" value={custom.from} max={custom.to} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
                to
                <input type="date" aria-label="To" value={custom.to} min={custom.from} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
              </span>
            )}
            <ExportButtons disabled={!data || data.summary.queries === 0} selection={`${preset} ${range.from} ${range.to}${rangeError ? ' unreadable' : ''}`} />
          </div>
        </header>
        {rangeError && <div className="field-error">{rangeError}</div>}
        {status === 'error' && error && <ErrorBanner error={error} onRetry={() => void load()} />}
        {status === 'loading' && !data && <Spinner label="Adding up the ledger…" />}
        <SavingsBudgets />
        {data && data.summary.queries === 0 && (
          <div className="card">
            <EmptyRange extent={data.extent} longerRangeHint={preset !== '90d'} />
          </div>
        )}
        {data && data.summary.queries > 0 && (
          <>
            <Headline summary={data.summary} />
            {data.summary.unknownPriceQueries > 0 && (
              <div className="notice notice-warn">
                {counted(data.summary.unknownPriceQueries, 'query', 'queries')} used {data.summary.unknownPriceQueries === 1 ? 'a model' : 'models'} without a known price: those calls are not in the totals, and {data.summary.unknownPriceQueries === 1 ? 'that query is' : 'those queries are'} not in the savings. Set a price in Models &amp; Settings.
              </div>
            )}
            <div className="grid-3">
              <ChartCard title="Cost per day" sub={`cascade vs verifier alone${utcNote}`}>
                <CostOverTimeChart points={days} />
              </ChartCard>
              <ChartCard title="Savings" sub="against the verifier alone">
                <SavingsGauge ratio={data.summary.savingsRatio} />
              </ChartCard>
            </div>
            <div className="grid-3-rev">
              <ChartCard title="Who answered" sub={counted(data.summary.queries, 'query', 'queries')}>
                <AnsweredByChart slices={answeredBy(data.summary)} />
              </ChartCard>
              <ChartCard title="Cost by model" sub="local models are teal, cloud models violet">
                {data.byModel.length ? <CostByModelChart models={data.byModel} /> : <div className="chart-empty">No model calls in this range.</div>}
              </ChartCard>
            </div>
            <div className="grid-2">
              <ChartCard title="Quality over time" sub={`average answer score and share escalated${utcNote}`}>
                <QualityOverTimeChart points={days} />
              </ChartCard>
              <LocalVsCloud summary={data.summary} />
            </div>
            <Roi summary={data.summary} days={elapsedDays(range, Date.now())} pace={paceLabel(range, Date.now())} />
            <ForecastSection />
            <TopQueries queries={data.topQueries} onOpen={(q) => q.conversationId && go('chat', q.conversationId)} />
            <div className="grid-2">
              <TagCostTable kind="user" title="Cost by user" tags={data.byUser} testId="tags-user" empty={<RichText text="No query carried a user id. Pass one with the API's userId or `cascadeflow ask --user`." />} />
              <TagCostTable kind="feature" title="Cost by feature" tags={data.byFeature} testId="tags-feature" empty={<RichText text="No query carried a feature tag. Pass one with the API's feature or `cascadeflow ask --feature`." />} />
            </div>
          </>
        )}
      </div>
    </div>
  );
}

function Headline({ summary: s }: { summary: LedgerSummary }) {
  return (
    <div className="grid-stats grid-stats-8" data-testid="savings-headline">
      <StatCard label="Spent" value={formatNanoHeadline(s.costNano)} hint="what the cascade cost" testId="stat-spent" />
      <BaselineSavedCards baselineNano={s.baselineCostNano} savingsNano={s.savingsNano} savingsRatio={s.savingsRatio} unpricedQueries={s.unknownPriceQueries} testIds={{ baseline: 'stat-baseline', saved: 'stat-saved' }} />
      <StatCard label="Queries" value={formatCount(s.queries)} hint={escalatedWords(s.escalated, s.draftsUnverified)} testId="stat-queries" />
      <StatCard
        label="Drafter accepted"
        tone="accent"
        value={formatPct(s.drafterAcceptanceRate, 1)}
        hint={<AcceptanceHint eligible={s.draftsAccepted + s.draftsUnverified + s.answeredAbove} cacheHits={s.cacheHits} cacheSavingsNano={s.cacheSavingsNano} testId="stat-acceptance-cache" />}
        testId="stat-acceptance"
      />
      <StatCard label="Avg cost / query" value={formatNano(s.avgCostNano)} hint={s.unknownPriceQueries > 0 ? 'over all queries; calls of unknown price add nothing' : 'cascade, all tiers'} testId="stat-avg-cost" />
      <StatCard
        label="False accepts"
        value={s.audited > 0 ? formatPct(s.falseAcceptRate, 1) : '–'}
        hint={s.audited > 0 ? `measured on ${counted(s.audited, 'audited draft')}` : 'turn on audits in Settings to measure'}
        testId="stat-false-accepts"
      />
      <StatCard label="Local energy" value={formatNanoHeadline(s.localCostNano)} hint={`${formatTokens(s.localTokens)} tokens served on this machine`} testId="stat-local-energy" />
    </div>
  );
}

function SavingsGauge({ ratio }: { ratio: number | null }) {
  return (
    <div className="gauge">
      <SavingsGaugeArc ratio={ratio} />
      <div className="gauge-label" data-testid="savings-gauge-value">
        <span className={`gauge-value${ratio !== null && ratio < 0 ? ' bad' : ''}`}>{ratio === null ? '–' : formatPct(ratio, 1)}</span>
        <span className="gauge-caption">{ratio === null ? 'no baseline yet' : ratio < 0 ? 'more than the verifier alone' : 'cheaper than the verifier alone'}</span>
      </div>
    </div>
  );
}

function ChartCard({ title, sub, children }: { title: string; sub?: string; children: ReactNode }) {
  return (
    <section className="card">
      <h2 className="card-title">
        {title}
        {sub && <span className="card-sub">{sub}</span>}
      </h2>
      <div className="chart-box">
        <Suspense fallback={<div className="chart-empty">Loading chart…</div>}>{children}</Suspense>
      </div>
    </section>
  );
}

function LocalVsCloud({ summary: s }: { summary: LedgerSummary }) {
  const tokens = s.localTokens + s.cloudTokens;
  const spend = s.localCostNano + s.cloudCostNano;
  const share = (part: number, whole: number) => (whole > 0 ? `${(100 * part) / whole}%` : '0%');
  return (
    <section className="card" data-testid="local-vs-cloud">
      <h2 className="card-title">Local vs cloud</h2>
      <div className="legend-rows">
        <div className="card-sub">Tokens</div>
        <div className="split-bar" aria-hidden="true">
          <span className="local" style={{ width: share(s.localTokens, tokens) }} />
          <span className="cloud" style={{ width: share(s.cloudTokens, tokens) }} />
        </div>
        <div className="legend-row">
          <span className="swatch local" /> On this machine <span className="value">{formatTokens(s.localTokens)} tokens ({formatPct(tokens ? s.localTokens / tokens : null)})</span>
        </div>
        <div className="legend-row">
          <span className="swatch cloud" /> Cloud APIs <span className="value">{formatTokens(s.cloudTokens)} tokens ({formatPct(tokens ? s.cloudTokens / tokens : null)})</span>
        </div>
        <div className="card-sub" style={{ marginTop: 10 }}>
          Spend
        </div>
        <div className="split-bar" aria-hidden="true">
          <span className="local" style={{ width: share(s.localCostNano, spend) }} />
          <span className="cloud" style={{ width: share(s.cloudCostNano, spend) }} />
        </div>
        <div className="legend-row">
          <span className="swatch local" /> Electricity for local models <span className="value">{formatNano(s.localCostNano)}</span>
        </div>
        <div className="legend-row">
          <span className="swatch cloud" /> Cloud API bills <span className="value">{formatNano(s.cloudCostNano)}</span>
        </div>
      </div>
    </section>
  );
}

function Roi({ summary: s, days, pace }: { summary: LedgerSummary; days: number; pace: string }) {
  const p = projectRoi(s, days);
  const figure = (label: string, value: string, testId: string, good = false) => (
    <div className="roi-figure" data-testid={testId}>
      <div className="label">{label}</div>
      <div className={`value${good ? ' good' : ''}`}>{value}</div>
    </div>
  );
  return (
    <section className="card" data-testid="roi">
      <h2 className="card-title">
        Projected savings
        <span className="card-sub">{pace}</span>
      </h2>
      <div className="roi">
        {figure('Saved per month', formatNanoHeadline(p.savedPerMonthNano), 'roi-month', p.savedPerMonthNano > 0)}
        {figure('Saved per year', formatNanoHeadline(p.savedPerYearNano), 'roi-year', p.savedPerYearNano > 0)}
        {figure('Cascade spend per month', formatNanoHeadline(p.spendPerMonthNano), 'roi-spend')}
        {figure('Verifier alone per month', formatNanoHeadline(p.baselinePerMonthNano), 'roi-baseline')}
      </div>
      <p className="card-sub" style={{ marginTop: 12 }}>
        {s.savingsNano > 0
          ? `About ${formatCount(Math.round(p.queriesPerMonth))} queries a month at this pace; the projection scales the range's totals, it does not predict growth.`
          : 'No savings yet in this range: drafts were escalated or the drafter costs about as much as the verifier.'}
      </p>
    </section>
  );
}

function TopQueries({ queries, onOpen }: { queries: TopQuery[]; onOpen: (q: TopQuery) => void }) {
  const costs = topQueryCosts(queries);
  return (
    <section className="card">
      <h2 className="card-title">
        Most expensive queries
        <span className="card-sub">click one to open its conversation</span>
      </h2>
      {queries.length === 0 ? (
        <div className="card-sub">None in this range.</div>
      ) : (
        <table className="data" data-testid="top-queries">
          <TopQueryHeader />
          <tbody>
            {queries.map((q, i) => (
              <tr
                key={q.id}
                className={q.conversationId ? 'clickable' : ''}
                onClick={() => onOpen(q)}
                tabIndex={q.conversationId ? 0 : undefined}
                onKeyDown={(e) => e.key === 'Enter' && onOpen(q)}
                title={q.conversationId ? 'Open the conversation' : 'Asked outside a conversation (CLI or API)'}
              >
                <TopQueryCells q={q} cost={costs[i] ?? ''} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** What the last export did, and for which range selection it was made. */
interface ExportNote {
  selection: string;
  text: string | null;
  error: ApiError | null;
}

/** `selection`: the preset and range shown; an export's note describes only the one it was made for. */
function ExportButtons({ disabled, selection }: { disabled: boolean; selection: string }) {
  const exportLedger = useSavingsStore((s) => s.exportLedger);
  const [busy, setBusy] = useState<'csv' | 'json' | null>(null);
  const [note, setNote] = useState<ExportNote | null>(null);
  // "Download of 12 queries started" under another range would be read as that range's: the note
  // goes as soon as the range changes (during render, so it is never drawn), and does not come back.
  if (note && note.selection !== selection) setNote(null);
  const run = async (format: 'csv' | 'json') => {
    const madeFor = selection;
    setBusy(format);
    setNote(null);
    // The rows stream straight to a file (see ledger.prepareExport): nothing large reaches the page.
    const r = await exportLedger(format);
    setBusy(null);
    if ('code' in r) return setNote({ selection: madeFor, text: null, error: r });
    if ('saved' in r.outcome) setNote({ selection: madeFor, text: `Saved ${counted(r.outcome.rows, 'query', 'queries')} to ${r.outcome.saved}`, error: null });
    else if ('started' in r.outcome) setNote({ selection: madeFor, text: `Download of ${counted(r.rows, 'query', 'queries')} started: ${r.filename}`, error: null });
  };
  const shown = note?.selection === selection ? note : null;
  return (
    <>
      <Button icon={<DownloadIcon />} busy={busy === 'csv'} disabled={disabled || busy !== null} onClick={() => void run('csv')}>
        CSV
      </Button>
      <Button icon={<DownloadIcon />} busy={busy === 'json'} disabled={disabled || busy !== null} onClick={() => void run('json')}>
        JSON
      </Button>
      {shown?.text && (
        <span className="muted" role="status" data-testid="export-status">
          {shown.text}
        </span>
      )}
      {shown?.error && <ErrorBanner error={shown.error} compact onDismiss={() => setNote(null)} />}
    </>
  );
}
