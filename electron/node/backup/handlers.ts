// backup.export / backup.import / backup.create: the user's data out of and back into the app.
import { BACKUP_DEFAULTS, parseConfig } from '../../../shared/core/config/schema.ts';
import type { ApiHandlers } from '../handlers/types.ts';
import type { Services } from '../services.ts';
import { CONFIG_KEY } from '../sqlite/settings-store.ts';
import { countsOf, exportDatabase, importDatabase, parseBackupDocument } from './export-import.ts';
import { BACKUP_API_MAX_CHARS, assertBackupFitsInMemory } from './export-size.ts';
import { backupDirOf, createOnlineBackup } from './online-backup.ts';

type BackupHandlers = Pick<ApiHandlers, 'backup.export' | 'backup.import' | 'backup.create'>;

/** What the backup handlers use of the services (all of them in the app; enough to build in a test). */
export type BackupServices = Pick<Services, 'db' | 'clock' | 'info' | 'config' | 'events'>;

export interface BackupLimits {
  /** Largest document backup.export builds as one string, in characters; default BACKUP_API_MAX_CHARS. */
  maxExportChars?: number;
}

export function backupHandlers(s: BackupServices, limits: BackupLimits = {}): BackupHandlers {
  return {
    'backup.export': () => {
      // Refused before anything is built: beyond this the string cannot exist (V8 ~512M chars).
      assertBackupFitsInMemory(s.db, limits.maxExportChars ?? BACKUP_API_MAX_CHARS);
      const now = s.clock.now();
      const doc = exportDatabase(s.db, { now, version: s.info.version });
      return {
        filename: `cascadeflow-backup-${new Date(now).toISOString().slice(0, 10)}.json`,
        mimeType: 'application/json',
        content: `${JSON.stringify(doc, null, 1)}\n`,
        counts: countsOf(doc),
      };
    },

    'backup.import': ({ document, mode }) => {
      const doc = parseBackupDocument(document);
      const result = importDatabase(s.db, doc, mode ?? 'merge');
      // The running app uses the imported settings at once, unless a --config file overrides them.
      const config = doc.settings.find((x) => x.key === CONFIG_KEY);
      if (config && s.config.source() !== 'file') {
        const parsed = parseConfig(config.value);
        if (parsed.ok) {
          s.config.set(parsed.config);
          // set() stamps the row with the current time; the backup's own time is the truth.
          s.db.prepare('UPDATE settings SET updated_at = ? WHERE key = ?').run(config.updatedAt, CONFIG_KEY);
        }
        s.events.emit('config.changed', {});
      }
      const lastQuery = doc.queries.at(-1);
      if (lastQuery && result.imported.queries > 0) s.events.emit('ledger.changed', { queryId: lastQuery.id });
      const lastConversation = doc.conversations.at(-1);
      if (lastConversation) s.events.emit('conversations.changed', { conversationId: lastConversation.id });
      return result;
    },

    'backup.create': async () => {
      const keep = s.config.get().backup?.keep ?? BACKUP_DEFAULTS.keep;
      const created = await createOnlineBackup(s.db, { dir: backupDirOf(s.info.dataDir), keep, now: s.clock.now() });
      return { path: created.path, name: created.name, sizeBytes: created.sizeBytes, createdAt: created.createdAt, removed: created.removed };
    },
  };
}
