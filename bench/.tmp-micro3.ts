import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { queryParams, callParams, QUERY_INSERT_COLUMNS, CALL_COLUMNS, CALL_COLUMN_LIST } from '../electron/node/sqlite/ledger-rows.ts';
import { syntheticHistory } from './ledger/synthetic-history.ts';
const items = [...syntheticHistory({ queries: 30000, months: 18, seed: 42 })].map(x => x.query);
for (const mode of ['named', 'noidx', 'nocalls', 'named']) {
  const db = openDatabase(':memory:');
  db.pragma('foreign_keys = OFF');
  for (const t of db.prepare("select name from sqlite_master where type='trigger'").all() as {name:string}[]) db.exec(`DROP TRIGGER ${t.name}`);
  if (mode === 'noidx') for (const i of ['queries_user_created_at','queries_feature_created_at','queries_conversation','queries_cost_created_at','calls_model', 'queries_created_at']) db.exec(`DROP INDEX ${i}`);
  const iq = db.prepare(`INSERT INTO queries (${QUERY_INSERT_COLUMNS.join(', ')}) VALUES (${QUERY_INSERT_COLUMNS.map(c => '@' + c).join(', ')})`);
  const ic = db.prepare(`INSERT INTO calls (${CALL_COLUMNS}) VALUES (${CALL_COLUMN_LIST.map((c) => `@${c}`).join(', ')})`);
  const t0 = performance.now();
  db.transaction(() => { for (const q of items) { iq.run(queryParams(q)); if (mode !== 'nocalls') for (const c of q.calls) ic.run(callParams(q.id, c)); } })();
  console.log(mode, ((performance.now() - t0) / items.length * 1000).toFixed(1), 'us/query');
  db.close();
}
