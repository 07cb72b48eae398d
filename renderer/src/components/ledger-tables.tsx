// Ledger tables shown by more than one view (Savings and Reports): cost per user / feature tag,
// the cells of a top-expensive-query row, and a cost that leaves out calls of unknown price.
import type { ReactNode } from 'react';
import type { TagCost, TopQuery } from '../../../shared/core/ledger/types.ts';
import { counted } from '../../../shared/core/words.ts';
import { formatCount, formatDateTime, formatNanoColumn, PRICE_UNKNOWN } from '../lib/format.ts';

/**
 * A cost that leaves out `unpriced` calls or queries of unknown price: marked "+N unpriced", and
 * "price unknown" when nothing of it is known (a model with no price at all is not "$0.00").
 * `shown` is the cost as its column writes it (formatNanoColumn).
 */
export function KnownCost({ costNano, shown, unpriced, noun }: { costNano: number; shown: string; unpriced: number; noun: 'call' | 'query' }) {
  if (unpriced === 0) return <>{shown}</>;
  const what = noun === 'call' ? counted(unpriced, 'call') : counted(unpriced, 'query', 'queries');
  if (costNano === 0) {
    return (
      <span className="badge badge-warn" title={`${what} of a model without a known price: set one in Models & Settings`}>
        {PRICE_UNKNOWN}
      </span>
    );
  }
  return (
    <>
      {shown}
      <span className="badge badge-warn" style={{ marginLeft: 6 }} title={`${what} of a model without a known price are not in this cost`}>
        +{unpriced} unpriced
      </span>
    </>
  );
}

export function TagCostTable({ kind, title, tags, empty, testId }: { kind: 'user' | 'feature'; title: string; tags: TagCost[]; empty: ReactNode; testId: string }) {
  // Each column to one precision, so $0.2440 is not "$0.244" under "$0.2999".
  const cost = formatNanoColumn(tags.map((t) => t.costNano));
  const baseline = formatNanoColumn(tags.map((t) => t.baselineCostNano));
  const saved = formatNanoColumn(tags.map((t) => t.savingsNano));
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
            {tags.map((t, i) => (
              <tr key={t.tag}>
                <td className="truncate" style={{ maxWidth: 220 }}>
                  {t.tag}
                </td>
                <td className="num">{formatCount(t.queries)}</td>
                <td className="num">
                  <KnownCost costNano={t.costNano} shown={cost[i] ?? ''} unpriced={t.unknownPriceQueries} noun="query" />
                </td>
                <td className="num">{baseline[i]}</td>
                {/* Over the queries whose cost is known (the ledger leaves the others out). */}
                <td className="num">{saved[i]}</td>
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

/** The costs of a list of top queries, to one precision (formatNanoColumn), for TopQueryCells. */
export const topQueryCosts = (queries: readonly Pick<TopQuery, 'costNano'>[]): string[] => formatNanoColumn(queries.map((q) => q.costNano));

export function TopQueryCells({ q, cost }: { q: Pick<TopQuery, 'createdAt' | 'prompt' | 'finalModel' | 'escalated'>; cost: string }) {
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
      <td className="num">{cost}</td>
    </>
  );
}
