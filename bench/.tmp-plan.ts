import { openDatabase } from '../electron/node/sqlite/open-database.ts';
const db = openDatabase(':memory:');
const show = (sql: string) => console.log(sql.slice(0, 60), '\n  ', db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({acc:1,qid:'x',seq:1,m:'m',p:'p',l:0}).map((r: any) => r.detail).join(' | '));
show(`UPDATE ledger_daily SET quality_sum = quality_sum + 1 WHERE @acc = 1 AND NOT EXISTS (SELECT 1 FROM calls WHERE query_id = @qid AND accepted = 1 AND seq > @seq) AND day = (SELECT created_at FROM queries WHERE id = @qid) / 86400000`);
show(`UPDATE ledger_daily SET audited = audited + 1 WHERE day = (SELECT created_at FROM queries WHERE id = @qid AND created_at >= 0) / 86400000`);
show(`UPDATE ledger_daily_model SET calls = calls - 1 WHERE day = (SELECT created_at FROM queries WHERE id = @qid) / 86400000 AND model = @m AND provider = @p AND local = @l`);
