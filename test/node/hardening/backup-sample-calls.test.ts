// Backups carry consistency samples (calls of role 'sample') both ways, and refuse a document
// whose sample claims to be the answer, as the calls table would.
import { afterEach, describe, expect, it } from 'vitest';
import { exportDatabase, importDatabase, parseBackupDocument } from '../../../electron/node/backup/export-import.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { T0 } from '../sqlite/ledger-fixtures.ts';
import { sampledAcceptedQuery, sampledEscalatedQuery } from '../sqlite/sample-call-fixtures.ts';

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function database(): Database {
  const db = openDatabase(':memory:');
  open.push(db);
  return db;
}

const META = { now: T0, version: 'test' };
const ALL = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

describe('backups of sampled runs', () => {
  it('round trip the sample calls and the figures they add up to', () => {
    const source = database();
    const ledger = createLedgerStore(source);
    ledger.recordQuery(sampledEscalatedQuery('esc', T0));
    ledger.recordQuery(sampledAcceptedQuery('acc', T0 + 1));
    const doc = parseBackupDocument(JSON.parse(JSON.stringify(exportDatabase(source, META))));
    expect(doc.queries.find((q) => q.id === 'esc')?.calls.map((c) => c.role)).toEqual(['draft', 'sample', 'sample', 'verify']);

    const target = database();
    expect(importDatabase(target, doc, 'replace').imported).toMatchObject({ queries: 2, calls: 7 });
    expect(exportDatabase(target, META)).toEqual(exportDatabase(source, META));
    const restored = createLedgerStore(target);
    expect(restored.summary(ALL)).toEqual(ledger.summary(ALL));
    expect(restored.costByModel(ALL)).toEqual(ledger.costByModel(ALL));
  });

  it('refuse an accepted sample, naming the field', () => {
    const source = database();
    createLedgerStore(source).recordQuery(sampledEscalatedQuery('esc', T0));
    const raw = JSON.parse(JSON.stringify(exportDatabase(source, META))) as { queries: { calls: { accepted: boolean }[] }[] };
    const sample = raw.queries[0]?.calls[2];
    if (!sample) throw new Error('fixture has no sample call');
    sample.accepted = true;
    expect(() => parseBackupDocument(raw)).toThrow(/document\.queries\.0\.calls\.2\.accepted: a consistency sample is never accepted/);
  });
});
