import type { ReactNode } from 'react';

export function StatCard({ label, value, hint, tone = 'neutral', testId }: { label: string; value: ReactNode; hint?: ReactNode; tone?: 'neutral' | 'good' | 'bad' | 'accent'; testId?: string }) {
  return (
    <div className={`stat-card stat-${tone}`} data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}
