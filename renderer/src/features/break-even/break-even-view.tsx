// Break-even: when does running the drafter on your own GPU beat drafting on a cloud model?
// All the math is shared/core/breakeven; this page is inputs, live outputs and a chart.
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { analyzeBreakEven, costCurve, curveVolumes } from '../../../../shared/core/breakeven/analyze.ts';
import { RECOMMENDATION_TITLE } from '../../../../shared/core/breakeven/decision.ts';
import type { BreakEvenResult } from '../../../../shared/core/breakeven/types.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Field, invalidProps } from '../../components/field.tsx';
import { invalidSummary } from '../../components/invalid-fields.ts';
import { Segmented } from '../../components/segmented.tsx';
import { StatCard } from '../../components/stat-card.tsx';
import { formatCount, formatCountHeadline, formatHours, formatNanoHeadline, formatPct } from '../../lib/format.ts';
import { useBreakEvenStore } from '../../stores/break-even-store.ts';
import { tidyField, toInputs, type BreakEvenForm, type FormField } from '../../../../shared/core/breakeven/form.ts';
import { fieldErrors, pricedModels, selectedModel, withModel, type PriceRole, type PricedModel } from './form.ts';

const BreakEvenChart = lazy(() => import('./break-even-chart.tsx').then((m) => ({ default: m.BreakEvenChart })));

export function BreakEvenView() {
  const form = useBreakEvenStore((s) => s.form);
  const setField = useBreakEvenStore((s) => s.set);
  const useMyNumbers = useBreakEvenStore((s) => s.useMyNumbers);
  const reset = useBreakEvenStore((s) => s.reset);
  const filling = useBreakEvenStore((s) => s.filling);
  const fillError = useBreakEvenStore((s) => s.fillError);
  const filledFrom = useBreakEvenStore((s) => s.filledFrom);
  const measuredSpeed = useBreakEvenStore((s) => s.measuredSpeed);
  const models = useBreakEvenStore((s) => s.models);
  const loadModels = useBreakEvenStore((s) => s.loadModels);
  const replace = useBreakEvenStore((s) => s.replace);
  const options = useMemo(() => pricedModels(models), [models]);

  useEffect(() => {
    void loadModels();
  }, [loadModels]);

  const analysis = useMemo(() => {
    const inputs = toInputs(form);
    const result = analyzeBreakEven(inputs);
    if (!result.ok) return { result: null, errors: fieldErrors(result.errors), curve: null };
    const volumes = curveVolumes(inputs);
    const curve = volumes.ok ? costCurve(inputs, volumes.value) : null;
    return { result: result.value, errors: {}, curve: curve?.ok ? curve.value : null };
  }, [form]);

  const errors: Partial<Record<FormField, string>> = analysis.errors;

  // The fields' errors are read on reaching them; the one alert is the notice standing in for
  // the results, naming the fields, so it speaks when they change, not at every keystroke.
  // Before paint: the alert appears with its final words.
  const inputsRef = useRef<HTMLElement>(null);
  const [attention, setAttention] = useState<string | null>(null);
  useLayoutEffect(() => {
    setAttention(inputsRef.current ? invalidSummary(inputsRef.current) : null);
  }, [analysis.errors]);
  const input = (field: FormField, label: ReactNode, opts: { hint?: ReactNode; suffix?: string; type?: 'number' | 'text' } = {}) => (
    <Field label={label} htmlFor={`be-${field}`} hint={opts.hint} error={errors[field] ?? null}>
      <span className="input-suffix">
        <input
          id={`be-${field}`}
          type="text"
          inputMode={opts.type === 'text' ? 'text' : 'decimal'}
          value={form[field]}
          onChange={(e) => setField(field, e.target.value)}
          {...invalidProps(`be-${field}`, errors[field])}
          // Grouped once the field is left, not while typing: the caret would jump.
          onBlur={() => {
            const tidy = tidyField(field, form[field]);
            if (tidy !== form[field]) setField(field, tidy);
          }}
        />
        {opts.suffix && <span aria-hidden="true">{opts.suffix}</span>}
      </span>
    </Field>
  );

  return (
    <div className="page" data-testid="break-even-view">
      <div className="page-inner">
        <header className="page-head">
          <div>
            <h1 className="page-title">Break-even</h1>
            <p className="page-sub">Compare sending everything to the verifier, drafting on a cheap cloud model, and drafting on a GPU you run yourself. Every draft is paid for; rejected drafts also pay the verifier.</p>
          </div>
          <div className="page-tools">
            <Button variant="primary" busy={filling} onClick={() => void useMyNumbers()} data-testid="use-my-numbers">
              Use my numbers
            </Button>
            <Button variant="ghost" onClick={reset}>
              Reset
            </Button>
          </div>
        </header>
        {fillError && <ErrorBanner error={fillError} compact />}
        {filledFrom && <div className="notice">{filledFrom}</div>}
        <div className="be-layout">
          <section className="card be-inputs" aria-label="Inputs" ref={inputsRef}>
            <div className="be-group-title">Workload</div>
            {input('monthlyQueries', 'Queries per month')}
            <div className="grid-2">
              {input('inputTokensPerQuery', 'Input tokens', { hint: 'per query' })}
              {input('outputTokensPerQuery', 'Output tokens', { hint: 'per query' })}
            </div>
            {input('acceptancePct', 'Drafts accepted', { suffix: '%', hint: 'Share of drafts good enough to keep.' })}
            <div className="be-group-title">Cloud prices (USD per million tokens)</div>
            <ModelPicker role="cloudDrafter" label="Cloud drafter" form={form} options={options} onPick={(m) => replace(withModel(form, 'cloudDrafter', m))} />
            {input('cloudDrafterName', 'Drafter name', { type: 'text' })}
            <div className="grid-2">
              {input('cloudDrafterIn', 'Input')}
              {input('cloudDrafterOut', 'Output')}
            </div>
            <ModelPicker role="verifier" label="Verifier" form={form} options={options} onPick={(m) => replace(withModel(form, 'verifier', m))} />
            {input('verifierName', 'Verifier name', { type: 'text' })}
            <div className="grid-2">
              {input('verifierIn', 'Input')}
              {input('verifierOut', 'Output')}
            </div>
            <div className="be-group-title">Your GPU</div>
            <Segmented
              label="How the GPU is paid for"
              options={[
                // Short enough for three side by side in the 380px inputs column.
                { id: 'hourly', label: 'Rented hourly' },
                { id: 'monthly', label: 'Fixed monthly' },
                { id: 'purchase', label: 'Bought' },
              ]}
              value={form.selfHostKind}
              onChange={(v) => setField('selfHostKind', v)}
            />
            {form.selfHostKind === 'hourly' && (
              <div className="grid-2">
                {input('gpuUsdPerHour', 'USD per hour')}
                {input('utilizationPct', 'Switched on', { suffix: '%', hint: 'share of the month' })}
              </div>
            )}
            {form.selfHostKind === 'monthly' && input('usdPerMonth', 'USD per GPU per month', { hint: 'Reserved instance or hosting contract.' })}
            {form.selfHostKind === 'purchase' && (
              <>
                <div className="grid-2">
                  {input('gpuPriceUsd', 'Price, USD', { hint: 'per GPU, paid once' })}
                  {input('writeOffMonths', 'Written off over', { suffix: 'months' })}
                </div>
                {input('resaleUsd', 'Resale value, USD', { hint: 'What it sells for at the end; empty if nothing.' })}
                <p className="be-write-off" data-testid="be-write-off" aria-live="polite">
                  {analysis.result?.hardware ? `${analysis.result.hardware.assumption} per GPU.` : 'The monthly figure appears when these fields are valid.'}
                </p>
              </>
            )}
            <div className="grid-2">
              {input('throughputTokensPerSec', 'Tokens / second', { hint: measuredSpeed?.value === form.throughputTokensPerSec ? measuredSpeed.source : 'output, per GPU, all requests' })}
              {input('maxUtilizationPct', 'Max load', { suffix: '%', hint: 'busy share before adding a GPU' })}
            </div>
            <div className="grid-2">
              {input('gpuWatts', 'GPU watts')}
              {input('electricityUsdPerKwh', 'USD per kWh')}
            </div>
            {input('maintenanceUsdPerMonth', 'Maintenance USD / month', { hint: 'Hosting, your time and tooling to keep it running, whatever the GPU count.' })}
          </section>
          <div className="be-inputs be-outputs">
            {analysis.result ? <Outputs result={analysis.result} /> : <div className="notice notice-warn" role="alert" data-testid="break-even-invalid">
                {attention ?? 'Fix the highlighted fields.'} The comparison shows when every field is valid.
              </div>}
            <section className="card" data-testid="break-even-chart">
              <h2 className="card-title">
                Monthly cost by volume
                <span className="card-sub">log scales; the diamond marks the break-even</span>
              </h2>
              <div className="chart-box" style={{ height: 340 }}>
                {analysis.curve && analysis.result ? (
                  <Suspense fallback={<div className="chart-empty">Loading chart…</div>}>
                    <BreakEvenChart curve={analysis.curve} volume={analysis.result.inputs.monthlyQueries} names={{ drafter: analysis.result.inputs.cloudDrafterName, verifier: analysis.result.inputs.verifierName }} />
                  </Suspense>
                ) : (
                  <div className="chart-empty">The chart appears when every field is valid.</div>
                )}
              </div>
            </section>
          </div>
        </div>
      </div>
    </div>
  );
}

function Outputs({ result: r }: { result: BreakEvenResult }) {
  const best = r.recommendation;
  const bestSaving = Math.max(r.savings.cloudDrafterVsCloudOnlyNano, r.savings.selfHostedVsCloudOnlyNano, 0);
  const breakEven = r.breakEvenQueries !== null ? Math.ceil(r.breakEvenQueries) : null;
  return (
    <>
      <section className="card" data-testid="break-even-result">
        <h2 className="card-title">
          {RECOMMENDATION_TITLE[best]}
          <span className="card-sub">{formatCount(r.inputs.monthlyQueries)} queries / month</span>
        </h2>
        <p className="be-verdict">{r.decision}</p>
        {r.payback && (
          <p className="be-verdict be-payback" data-testid="be-payback">
            {r.payback.sentence}
          </p>
        )}
      </section>
      <div className="grid-stats">
        <StatCard label="Cloud only" tone={best === 'cloud-only' ? 'good' : 'neutral'} value={formatNanoHeadline(r.costs.cloudOnlyNano)} hint={`per month, every query on ${r.inputs.verifierName}`} testId="be-cloud-only" />
        <StatCard label="Cascade, cloud drafter" tone={best === 'cloud-drafter' ? 'good' : 'neutral'} value={formatNanoHeadline(r.costs.cloudDrafterNano)} hint={`per month, drafts on ${r.inputs.cloudDrafterName}`} testId="be-cloud-drafter" />
        <StatCard label="Cascade, self-hosted drafter" tone={best === 'self-host' ? 'good' : 'neutral'} value={formatNanoHeadline(r.costs.selfHostedNano)} hint="per month, GPUs + electricity + maintenance + escalations" testId="be-self-hosted" />
        <StatCard
          label="Break-even"
          tone="accent"
          value={breakEven !== null ? formatCountHeadline(breakEven) : 'never'}
          title={breakEven !== null ? exactWhenShortened(breakEven, `${formatCount(breakEven)} queries a month`) : undefined}
          hint={breakEven !== null ? 'queries / month from which self-hosting wins' : 'self-hosting does not pay off'}
          testId="break-even-queries"
        />
        <StatCard label="GPUs needed" value={formatCountHeadline(r.selfHost.gpus)} title={exactWhenShortened(r.selfHost.gpus, formatCount(r.selfHost.gpus))} hint={`${formatPct(r.selfHost.utilization)} busy (plan: at most ${formatPct(r.inputs.maxUtilization)})`} testId="be-gpus" />
        <StatCard
          label="Best saving vs cloud only"
          tone={bestSaving > 0 ? 'good' : 'neutral'}
          value={formatNanoHeadline(bestSaving)}
          hint={bestSaving > 0 ? `per month, ${formatNanoHeadline(bestSaving * 12)} a year` : 'the cascade does not pay off here'}
          testId="be-best-saving"
        />
      </div>
      <section className="card">
        <h2 className="card-title">Self-hosting, itemised</h2>
        <table className="data">
          <tbody>
            <tr>
              <td>
                GPU{r.selfHost.gpus === 1 ? '' : 's'} ({formatCount(r.selfHost.gpus)})
                {r.hardware && <span className="be-assumption">{`bought: ${r.hardware.assumption} each`}</span>}
              </td>
              <td className="num">{formatNanoHeadline(r.selfHost.gpuNano)}</td>
            </tr>
            <tr>
              <td data-testid="be-electricity">Electricity ({formatHours(r.selfHost.generationHours)} of generation)</td>
              <td className="num">{formatNanoHeadline(r.selfHost.energyNano)}</td>
            </tr>
            <tr>
              <td>Maintenance</td>
              <td className="num">{formatNanoHeadline(r.selfHost.maintenanceNano)}</td>
            </tr>
            <tr>
              <td>Verifier for {formatCount(Math.round(r.escalatedQueries))} escalated queries</td>
              <td className="num">{formatNanoHeadline(r.escalationNano)}</td>
            </tr>
          </tbody>
        </table>
      </section>
    </>
  );
}

/** A tooltip with the exact figure, for a count shown in its short form ("113.7M"). */
function exactWhenShortened(n: number, exact: string): string | undefined {
  return formatCountHeadline(n) === formatCount(n) ? undefined : exact;
}

/** Picks a priced model (its prices fill the fields) or leaves the typed custom price. */
function ModelPicker({ role, label, form, options, onPick }: { role: PriceRole; label: string; form: BreakEvenForm; options: PricedModel[]; onPick: (m: PricedModel) => void }) {
  const selected = selectedModel(form, role, options);
  const id = `be-${role}-model`;
  return (
    <Field label={label} htmlFor={id} hint={options.length === 0 ? 'No priced cloud model in your settings yet: type a custom price below.' : selected ? `${selected.source === 'override' ? 'your price' : 'list price'} for ${selected.model}` : 'custom price: the values typed below'}>
      <select
        id={id}
        value={selected?.model ?? ''}
        onChange={(e) => {
          const m = options.find((o) => o.model === e.target.value);
          if (m) onPick(m);
        }}
      >
        <option value="">Custom price</option>
        {options.map((o) => (
          <option key={o.model} value={o.model}>
            {o.model} (${o.inputPerMTok} in / ${o.outputPerMTok} out per M)
          </option>
        ))}
      </select>
    </Field>
  );
}
