// Kills a real writer process with SIGKILL in the middle of its writes, several times, and checks
// that the database file is intact and holds no query without all of its calls.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createRawLedgerAnalytics } from '../../../electron/node/sqlite/ledger-analytics-raw.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { tempDir } from './ledger-fixtures.ts';

const WRITER = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const ROUNDS = 5;

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface RoundResult {
  committed: Map<string, number>;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer until it has reported `killAfter` commits, then SIGKILLs it. */
function runAndKill(dbPath: string, prefix: string, killAfter: number): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dbPath, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed = new Map<string, number>();
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [id, calls] = line.split(' ');
        if (id !== undefined && calls !== undefined) committed.set(id, Number(calls));
      }
      if (!killed && committed.size >= killAfter) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ committed, signal, stderr }));
  });
}

describe('crash safety', () => {
  it('survives repeated SIGKILL mid-write with an intact file and whole queries', { timeout: 120_000 }, async () => {
    const dbPath = join(tmp.dir, 'crash.db');
    const committed = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const result = await runAndKill(dbPath, `r${round}`, 5 + round * 7);
      expect(result.stderr).toBe('');
      expect(result.signal).toBe('SIGKILL');
      for (const [id, calls] of result.committed) committed.set(id, calls);
    }

    const db = openDatabase(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const rows = db
        .prepare<[], { id: string; decision: string; calls: number; seqs: string | null }>(`
          SELECT q.id, q.decision, COUNT(c.id) AS calls, group_concat(c.seq) AS seqs
          FROM queries q LEFT JOIN calls c ON c.query_id = q.id GROUP BY q.id`)
        .all();
      // Every query has exactly the calls it was written with.
      for (const r of rows) {
        expect(r.decision).toBe(`calls=${r.calls}`);
        const seqs = (r.seqs ?? '').split(',').filter((s) => s !== '').map(Number).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: r.calls }, (_, i) => i));
      }
      // Everything the writer reported as committed survived the kill.
      const stored = new Map(rows.map((r) => [r.id, r.calls]));
      for (const [id, calls] of committed) expect(stored.get(id)).toBe(calls);
      expect(rows.length).toBeGreaterThanOrEqual(committed.size);
      expect(db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM calls WHERE query_id NOT IN (SELECT id FROM queries)').get()?.n).toBe(0);
      // The rollups are written by triggers in the same transactions, so a kill never skews them.
      const all = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };
      expect(createLedgerStore(db).summary(all)).toEqual(createRawLedgerAnalytics(db).summary(all));
      expect(createLedgerStore(db).summary(all).queries).toBe(rows.length);
    } finally {
      db.close();
    }
  });
});
