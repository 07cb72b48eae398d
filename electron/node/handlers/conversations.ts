// conversations.*: chat history kept in SQLite so it survives restarts. The store refuses
// unknown ids with not_found. A delete can be undone for a while (conversations.restore); every
// window hears of both through conversations.changed.
import type { Services } from '../services.ts';
import { UNDO_DELETE_MS } from '../sqlite/conversation-store.ts';
import type { ApiHandlers } from './types.ts';

type ConversationHandlers = Pick<ApiHandlers, 'conversations.list' | 'conversations.create' | 'conversations.rename' | 'conversations.delete' | 'conversations.restore' | 'conversations.get' | 'conversations.fork'>;

export function conversationHandlers(s: Services): ConversationHandlers {
  return {
    'conversations.list': ({ search, limit }) => ({ conversations: s.conversations.list({ search, limit }) }),
    'conversations.create': ({ title }) => s.conversations.create(title),
    'conversations.rename': ({ id, title }) => {
      const renamed = s.conversations.rename(id, title);
      s.events.emit('conversations.changed', { conversationId: id });
      return renamed;
    },
    'conversations.delete': ({ id }) => {
      const deleted = s.conversations.delete(id);
      if (deleted) {
        s.conversationPurge.schedule();
        s.events.emit('conversations.changed', { conversationId: id });
      }
      return { deleted, undoMs: deleted ? UNDO_DELETE_MS : 0 };
    },
    'conversations.restore': ({ id }) => {
      const restored = s.conversations.restore(id);
      s.events.emit('conversations.changed', { conversationId: id });
      return restored;
    },
    'conversations.get': ({ id }) => s.conversations.get(id),
    'conversations.fork': ({ id, beforeMessageId, title }) => {
      const fork = s.conversations.fork(id, beforeMessageId, title);
      s.events.emit('conversations.changed', { conversationId: fork.id });
      return fork;
    },
  };
}
