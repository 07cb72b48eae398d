// Ledger tables shown by more than one view (Savings and Reports): cost per user / feature tag,
// and the cells of a top-expensive-query row.
import type { ReactNode } from 'react';
import type { TagCost, TopQuery } from '../../../shared/core/ledger/types.ts';
import { formatCount, formatDateTime, formatNano } from '../lib/format.ts';

export function TagCostTable({ kind, title, tags, empty, testId }: { kind: 'user' | 'feature'; title: string; tags: TagCost[]; empty: ReactNode; testId: string }) {
  return (
    <section className="card">
      <h2 className="card-title">{title}</h2>
      {tags.length === 0 ? (
        <div className="card-sub">{empty}</div>
      ) : (
        <table className="data" data-testid={testId}>
          <thead>
            <tr>
              <th>{kind === 'user' ? 'User' : 'Feature'}</th>
              <th className="num">Queries</th>
              <th className="num">Cost</th>
              <th className="num">Verifier alone</th>
              <th className="num">Saved</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr key={t.tag}>
                <td className="truncate" style={{ maxWidth: 220 }}>
                  {t.tag}
                </td>
                <td className="num">{formatCount(t.queries)}</td>
                <td className="num">{formatNano(t.costNano)}</td>
                <td className="num">{formatNano(t.baselineCostNano)}</td>
                <td className="num">{formatNano(t.savingsNano)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function TopQueryHeader() {
  return (
    <thead>
      <tr>
        <th>When</th>
        <th>Prompt</th>
        <th>Answered by</th>
        <th className="num">Cost</th>
      </tr>
    </thead>
  );
}

export function TopQueryCells({ q }: { q: Pick<TopQuery, 'createdAt' | 'prompt' | 'finalModel' | 'escalated' | 'costNano'> }) {
  return (
    <>
      <td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(q.createdAt)}</td>
      <td className="truncate cell-fill" title={q.prompt}>
        {q.prompt}
      </td>
      <td style={{ whiteSpace: 'nowrap' }}>
        {q.finalModel}
        {q.escalated && <span className="badge badge-warn" style={{ marginLeft: 6 }}>escalated</span>}
      </td>
      <td className="num">{formatNano(q.costNano)}</td>
    </>
  );
}
