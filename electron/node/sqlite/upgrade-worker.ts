// Worker thread entry (bundled to dist-electron/upgrade-worker.cjs): brings one database file up
// to date and closes it. better-sqlite3 runs a migration synchronously, so on the main thread a
// 20-second rebuild would freeze every window; here only this thread waits.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './open-database.ts';

export interface UpgradeWorkerData {
  dbPath: string;
}

/** `code`: SQLite's or the OS's error code (SQLITE_BUSY, EACCES...), so the app can say what to do. */
export type UpgradeWorkerMessage = { ok: true } | { ok: false; message: string; code?: string };

const { dbPath } = workerData as UpgradeWorkerData;
let reply: UpgradeWorkerMessage;
try {
  openDatabase(dbPath).close();
  reply = { ok: true };
} catch (e) {
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  reply = { ok: false, message: e instanceof Error ? e.message : String(e), ...(code !== undefined ? { code } : {}) };
}
parentPort?.postMessage(reply);
