// alerts.*, forecast.get, report.get: thin glue to electron/node/monitoring.
import { ApiFailure } from '../../../shared/api/result.ts';
import { costForecast } from '../monitoring/forecast-data.ts';
import { costReport } from '../monitoring/report-data.ts';
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';

type MonitoringHandlers = Pick<ApiHandlers, 'alerts.list' | 'alerts.dismiss' | 'forecast.get' | 'report.get'>;

const DEFAULT_ALERT_LIMIT = 100;

export function monitoringHandlers(s: Services): MonitoringHandlers {
  return {
    'alerts.list': ({ limit, includeDismissed, since }) => ({
      alerts: s.monitoring.alerts.list({ limit: limit ?? DEFAULT_ALERT_LIMIT, includeDismissed: includeDismissed ?? true, since }),
    }),
    'alerts.dismiss': ({ id }) => {
      if (id !== undefined && s.monitoring.alerts.get(id) === null) throw new ApiFailure('not_found', `No alert with id ${id}.`, { fields: ['id'] });
      return { dismissed: s.monitoring.alerts.dismiss(id ?? null, s.clock.now()) };
    },
    'forecast.get': (input) => costForecast(s.ledger, s.clock.now(), input),
    'report.get': (input) => {
      const config = s.config.get();
      // The budgets' current periods (today, this month), whatever range the report covers.
      const budget = s.budget.status(config);
      const budgets = budget.enabled ? budget.budgets.map((b) => ({ name: b.name, spentNano: b.spentNano, limitNano: b.limitNano })) : undefined;
      return costReport({ db: s.db, ledger: s.ledger, config, now: s.clock.now(), budgets }, input);
    },
  };
}
