// All handlers in one exhaustive map: leaving a contract method without a handler fails to compile.
import { backupHandlers } from '../backup/handlers.ts';
import type { Services } from '../services.ts';
import { cascadeHandlers } from './cascade.ts';
import { conversationHandlers } from './conversations.ts';
import { ledgerHandlers } from './ledger.ts';
import { modelHandlers } from './models.ts';
import { monitoringHandlers } from './monitoring.ts';
import { replayHandlers } from './replay.ts';
import { settingsHandlers } from './settings.ts';
import { spendHandlers } from './spend.ts';
import type { ApiHandlers } from './types.ts';

export function createHandlers(s: Services): ApiHandlers {
  return {
    ...settingsHandlers(s),
    ...modelHandlers(s),
    ...conversationHandlers(s),
    ...cascadeHandlers(s),
    ...ledgerHandlers(s),
    ...spendHandlers(s),
    ...monitoringHandlers(s),
    ...backupHandlers(s),
    ...replayHandlers(s),
  } satisfies ApiHandlers;
}
