// The backend's side of backups: the schedule (desktop and browser mode, file databases only)
// and, on close, waiting for any backup still copying pages before the database closes.
import type Database from 'better-sqlite3';
import { BACKUP_DEFAULTS, type BackupConfig } from '../../../shared/core/config/schema.ts';
import type { Clock } from '../../../shared/core/ports.ts';
import { backupDirOf, backupsIdle, createOnlineBackup, listBackups } from './online-backup.ts';
import { startBackupScheduler, type BackupScheduler } from './scheduler.ts';

export interface ScheduledBackupsOptions {
  db: Database.Database;
  dbPath: string;
  dataDir: string;
  enabled: boolean;
  config: () => BackupConfig | undefined;
  clock: Clock;
  log: (message: string, error?: unknown) => void;
}

export interface ScheduledBackups {
  close(): Promise<void>;
}

export function scheduleBackups(opts: ScheduledBackupsOptions): ScheduledBackups {
  const dir = backupDirOf(opts.dataDir);
  const settings = () => opts.config() ?? BACKUP_DEFAULTS;
  let scheduler: BackupScheduler | null = null;
  if (opts.enabled && opts.dbPath !== ':memory:' && opts.dbPath !== '') {
    scheduler = startBackupScheduler({
      intervalHours: () => settings().intervalHours,
      lastBackupAt: () => listBackups(dir).at(-1)?.createdAt ?? null,
      run: () => createOnlineBackup(opts.db, { dir, keep: settings().keep, now: opts.clock.now() }),
      now: () => opts.clock.now(),
      log: opts.log,
    });
  }
  return {
    async close() {
      await scheduler?.stop();
      await backupsIdle(opts.db);
    },
  };
}
