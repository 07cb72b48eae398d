import Database from 'better-sqlite3';
const corpus = Array.from({ length: 40000 }, (_, i) => 'word' + (i % 97)).join(' ');
for (const mode of ['slice', 'flat', 'slice', 'flat']) {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b TEXT) STRICT');
  const ins = db.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  const texts = Array.from({ length: 100000 }, (_, i) => { const s = corpus.slice(i % 1000, (i % 1000) + 350); return mode === 'flat' ? (' ' + s).slice(1).split('').join('') : s; });
  const t0 = performance.now();
  db.transaction(() => { for (const s of texts) ins.run(s, s); })();
  console.log(mode, ((performance.now() - t0) / texts.length * 1000).toFixed(2), 'us/row');
}
