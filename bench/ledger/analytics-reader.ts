// Child process for the write-path benchmark: a second connection to the same WAL file that keeps
// asking for savings-view figures over random ranges until told to stop, as the UI would while
// queries are being recorded. Started with fork(); argv: <db> <from> <to>.
import { createLedgerStore } from '../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../electron/node/sqlite/open-database.ts';
import { createPrng } from './prng.ts';

const [dbPath, fromArg, toArg] = process.argv.slice(2);
if (dbPath === undefined || fromArg === undefined || toArg === undefined) throw new Error('usage: analytics-reader <db> <from> <to>');
const from = Number(fromArg);
const span = Number(toArg) - from;

const db = openDatabase(dbPath);
const ledger = createLedgerStore(db);
const prng = createPrng(77);
let reads = 0;
let stopping = false;

process.on('message', (m) => {
  if (m === 'stop') stopping = true;
});

function burst(): void {
  // Short bursts, so the stop message is seen between them.
  const until = performance.now() + 20;
  while (performance.now() < until) {
    const a = from + Math.floor(prng.next() * span);
    const b = from + Math.floor(prng.next() * span);
    const range = { from: Math.min(a, b), to: Math.max(a, b) + 1 };
    ledger.summary(range);
    ledger.daily(range);
    ledger.topQueries(range, 50);
    ledger.costByTag(range, 'feature');
    reads += 4;
  }
  if (stopping) {
    db.close();
    process.send?.({ reads }, () => process.exit(0));
    return;
  }
  setImmediate(burst);
}

process.send?.('ready');
burst();
