// Cost and drafter acceptance per detected domain: the table that shows which kind of question
// the drafter misses (and so which would pay for a domain route of its own).
import type { DomainCost } from '../../../../shared/core/ledger/types.ts';
import { KnownCost } from '../../components/ledger-tables.tsx';
import { formatCount, formatNanoColumn, formatPct } from '../../lib/format.ts';

export function DomainCostTable({ domains }: { domains: DomainCost[] }) {
  const cost = formatNanoColumn(domains.map((d) => d.costNano));
  const baseline = formatNanoColumn(domains.map((d) => d.baselineCostNano));
  return (
    <section className="card">
      <h2 className="card-title">Cost by domain</h2>
      <div className="card-sub">the domain each question was recognised as (code, math, general, or one of your domain routes)</div>
      {domains.length === 0 ? (
        <div className="card-sub">None in this period.</div>
      ) : (
        <table className="data" data-testid="report-domain">
          <thead>
            <tr>
              <th>Domain</th>
              <th className="num">Queries</th>
              <th className="num">Drafter accepted</th>
              <th className="num">Escalated</th>
              <th className="num">Cost</th>
              <th className="num">Verifier alone</th>
            </tr>
          </thead>
          <tbody>
            {domains.map((d, i) => (
              <tr key={d.domain}>
                <td className="truncate" style={{ maxWidth: 220 }}>
                  {d.domain}
                </td>
                <td className="num">
                  {formatCount(d.queries)}
                  {/* Left out of the acceptance beside it: no model ran. */}
                  {d.cacheHits > 0 && <span className="card-sub"> ({formatCount(d.cacheHits)} from cache)</span>}
                </td>
                <td className="num" title={d.drafterAcceptanceRate === null ? 'no query of this domain had a tier above the drafter' : `${formatCount(d.draftsAccepted)} of ${formatCount(d.drafterEligible)} answered queries`}>
                  {d.drafterAcceptanceRate === null ? '–' : `${formatPct(d.drafterAcceptanceRate, 1)} of ${formatCount(d.drafterEligible)}`}
                </td>
                <td className="num">{formatCount(d.escalated)}</td>
                <td className="num">
                  <KnownCost costNano={d.costNano} shown={cost[i] ?? ''} unpriced={d.unknownPriceQueries} noun="query" />
                </td>
                <td className="num">{baseline[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
