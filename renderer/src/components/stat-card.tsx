import type { ReactNode } from 'react';

/** A headline figure; `title` gives the exact figure when `value` is a compact one ("113.7M"). */
export function StatCard({ label, value, title, hint, tone = 'neutral', testId }: { label: string; value: ReactNode; title?: string; hint?: ReactNode; tone?: 'neutral' | 'good' | 'bad' | 'accent'; testId?: string }) {
  return (
    <div className={`stat-card stat-${tone}`} data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="stat-value" title={title}>{value}</div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}
