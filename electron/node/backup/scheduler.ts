// Takes a backup every `intervalHours` (read from the settings at every turn, so a change applies
// without a restart). The first one is due `intervalHours` after the newest existing backup, so an
// app restarted often still backs up on schedule and one restarted rarely backs up soon after start.
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface BackupSchedulerOptions {
  /** Hours between backups; 0 (or less) pauses the schedule until it is raised. */
  intervalHours: () => number;
  /** Epoch ms of the newest backup on disk, or null. */
  lastBackupAt: () => number | null;
  run: () => Promise<unknown>;
  now: () => number;
  log: (message: string, error?: unknown) => void;
  /** Never back up sooner than this after start (let the app settle); default 60 s. */
  startDelayMs?: number;
  /** How often to look again while the schedule is off; default 1 h. */
  idleCheckMs?: number;
  timers?: Timers;
}

export interface BackupScheduler {
  /** Stops the schedule and waits for a backup in progress. */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
/** setTimeout's limit; longer delays fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

const nodeTimers: Timers = {
  set(fn, ms) {
    const t = setTimeout(fn, ms);
    // A pending backup must never keep a CLI process alive.
    t.unref();
    return t;
  },
  clear(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export function startBackupScheduler(opts: BackupSchedulerOptions): BackupScheduler {
  const timers = opts.timers ?? nodeTimers;
  const startDelay = opts.startDelayMs ?? 60_000;
  let handle: unknown;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  let first = true;
  // After a failure, wait before trying again (at most an hour) instead of retrying in a loop.
  let retryAt = 0;

  const schedule = () => {
    if (stopped) return;
    const hours = opts.intervalHours();
    let delay: number;
    if (!(hours > 0)) delay = opts.idleCheckMs ?? HOUR_MS;
    else {
      const last = opts.lastBackupAt();
      const due = Math.max(last === null ? opts.now() : last + hours * HOUR_MS, retryAt);
      delay = Math.max(due - opts.now(), first ? startDelay : 0);
    }
    first = false;
    handle = timers.set(tick, Math.min(delay, MAX_DELAY_MS));
  };

  const tick = () => {
    if (stopped) return;
    const hours = opts.intervalHours();
    const last = opts.lastBackupAt();
    const due = hours > 0 && opts.now() >= retryAt && (last === null || opts.now() >= last + hours * HOUR_MS);
    if (!due) return schedule();
    running = opts
      .run()
      .then(() => void (retryAt = 0))
      .catch((e: unknown) => {
        retryAt = opts.now() + Math.min(hours * HOUR_MS, HOUR_MS);
        opts.log('scheduled backup failed', e);
      })
      .finally(() => {
        running = null;
        schedule();
      });
  };

  schedule();
  return {
    async stop() {
      stopped = true;
      timers.clear(handle);
      await running;
    },
  };
}
