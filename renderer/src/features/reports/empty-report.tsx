// What Reports says for a period without queries (a new ledger, a quiet day): how to record
// some, as the Savings view does, instead of cards of zeros and dashes.
import type { ReportPeriod } from '../../../../shared/core/monitoring/report.ts';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ReportsIcon } from '../../components/icons.tsx';
import { useNavStore } from '../../stores/nav-store.ts';

export function EmptyReport({ period }: { period: ReportPeriod | 'custom' }) {
  const go = useNavStore((s) => s.go);
  return (
    <div className="card" data-testid="report-empty">
      <EmptyState icon={<ReportsIcon size={28} />} title="No queries in this period" action={<Button variant="primary" onClick={() => go('chat')}>Ask something in Chat</Button>}>
        Every answer is recorded with its tokens and cost. Ask a few questions in Chat (or with <code>cascadeflow ask</code>) and the report shows what they cost, which models answered and what to change{period === 'month' ? '' : ', or pick a longer period'}.
      </EmptyState>
    </div>
  );
}
