// Quitting waits for the backend to close (running queries finish their ledger rows, the database
// is closed and its WAL checkpointed), but never forever: a provider that does not answer an
// abort must not leave a window-less app running. SQLite's WAL keeps every committed row either way.

export type CloseOutcome = 'closed' | 'failed' | 'timed-out';

/** How long quitting waits for the backend before the app exits anyway. */
export const QUIT_TIMEOUT_MS = 5_000;

export function closeWithin(close: () => Promise<void>, ms: number, log: (message: string, error?: unknown) => void): Promise<CloseOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      log(`closing the backend took more than ${ms} ms; quitting without waiting for it`);
      resolve('timed-out');
    }, ms);
    close().then(
      () => {
        clearTimeout(timer);
        resolve('closed');
      },
      (e: unknown) => {
        clearTimeout(timer);
        log('closing the backend failed', e);
        resolve('failed');
      },
    );
  });
}
