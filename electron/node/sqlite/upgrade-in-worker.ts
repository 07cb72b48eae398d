// Runs upgrade-worker in a worker thread and waits for it, keeping this thread free (the desktop
// app's main process must keep painting its windows meanwhile).
import { Worker } from 'node:worker_threads';
import type { UpgradeWorkerData, UpgradeWorkerMessage } from './upgrade-worker.ts';

/** Resolves once the file is up to date; rejects with the worker's own error message. */
export function upgradeInWorker(dbPath: string, workerFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const data: UpgradeWorkerData = { dbPath };
    const worker = new Worker(workerFile, { workerData: data });
    let answered = false;
    worker.once('message', (m: UpgradeWorkerMessage) => {
      answered = true;
      if (m.ok) resolve();
      else reject(new Error(m.message));
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
