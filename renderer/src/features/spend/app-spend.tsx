// The shell's spend pieces: the alert banner over every view, and a compact budget bar in the
// navigation when a budget is near or over its limit.
import { useShallow } from 'zustand/react/shallow';
import { AlertBanner } from '../../components/alert-banner.tsx';
import { useNavStore } from '../../stores/nav-store.ts';
import { useAlertsStore } from '../../stores/spend-alerts.ts';
import { pressingBudgets, useSpendStore } from '../../stores/spend-store.ts';
import { budgetStateText } from '../../../../shared/core/budget/wording.ts';
import { BudgetBar, budgetTitle } from './budget-bars.tsx';
import './spend.css';

export function AppAlertBanner() {
  const active = useAlertsStore((s) => s.active);
  const dismiss = useAlertsStore((s) => s.dismiss);
  const dismissAll = useAlertsStore((s) => s.dismissAll);
  const go = useNavStore((s) => s.go);
  if (active.length === 0) return null;
  return (
    <div className="alert-banner-dock">
      <AlertBanner alerts={active} onDismiss={(id) => void dismiss(id)} onDismissAll={() => void dismissAll()} onShowAll={() => {
          useAlertsStore.setState({ revealList: true });
          go('reports');
        }} />
    </div>
  );
}

/** The worst near/over budget, compact; clicking it opens Savings where all the bars are. */
export function NavBudget() {
  const pressing = useSpendStore(useShallow((s) => pressingBudgets(s.budget)));
  const go = useNavStore((s) => s.go);
  const [worst] = pressing;
  if (!worst) return null;
  return (
    <button type="button" className="nav-budget" onClick={() => go('savings')} title={`${budgetTitle(worst)}: ${budgetStateText(worst)}. Open Savings to see every budget.`} data-testid="nav-budget">
      <BudgetBar budget={worst} compact />
      {pressing.length > 1 && <span className="nav-budget-more">+{pressing.length - 1} more near or over</span>}
    </button>
  );
}
