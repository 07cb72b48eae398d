// A small Backend for transport tests: the real createDispatch and event bus with a handful
// of handlers, so the transports are tested against the real validation and error mapping.
import type { AppInfo, ConversationSummary } from '../../../shared/api/contract.ts';
import { ApiFailure } from '../../../shared/api/result.ts';
import { typedCall, type Backend } from '../../../electron/node/backend-types.ts';
import { createDispatch } from '../../../electron/node/dispatch.ts';
import { createEventBus } from '../../../electron/node/events.ts';
import type { ApiHandlers } from '../../../electron/node/handlers/types.ts';

export const TEST_INFO: AppInfo = { version: '9.9.9', mode: 'test', dataDir: '/tmp/cf', dbPath: ':memory:', configSource: 'default' };

/** Appears in the thrown Error; must never reach a client. */
export const INTERNAL_SECRET = 'db-password-hunter2 at /srv/secret/path.ts:42';

export interface TestBackend extends Backend {
  calls: { method: string; input: unknown }[];
  /** Ids handed to downloads.take(); no download is ever pending here. */
  downloadsTaken: string[];
  internalErrors: unknown[];
}

export function createTestBackend(): TestBackend {
  const calls: TestBackend['calls'] = [];
  const downloadsTaken: string[] = [];
  const internalErrors: unknown[] = [];
  const handlers: Partial<ApiHandlers> = {
    'app.info': () => {
      calls.push({ method: 'app.info', input: {} });
      return TEST_INFO;
    },
    'conversations.rename': ({ id, title }) => {
      calls.push({ method: 'conversations.rename', input: { id, title } });
      const summary: ConversationSummary = {
        id,
        title,
        createdAt: 1,
        updatedAt: 2,
        messageCount: 3,
        costUsd: 0.5,
        baselineCostUsd: 1.25,
        savingsUsd: 0.75,
        unknownPriceQueries: 0,
      };
      return summary;
    },
    'replay.import': ({ kind, content }) => {
      // Only that it arrived, and how big: what the transport must let through.
      calls.push({ method: 'replay.import', input: { kind, chars: content.length } });
      throw new ApiFailure('invalid_input', 'The test backend imports nothing.');
    },
    'conversations.delete': ({ id }) => {
      throw new ApiFailure('not_found', `No conversation ${id}.`, { id });
    },
    'conversations.get': () => {
      throw new Error(INTERNAL_SECRET);
    },
  };
  // Only the methods above exist: the transports never need the rest.
  const dispatch = createDispatch(handlers as ApiHandlers, (_method, e) => internalErrors.push(e));
  return {
    dispatch,
    call: typedCall(dispatch),
    events: createEventBus(),
    downloads: {
      take: (id) => {
        downloadsTaken.push(id);
        return null;
      },
      open: () => {
        throw new Error('no download is pending in the test backend');
      },
      openStreams: () => 0,
    },
    info: TEST_INFO,
    close: async () => {},
    calls,
    downloadsTaken,
    internalErrors,
  };
}
