import Database from 'better-sqlite3';
for (const trig of [false, true]) {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE t(id TEXT PRIMARY KEY, day INTEGER, v INTEGER) STRICT; CREATE TABLE r(day INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0, s INTEGER NOT NULL DEFAULT 0) STRICT;`);
  if (trig) db.exec(`CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN INSERT INTO r(day, n, s) VALUES (NEW.day, 1, NEW.v) ON CONFLICT(day) DO UPDATE SET n = n + excluded.n, s = s + excluded.s; END;`);
  const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
  const t0 = performance.now();
  db.transaction(() => { for (let i = 0; i < 200000; i++) ins.run('id' + i, i >> 9, i); })();
  console.log(trig, (performance.now() - t0) / 200000 * 1000, 'us/row');
}
