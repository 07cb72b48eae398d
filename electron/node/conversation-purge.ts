// Removes deleted conversations for good once their time to undo has passed. Run at start, so a
// delete whose undo window ran out while the app was closed ends deleted (never back on the list,
// never half removed: the purge is one statement), and by a timer after each delete, so the
// ledger stops pointing at a conversation no one can open any more.
import type { Clock } from '../../shared/core/ports.ts';
import type { ConversationStore } from './sqlite/conversation-store.ts';

export interface ConversationPurge {
  /** Told after a delete: purges it when its undo window has passed. */
  schedule(): void;
  close(): void;
}

/** Past the purge time, so the timer never wakes a moment too early and finds nothing due. */
const SLACK_MS = 100;

export function startConversationPurge(deps: { conversations: Pick<ConversationStore, 'purgeDeleted' | 'nextPurgeAt'>; clock: Clock; log: (message: string, error?: unknown) => void }): ConversationPurge {
  const { conversations, clock, log } = deps;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const schedule = (): void => {
    // The timer set is always for the earliest delete: a later one expires later.
    if (closed || timer !== null) return;
    const at = conversations.nextPurgeAt();
    if (at === null) return;
    timer = setTimeout(run, Math.max(0, at - clock.now()) + SLACK_MS);
    timer.unref();
  };

  function run(): void {
    timer = null;
    try {
      conversations.purgeDeleted();
    } catch (e) {
      // Purged at the next delete or start instead; nothing is lost meanwhile.
      log('purging deleted conversations failed', e);
    }
    schedule();
  }

  run();
  return {
    schedule,
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
