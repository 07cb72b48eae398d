import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { ANALYTICS_SQL } from '../electron/node/sqlite/ledger-analytics.ts';
import { CSV_EXPORT_SQL } from '../electron/node/sqlite/ledger-export.ts';
const db = openDatabase(':memory:');
const p = { fromDay: 1, toDay: 2, lf: 1, lt: 2, rf: 3, rt: 4, kind: 'user', from: 1, to: 2, limit: 5 };
const sqls: Record<string, string> = { ...ANALYTICS_SQL, user: ANALYTICS_SQL.byTag.user, csv: CSV_EXPORT_SQL } as any;
for (const [k, sql] of Object.entries(sqls)) { if (typeof sql !== 'string') continue; const names = [...sql.matchAll(/@(\w+)/g)].map(m => m[1]); const args = Object.fromEntries(names.map(n => [n, (p as any)[n]]));
  console.log(k); for (const r of db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as any[]) console.log('   ', r.id, r.parent, r.detail); }
