// ledger.*: the savings view's figures, all aggregated in SQLite.
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';
import { ledgerExtent, usageProfile } from '../sqlite/ledger-store.ts';

type LedgerHandlers = Pick<ApiHandlers, 'ledger.summary' | 'ledger.daily' | 'ledger.byModel' | 'ledger.topQueries' | 'ledger.byTag' | 'ledger.byDomain' | 'ledger.prepareExport' | 'ledger.usageProfile' | 'ledger.extent'>;

export function ledgerHandlers(s: Services): LedgerHandlers {
  return {
    'ledger.summary': ({ range }) => s.ledger.summary(range),
    'ledger.daily': ({ range }) => ({ points: s.ledger.daily(range) }),
    'ledger.byModel': ({ range }) => ({ models: s.ledger.costByModel(range) }),
    'ledger.topQueries': ({ range, limit }) => ({ queries: s.ledger.topQueries(range, limit ?? 50) }),
    'ledger.byTag': ({ range, tag }) => ({ tags: s.ledger.costByTag(range, tag) }),
    'ledger.byDomain': ({ range }) => ({ domains: s.ledger.costByDomain(range) }),
    // Only registers the download: the rows stream through the transport (ledger-downloads.ts).
    'ledger.prepareExport': ({ range, format, days }) => s.downloads.prepare(range, format, days),
    'ledger.usageProfile': ({ days }) => usageProfile(s.db, days, s.clock.now()),
    'ledger.extent': () => ledgerExtent(s.db),
  };
}
