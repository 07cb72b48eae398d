// The first and last query of the whole ledger. Each bound is its own subquery, so SQLite reads
// it from one end of the created_at index instead of scanning a million rows.
import type Database from 'better-sqlite3';
import type { LedgerExtent } from '../../../shared/api/contract.ts';

export function ledgerExtent(db: Database.Database): LedgerExtent {
  const row = db
    .prepare<[], { first_at: number | null; last_at: number | null }>(
      'SELECT (SELECT MIN(created_at) FROM queries) AS first_at, (SELECT MAX(created_at) FROM queries) AS last_at',
    )
    .get();
  return { firstAt: row?.first_at ?? null, lastAt: row?.last_at ?? null };
}
