// All handlers in one exhaustive map: leaving a contract method without a handler fails to compile.
import type { Services } from '../services.ts';
import { cascadeHandlers } from './cascade.ts';
import { conversationHandlers } from './conversations.ts';
import { ledgerHandlers } from './ledger.ts';
import { modelHandlers } from './models.ts';
import { settingsHandlers } from './settings.ts';
import type { ApiHandlers } from './types.ts';

export function createHandlers(s: Services): ApiHandlers {
  return {
    ...settingsHandlers(s),
    ...modelHandlers(s),
    ...conversationHandlers(s),
    ...cascadeHandlers(s),
    ...ledgerHandlers(s),
  } satisfies ApiHandlers;
}
