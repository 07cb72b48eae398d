// The Savings view's budget card, connected to the spend store.
import { useEffect } from 'react';
import { useSpendStore } from '../../stores/spend-store.ts';
import { BudgetSection } from './budget-bars.tsx';
import './spend.css';

export function SavingsBudgets() {
  const status = useSpendStore((s) => s.budget);
  const load = useSpendStore((s) => s.loadBudget);
  useEffect(() => {
    void load();
  }, [load]);
  return <BudgetSection status={status} />;
}
