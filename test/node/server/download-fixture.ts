// A real backend on a SQLite file seeded with many queries, for the ledger download tests: the
// answers carry commas, quotes, newlines and non-ASCII text, so a chunk boundary inside a quoted
// field or a multi-byte character would show in the bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { TimeRange } from '../../../shared/core/ledger/types.ts';
import { createBackend } from '../../../electron/node/backend.ts';
import type { Backend } from '../../../electron/node/backend-types.ts';
import { exportLedgerCsv, exportLedgerJson } from '../../../electron/node/sqlite/ledger-export.ts';
import { createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { memorySecrets } from '../helpers/harness.ts';
import { makeCall, makeQuery, T0 } from '../sqlite/ledger-fixtures.ts';

export const ALL_TIME: TimeRange = { from: 0, to: 8.64e15 };

const FILLER = 'Größe, "quoted" ✓\r\nline two; '.repeat(40);

export function seedLedger(dbPath: string, queries: number): void {
  const db = openDatabase(dbPath);
  try {
    const writer = createLedgerWriter(db);
    db.transaction(() => {
      for (let i = 0; i < queries; i++) {
        const createdAt = T0 + i * 1000;
        writer.writeQuery(
          makeQuery({
            id: `q-${String(i).padStart(6, '0')}`,
            runId: `run-${i}`,
            createdAt,
            prompt: `What is ${i} * 7?`,
            answer: `${FILLER}${i * 7}`,
            calls: [makeCall({ seq: 0, text: `draft ${i}` })],
          }),
        );
      }
    })();
  } finally {
    db.close();
  }
}

/** The export as exportLedgerCsv / exportLedgerJson write it, read on a connection of its own. */
export function expectedExport(dbPath: string, range: TimeRange, format: 'csv' | 'json'): { text: string; rows: number } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const parts: string[] = [];
    const rows = (format === 'csv' ? exportLedgerCsv : exportLedgerJson)(db, range, (c) => parts.push(c));
    return { text: parts.join(''), rows };
  } finally {
    db.close();
  }
}

export interface SeededBackend {
  backend: Backend;
  dbPath: string;
  /** The backend's clock: move it to expire downloads. */
  clock: { now(): number; monotonic(): number; advance(ms: number): void };
  close(): Promise<void>;
}

export async function openSeededBackend(queries: number): Promise<SeededBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-download-'));
  const dbPath = join(dir, 'ledger.db');
  seedLedger(dbPath, queries);
  let now = T0 + 30 * 86_400_000;
  const clock = { now: () => now, monotonic: () => now, advance: (ms: number) => void (now += ms) };
  const backend = await createBackend({ dbPath, dataDir: dir, mode: 'test', secrets: memorySecrets(), clock, log: () => {} });
  return {
    backend,
    dbPath,
    clock,
    async close() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
