// The Savings view's forecast card: forecast.get for the next 30 days, with a growth input
// (extra growth per 30 days on top of the trend the history shows).
import { lazy, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { fieldErrorId, invalidProps } from '../../components/field.tsx';
import { formatNanoHeadline, formatPct } from '../../lib/format.ts';
import { FORECAST_DAYS, useSpendStore } from '../../stores/spend-store.ts';
import './spend.css';

const ForecastChart = lazy(() => import('./forecast-chart.tsx').then((m) => ({ default: m.ForecastChart })));

const METHOD_TEXT = {
  none: 'no history yet',
  mean: 'the average of a short history',
  linear: 'a linear trend of the daily history',
  'linear+weekday': 'a linear trend with weekday pattern',
} as const;

/** Growth multiplier (1.2) <-> the percentage typed (20). */
export const growthToPct = (g: number): string => String(Math.round((g - 1) * 1000) / 10);
export function pctToGrowth(text: string): number | null {
  const t = text.trim();
  if (t === '' || !Number.isFinite(Number(t))) return null;
  const g = 1 + Number(t) / 100;
  return g >= 0.1 && g <= 10 ? g : null;
}

export function ForecastSection() {
  const { forecast, error, growth } = useSpendStore(useShallow((s) => ({ forecast: s.forecast, error: s.forecastError, growth: s.growth })));
  const load = useSpendStore((s) => s.loadForecast);
  const setGrowth = useSpendStore((s) => s.setGrowth);
  const [text, setText] = useState(() => growthToPct(growth));
  const parsed = pctToGrowth(text);
  const growthError = parsed === null ? `Extra growth must be a number from -90 to 900 (%): the forecast below still uses ${growthToPct(growth)}%.` : null;

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card" data-testid="forecast">
      <h2 className="card-title" style={{ justifyContent: 'space-between' }}>
        <span>
          Forecast
          {/* The forecast's days are the ledger's UTC days, from today's (forecast.ts). */}
          <span className="card-sub">next {FORECAST_DAYS} days{new Date().getTimezoneOffset() !== 0 ? ' (UTC days)' : ''}, with the 5-95% range</span>
        </span>
        <label className="forecast-tools">
          Extra growth per 30 days
          <input
            type="number"
            className={`field-control${parsed === null ? ' field-invalid' : ''}`}
            step={5}
            min={-90}
            max={900}
            value={text}
            aria-label="Extra growth per 30 days, percent"
            data-testid="forecast-growth"
            {...invalidProps('forecast-growth', growthError)}
            onChange={(e) => {
              setText(e.target.value);
              const g = pctToGrowth(e.target.value);
              if (g !== null) setGrowth(g);
            }}
          />
          %
        </label>
      </h2>
      {growthError !== null && (
        // The one field of this form: its alert speaks once when the entry turns invalid (the words
        // stay the same while it does); linked, so it is read again on coming back to the field.
        <div className="field-error" role="alert" id={fieldErrorId('forecast-growth')} data-testid="forecast-growth-error">
          {growthError}
        </div>
      )}
      {error && <ErrorBanner error={error} compact onRetry={() => void load()} />}
      {forecast && (
        <>
          <div className="forecast-figures" data-testid="forecast-figures">
            <span>
              {/* Without a full day of history there is no forecast: not a forecast of $0. */}
              Next {forecast.horizonDays} days{' '}
              <strong data-testid="forecast-total">{forecast.method === 'none' ? 'not known yet' : formatNanoHeadline(forecast.totalNano)}</strong>
            </span>
            {forecast.lowerNano !== null && forecast.upperNano !== null && (
              <span>
                90% range{' '}
                <strong data-testid="forecast-range">
                  {formatNanoHeadline(forecast.lowerNano)} to {formatNanoHeadline(forecast.upperNano)}
                </strong>
              </span>
            )}
            <span>
              Method <strong>{METHOD_TEXT[forecast.method]}</strong>
              {forecast.growth !== 1 && `, ${forecast.growth > 1 ? '+' : ''}${formatPct(forecast.growth - 1)} a month on top`}
            </span>
          </div>
          {forecast.method === 'none' ? (
            <div className="chart-empty">No daily history yet: the forecast starts after the first full day of queries.</div>
          ) : (
            <div className="chart-box" data-testid="forecast-chart">
              <Suspense fallback={<div className="chart-empty">Loading chart…</div>}>
                <ForecastChart forecast={forecast} />
              </Suspense>
            </div>
          )}
        </>
      )}
    </section>
  );
}
