// conversations.*: chat history kept in SQLite so it survives restarts. The store refuses
// unknown ids with not_found.
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';

type ConversationHandlers = Pick<ApiHandlers, 'conversations.list' | 'conversations.create' | 'conversations.rename' | 'conversations.delete' | 'conversations.get' | 'conversations.fork'>;

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
      if (deleted) s.events.emit('conversations.changed', { conversationId: id });
      return { deleted };
    },
    'conversations.get': ({ id }) => s.conversations.get(id),
    'conversations.fork': ({ id, beforeMessageId, title }) => {
      const fork = s.conversations.fork(id, beforeMessageId, title);
      s.events.emit('conversations.changed', { conversationId: fork.id });
      return fork;
    },
  };
}
