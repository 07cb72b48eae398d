// What a sweep found: the recommended threshold for the chosen target, the cost-quality curve
// against the baselines, any threshold's figures, and "Use threshold X" to make it the app's.
import { lazy, Suspense } from 'react';
import type { ReplayReport } from '../../../../shared/core/replay/analyze.ts';
import type { ReplayPoint } from '../../../../shared/core/replay/metrics.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Segmented } from '../../components/segmented.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { formatCount, formatPct, formatUsd, formatUsdColumn } from '../../lib/format.ts';
import { useReplayStore } from '../../stores/replay.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { useFocusWhenDone } from '../../components/use-focus-when-done.ts';
import { cheapestReaching, TARGET_CHOICES } from '../../../../shared/core/replay/recommend.ts';
import { atTargetOf, bestQuality, formatQuality, pointAt, savings, thresholdValueText } from './curve.ts';
import { otherCascade } from './your-cascade.ts';
import { counted } from '../../../../shared/core/words.ts';

const ReplayChart = lazy(() => import('./replay-chart.tsx').then((m) => ({ default: m.ReplayChart })));

const TARGETS = TARGET_CHOICES.map((t) => ({ id: String(t), label: formatPct(t) }));

export function ReplayResults({ report, title }: { report: ReplayReport; title: string }) {
  const target = useReplayStore((s) => s.target);
  const setTarget = useReplayStore((s) => s.setTarget);
  const picked = useReplayStore((s) => s.picked);
  const pick = useReplayStore((s) => s.pick);
  const apply = useReplayStore((s) => s.apply);
  const applying = useReplayStore((s) => s.applying);
  const applied = useReplayStore((s) => s.applied);
  const applyError = useReplayStore((s) => s.applyError);
  // The outcome is announced (status or alert); the keyboard goes back to the button.
  useFocusWhenDone(applying, () => document.getElementById('replay-apply'));
  const tiers = useSettingsStore((s) => s.config?.tiers);
  const other = otherCascade(report.tiers, tiers);
  const recommended = cheapestReaching(report.points, target);
  const closest = recommended ? null : bestQuality(report.points);
  // The point the view shows and "Use threshold" applies: the user's pick, else the cheapest that
  // reaches the target, else the one that comes closest to it (a first sweep never shows nothing).
  const threshold = picked ?? (recommended ?? closest)?.threshold ?? null;
  const chosen = threshold === null ? null : pointAt(report.points, threshold);
  const m = report.metric;
  const b = report.baselines;
  const randomAtChosen = chosen ? (b.random[report.points.indexOf(chosen)] ?? null) : null;
  const applicable = chosen?.threshold ?? null;
  const targetId = TARGETS.find((t) => Number(t.id) === target)?.id ?? '0.95';
  const rows: [string, ReplayPoint][] = [
    ['Always the drafter', b.always_drafter],
    ['Always the verifier', b.always_verifier],
    ['Oracle (escalates exactly the drafts that were worse)', b.oracle],
  ];
  if (chosen) rows.push([`Validator at ${chosen.threshold?.toFixed(2) ?? '–'}`, chosen]);
  if (randomAtChosen) rows.push(['Random, same escalation rate', randomAtChosen]);
  // For the target picked here, not the run's: switching it must not leave these at the old one.
  const atTarget = atTargetOf(report, target);
  if (atTarget?.oracle) rows.push([`Oracle, least escalation for ${formatPct(target)}`, atTarget.oracle]);
  if (atTarget?.random) rows.push([`Random, least escalation for ${formatPct(target)}`, atTarget.random]);
  const costs = formatUsdColumn(rows.map(([, p]) => p.cost_usd));
  // The Cost card repeats two of the table's amounts: written as the table writes them, not "$0.32" above "$0.3200".
  const costOf = (p: ReplayPoint) => costs[rows.findIndex(([, q]) => q === p)] ?? formatUsd(p.cost_usd);

  return (
    <>
      <section className="card" data-testid="replay-results">
        <div className="replay-results-head">
          <h2 className="card-title">
            {title}
            <span className="card-sub">
              {counted(report.queries, 'query', 'queries')}
              {report.unlabelled.count > 0 ? `; ${formatCount(report.unlabelled.count)} left out (no label for every answer, so every figure is over the labelled ones)` : ''}
              {report.samples > 1 ? `; the drafter drew ${report.samples} answers per query (consistency check)` : ''}
              {report.excluded.count > 0 ? `; ${report.excluded.count} left out (${report.samples > 1 ? 'no answer from both models, or too few extra answers' : 'no answer from both models'})` : ''}
            </span>
          </h2>
          {/* Read as a sentence: the three buttons alone ("90% 95% 99%") did not say of what. */}
          <div className="replay-target" data-testid="replay-target">
            <span aria-hidden="true">Keep</span>
            <Segmented label="Share of the verifier's quality to keep" options={TARGETS} value={targetId} onChange={(v) => setTarget(Number(v))} />
            <span aria-hidden="true">of the verifier&apos;s quality</span>
          </div>
        </div>
        {recommended ? (
          <p className="replay-verdict" id="replay-verdict" tabIndex={-1} data-testid="replay-recommended">
            Threshold <strong>{recommended.threshold?.toFixed(2)}</strong> is the cheapest that keeps {formatPct(target)} of the verifier's quality: {formatPct(1 - recommended.escalation_rate, 1)} of the queries stay with the drafter and it saves {savings(recommended)} against the verifier alone.
          </p>
        ) : (
          <p className="replay-verdict" id="replay-verdict" tabIndex={-1} data-testid="replay-recommended">
            No threshold keeps {formatPct(target)} of the verifier's quality on this trace{b.oracle.relative_quality !== null && b.oracle.relative_quality >= target ? ', though a perfect router would' : ''}.
            {closest && closest.relative_quality !== null ? ` The closest is ${formatPct(closest.relative_quality, 1)} at threshold ${closest.threshold?.toFixed(2) ?? '–'}, shown below.` : ''} Pick a lower target or another threshold.
          </p>
        )}
        {report.from_ledger && <LedgerBias ledger={report.from_ledger} />}
        <div className="chart-box replay-chart" data-testid="replay-chart">
          {b.always_verifier.relative_quality === null ? (
            <div className="chart-empty">The trace has no labels (correct, score or agreement): cost and escalation are exact, quality cannot be drawn.</div>
          ) : (
            <Suspense fallback={<div className="chart-empty">Loading chart…</div>}>
              <ReplayChart report={report} chosen={chosen} recommended={recommended} target={target} />
            </Suspense>
          )}
        </div>
        <div className="replay-threshold">
          <label htmlFor="replay-threshold">Threshold</label>
          <input
            id="replay-threshold"
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={threshold ?? 0.7}
            onChange={(e) => pick(Number(e.target.value))}
            aria-valuetext={threshold === null ? 'none' : chosen ? thresholdValueText(chosen) : threshold.toFixed(2)}
          />
          <output htmlFor="replay-threshold">{threshold === null ? '–' : threshold.toFixed(2)}</output>
          {picked !== null && recommended && (
            <Button size="sm" variant="ghost" onClick={() => pick(null)}>
              Back to the recommended
            </Button>
          )}
        </div>
        {chosen && (
          <div className="grid-stats grid-stats-4" data-testid="replay-point">
            <StatCard label="Drafter answers" tone="accent" value={formatPct(1 - chosen.escalation_rate, 1)} hint={`${formatCount(Math.round(chosen.escalation_rate * report.queries))} of ${formatCount(report.queries)} escalated`} />
            <StatCard label="Quality" value={formatQuality(chosen.quality, m)} hint={`${formatPct(chosen.relative_quality, 1)} of the verifier's`} />
            <StatCard label="Cost" value={costOf(chosen)} hint={`verifier alone ${costOf(b.always_verifier)}`} testId="replay-cost" />
            <StatCard label="Saved" tone={chosen.savings_pct !== null && chosen.savings_pct > 0 ? 'good' : 'neutral'} value={savings(chosen)} hint={randomAtChosen ? `random routing at the same escalation rate keeps ${formatPct(randomAtChosen.relative_quality, 1)} of the verifier's quality` : undefined} />
          </div>
        )}
        {other && (
          <div className="notice notice-warn replay-other-cascade" data-testid="replay-other-cascade">
            Measured on {other.measured}, not your cascade ({other.yours}). The validator scores your drafter&apos;s own answers, so this threshold may keep more or fewer of its drafts than shown here.
          </div>
        )}
        <div className="replay-actions">
          <Button id="replay-apply" variant="primary" busy={applying} disabled={applicable === null} onClick={() => applicable !== null && void apply(applicable)} data-testid="replay-apply">
            {applicable !== null ? `Use threshold ${applicable.toFixed(2)}${other ? ' anyway' : ''}` : 'Use threshold'}
          </Button>
          <span className="muted">
            Sets the acceptance threshold of your cascade (Models &amp; Settings){report.samples > 1 ? `, and has your drafter draw ${report.samples} answers per query` : ''}.
          </span>
        </div>
        {applied && (
          <div className="notice" role="status" data-testid="replay-applied">
            Your cascade now accepts drafts scoring {applied.threshold.toFixed(2)} or more{applied.drafter ? `, and its drafter ${applied.drafter.model} draws ${applied.drafter.samples} answers per query` : ''}
            {other ? ` (measured on ${other.measured}, not on it)` : ''}.{applied.notes.length > 0 ? ` Note: ${applied.notes.join('; ')}.` : ''}
          </div>
        )}
        {applyError && <ErrorBanner error={applyError} compact />}
      </section>
      <section className="card">
        <h2 className="card-title">
          Baselines
          <span className="card-sub">what other routers get on the same answers</span>
        </h2>
        <table className="data" data-testid="replay-baselines">
          <thead>
            <tr>
              <th>Router</th>
              <th className="num">Drafter answers</th>
              <th className="num">Quality</th>
              <th className="num">vs verifier</th>
              <th className="num">Cost</th>
              <th className="num">Saved</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, p], i) => (
              <tr key={label}>
                <td>{label}</td>
                <td className="num">{formatPct(1 - p.escalation_rate, 1)}</td>
                <td className="num">{formatQuality(p.quality, m)}</td>
                <td className="num">{formatPct(p.relative_quality, 1)}</td>
                <td className="num">{costs[i]}</td>
                <td className="num">{savings(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="card-sub replay-pricing-note">{report.pricing.map((p) => `${p.model}: ${p.description}`).join(' · ')}</p>
      </section>
    </>
  );
}

/** A ledger trace is not the user's traffic: said beside the figures it qualifies, as the CLI says it. */
function LedgerBias({ ledger }: { ledger: NonNullable<ReplayReport['from_ledger']> }) {
  const rated = ledger.labels.feedback + ledger.labels.agreement > 0;
  return (
    <div className="notice notice-warn" data-testid="replay-ledger-bias">
      <strong>Biased sample:</strong> {ledger.note}.
      {rated ? ` Labels: ${counted(ledger.labels.feedback, 'answer')} by your ratings (one you rated, or one agreeing with it), ${counted(ledger.labels.agreement, 'answer')} by agreement with the top tier's answer.` : ''}
    </div>
  );
}
