// What Reports says for a period without queries (a new ledger, a quiet day): how to record
// some, as the Savings view does, instead of cards of zeros and dashes.
import type { ReportPeriod } from '../../../../shared/core/monitoring/report.ts';
import { ReportsIcon } from '../../components/icons.tsx';
import { NoQueriesYet } from '../../components/no-queries-yet.tsx';
import { useNavStore } from '../../stores/nav-store.ts';

export function EmptyReport({ period }: { period: ReportPeriod | 'custom' }) {
  const go = useNavStore((s) => s.go);
  return (
    <div className="card" data-testid="report-empty">
      <NoQueriesYet
        icon={<ReportsIcon size={28} />}
        span="period"
        shows="the report shows what they cost, which models answered and what to change"
        longerHint={period !== 'month'}
        onAsk={() => go('chat')}
      />
    </div>
  );
}
