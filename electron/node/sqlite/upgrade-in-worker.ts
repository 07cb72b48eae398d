// Runs upgrade-worker in a worker thread and waits for it, keeping this thread free (the desktop
// app's main process must keep painting its windows meanwhile).
import { Worker } from 'node:worker_threads';
import type { UpgradeWorkerData, UpgradeWorkerMessage } from './upgrade-worker.ts';

/** The worker's failure with the error code it reported (SQLITE_BUSY, EACCES...), for the launch dialog. */
export class UpgradeFailure extends Error {
  override readonly name = 'UpgradeFailure';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Resolves once the file is up to date; rejects with the worker's own error message and code. */
export function upgradeInWorker(dbPath: string, workerFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const data: UpgradeWorkerData = { dbPath };
    const worker = new Worker(workerFile, { workerData: data });
    let answered = false;
    worker.once('message', (m: UpgradeWorkerMessage) => {
      answered = true;
      if (m.ok) resolve();
      else reject(new UpgradeFailure(m.message, m.code));
    });
    worker.once('error', (e) => {
      answered = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the database upgrade stopped (worker exit code ${code})`));
    });
  });
}
