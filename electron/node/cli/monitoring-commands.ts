// Spend monitoring on the command line, over the same API the app uses:
//   cascadeflow forecast [--days 30] [--growth 1.2] [--history 90] [--json]
//   cascadeflow report [--period day|week|month] [--top 10] [--json | --csv | --md]
//   cascadeflow alerts [--limit 50] [--active] [--json]   |   cascadeflow alerts dismiss <id> | --all
import type { CostForecast } from '../../../shared/core/monitoring/forecast.ts';
import { REPORT_PERIODS, type ReportPeriod } from '../../../shared/core/monitoring/report.ts';
import { reportToCsv, reportToMarkdown } from '../../../shared/core/monitoring/report-format.ts';
import { formatUsd } from '../../../shared/core/pricing/money.ts';
import { numberFlag, parse, UsageError } from './args.ts';
import { openBackend } from './context.ts';
import { unwrap } from './unwrap.ts';

export const MONITORING_HELP = `  cascadeflow forecast [--days 30] [--growth 1.2] [--history 90] [--json]
                                                    next days' cost from the ledger's daily history
  cascadeflow report [--period day|week|month] [--top 10] [--json | --csv | --md]
                                                    cost report with recommendations (default: Markdown)
  cascadeflow alerts [--limit 50] [--active] [--json]
                                                    raised alerts, newest first
  cascadeflow alerts dismiss <id> | --all
`;

function write(text: string): void {
  process.stdout.write(text);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function formatForecast(f: CostForecast): string {
  const first = f.days[0]?.day ?? '';
  const last = f.days[f.days.length - 1]?.day ?? '';
  const band = f.lowerNano === null || f.upperNano === null ? 'no band: the history is too short' : `5-95%: ${formatUsd(f.lowerNano)} to ${formatUsd(f.upperNano)}`;
  // Without a full day of history there is no forecast to print, and $0.00 would read as one.
  const total = f.method === 'none' ? 'not known yet' : `${formatUsd(f.totalNano)} (${band})`;
  const lines = [`Forecast for the next ${f.horizonDays} days (${first} to ${last}): ${total}`];
  const method = {
    none: 'no history yet: nothing to extrapolate',
    mean: `the mean of ${f.history.length} day(s) of history`,
    linear: `linear trend over ${f.history.length} days of history (no weekday pattern found)`,
    'linear+weekday': `linear trend with weekday factors over ${f.history.length} days of history`,
  }[f.method];
  lines.push(`Method: ${method}${f.growth !== 1 ? `; extra growth x${f.growth} per 30 days` : ''}.`);
  if (f.trend) lines.push(`Trend: ${formatUsd(Math.round(f.trend.levelNano))} a day now, ${f.trend.slopeNanoPerDay >= 0 ? '+' : '-'}${formatUsd(Math.round(Math.abs(f.trend.slopeNanoPerDay)))} a day per day.`);
  if (f.weekdayFactors) lines.push(`Weekday factors: ${f.weekdayFactors.map((x, i) => `${WEEKDAYS[i]} ${x.toFixed(2)}`).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

export async function forecastCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { days: { type: 'string' }, growth: { type: 'string' }, history: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const days = numberFlag('days', values.days, 1, 365);
  const growth = numberFlag('growth', values.growth, 0.1, 10);
  const historyDays = numberFlag('history', values.history, 7, 3650);
  if (days !== undefined && !Number.isInteger(days)) throw new UsageError('--days must be a whole number');
  if (historyDays !== undefined && !Number.isInteger(historyDays)) throw new UsageError('--history must be a whole number');
  const backend = await openBackend(values, 'cli', { readsLedger: true });
  try {
    const f = unwrap(await backend.call('forecast.get', { days, growth, historyDays }));
    write(values.json ? `${JSON.stringify(f, null, 2)}\n` : formatForecast(f));
    return 0;
  } finally {
    await backend.close();
  }
}

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { period: { type: 'string' }, top: { type: 'string' }, csv: { type: 'boolean' }, md: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if ([values.json, values.csv, values.md].filter(Boolean).length > 1) throw new UsageError('give one of --json, --csv, --md');
  const period = values.period;
  if (period !== undefined && !(REPORT_PERIODS as readonly string[]).includes(period)) throw new UsageError(`--period must be one of ${REPORT_PERIODS.join(', ')}`);
  const top = numberFlag('top', values.top, 1, 100);
  if (top !== undefined && !Number.isInteger(top)) throw new UsageError('--top must be a whole number');
  const backend = await openBackend(values, 'cli', { readsLedger: true });
  try {
    const report = unwrap(await backend.call('report.get', { period: period as ReportPeriod | undefined, top }));
    if (values.json) write(`${JSON.stringify(report, null, 2)}\n`);
    else if (values.csv) write(reportToCsv(report));
    else write(reportToMarkdown(report));
    return 0;
  } finally {
    await backend.close();
  }
}

export async function alertsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { limit: { type: 'string' }, active: { type: 'boolean' }, all: { type: 'boolean' } });
  const [sub, id, extra] = positionals;
  if (sub !== undefined && sub !== 'dismiss') throw new UsageError(`unknown subcommand "${sub}": use cascadeflow alerts [dismiss <id> | dismiss --all]`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (sub === 'dismiss' && (id === undefined) === !values.all) throw new UsageError('give the alert id or --all, e.g. cascadeflow alerts dismiss --all');
  const limit = numberFlag('limit', values.limit, 1, 1000);
  const backend = await openBackend(values, 'cli', { readsLedger: true });
  try {
    if (sub === 'dismiss') {
      const r = unwrap(await backend.call('alerts.dismiss', id !== undefined ? { id } : { all: true }));
      write(values.json ? `${JSON.stringify(r)}\n` : `dismissed ${r.dismissed} alert(s)\n`);
      return 0;
    }
    const { alerts } = unwrap(await backend.call('alerts.list', { limit: limit === undefined ? 50 : Math.floor(limit), includeDismissed: !values.active }));
    if (values.json) write(`${JSON.stringify({ alerts }, null, 2)}\n`);
    else if (alerts.length === 0) write('No alerts.\n');
    else {
      for (const a of alerts) {
        const when = new Date(a.createdAt).toISOString().slice(0, 16).replace('T', ' ');
        const webhook = a.webhook ? ` [webhook ${a.webhook.status}${a.webhook.error ? `: ${a.webhook.error}` : ''}]` : '';
        write(`${when} UTC  ${a.dismissedAt === null ? '*' : ' '} ${a.id}  ${a.message}${webhook}\n`);
      }
    }
    return 0;
  } finally {
    await backend.close();
  }
}
