import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { createLedgerStore } from '../electron/node/sqlite/ledger-store.ts';
import { syntheticHistory } from './ledger/synthetic-history.ts';
const items = [...syntheticHistory({ queries: 30000, months: 18, seed: 42 })].map(x => x.query);
for (const mode of ['none', 'all', 'query', 'call', 'none', 'all']) {
  const db = openDatabase(':memory:');
  db.pragma('foreign_keys = OFF');
  for (const t of db.prepare("select name from sqlite_master where type='trigger'").all() as {name:string}[]) {
    const keep = mode === 'all' || (mode === 'query' && t.name === 'ledger_rollup_query_insert') || (mode === 'call' && t.name === 'ledger_rollup_answer_insert') || (mode === 'call' && t.name === 'ledger_rollup_call_insert');
    if (!keep) db.exec(`DROP TRIGGER ${t.name}`);
  }
  const ledger = createLedgerStore(db);
  const t0 = performance.now();
  db.transaction(() => { for (const q of items) ledger.recordQuery(q); })();
  console.log(mode, ((performance.now() - t0) / items.length * 1000).toFixed(1), 'us/query');
  db.close();
}
