// ledger.*: the savings view's figures, all aggregated in SQLite.
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';
import { exportLedgerCsv, exportLedgerJson, usageProfile } from '../sqlite/ledger-store.ts';

type LedgerHandlers = Pick<ApiHandlers, 'ledger.summary' | 'ledger.daily' | 'ledger.byModel' | 'ledger.topQueries' | 'ledger.byTag' | 'ledger.export' | 'ledger.usageProfile'>;

export function ledgerHandlers(s: Services): LedgerHandlers {
  return {
    'ledger.summary': ({ range }) => s.ledger.summary(range),
    'ledger.daily': ({ range }) => ({ points: s.ledger.daily(range) }),
    'ledger.byModel': ({ range }) => ({ models: s.ledger.costByModel(range) }),
    'ledger.topQueries': ({ range, limit }) => ({ queries: s.ledger.topQueries(range, limit ?? 50) }),
    'ledger.byTag': ({ range, tag }) => ({ tags: s.ledger.costByTag(range, tag) }),
    'ledger.export': ({ range, format }) => {
      const parts: string[] = [];
      const rows = format === 'csv' ? exportLedgerCsv(s.db, range, (c) => parts.push(c)) : exportLedgerJson(s.db, range, (c) => parts.push(c));
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      return {
        filename: `cascadeflow-ledger-${day(range.from)}-to-${day(range.to)}.${format}`,
        mimeType: format === 'csv' ? 'text/csv' : 'application/json',
        content: parts.join(''),
        rows,
      };
    },
    'ledger.usageProfile': ({ days }) => usageProfile(s.db, days, s.clock.now()),
  };
}
