import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { createLedgerStore } from '../electron/node/sqlite/ledger-store.ts';
import { syntheticHistory } from './ledger/synthetic-history.ts';
import { rmSync } from 'node:fs';
const mode = process.argv[2];
const path = '/tmp/exp.db';
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const db = openDatabase(path);
db.pragma('cache_size = -262144'); if (process.argv[3] === 'off') { db.pragma('synchronous = OFF'); }
if (mode === 'notrig') for (const t of db.prepare("select name from sqlite_master where type='trigger'").all() as {name:string}[]) db.exec(`DROP TRIGGER ${t.name}`);
if (mode === 'noidx') { for (const t of db.prepare("select name from sqlite_master where type='trigger'").all() as {name:string}[]) db.exec(`DROP TRIGGER ${t.name}`); for (const i of ['queries_user_created_at','queries_feature_created_at','queries_conversation','queries_cost_created_at','calls_model']) db.exec(`DROP INDEX ${i}`); }
db.pragma('foreign_keys = OFF');
if (mode.startsWith('only:')) for (const t of db.prepare("select name from sqlite_master where type='trigger'").all() as {name:string}[]) if (t.name !== mode.slice(5)) db.exec(`DROP TRIGGER ${t.name}`);
const ledger = createLedgerStore(db);
const items = [...syntheticHistory({ queries: 100000, months: 18, seed: 42 })].map(x => x.query);
const t0 = performance.now();
const tx = db.transaction((b: typeof items) => { for (const q of b) ledger.recordQuery(q); });
for (let i = 0; i < items.length; i += 5000) tx(items.slice(i, i + 5000));
console.log(mode, performance.now() - t0);
