// Conversations and their messages. Costs shown per conversation are summed from the ledger, so
// the chat list and the savings dashboard can never disagree.
import type Database from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result.ts';
import type { ConversationListItem, ConversationSummary, MessageView } from '../../../shared/api/contract.ts';
import { keptTurns } from '../../../shared/core/cascade/kept-answers.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import type { ChatMessage } from '../../../shared/core/model.ts';
import type { Clock, IdGen } from '../../../shared/core/ports.ts';
import { searchSnippet } from '../../../shared/core/search-snippet.ts';
import { feedbackFromRow } from './ledger-rows.ts';

export const DEFAULT_TITLE = 'New chat';
/** How long the chat offers to undo a delete (its notice stays that long). */
export const UNDO_DELETE_MS = 10_000;
/**
 * A deleted conversation stays restorable a little longer than the notice offers it, so an Undo
 * clicked at the last moment still arrives in time over a slow link; then it is purged.
 */
export const DELETED_KEPT_MS = UNDO_DELETE_MS + 5_000;
const TITLE_CHARS = 60;
const DEFAULT_LIST_LIMIT = 200;

export interface AppendMessageInput {
  conversationId: string;
  role: 'user' | 'assistant';
  content: string;
  queryId?: string | null;
  /** The run's outcome, for assistant messages. */
  outcome?: CascadeOutcome | null;
}

export interface ConversationStore {
  /**
   * Newest activity first; `search` matches titles and message text (case-insensitive), and a
   * result found in a message carries that message's id and the words around the match.
   */
  list(options?: { search?: string; limit?: number }): ConversationListItem[];
  create(title?: string): ConversationSummary;
  /** Throws ApiFailure not_found for an unknown id. */
  rename(id: string, title: string): ConversationSummary;
  /**
   * Deletes the conversation: it leaves the list at once, and for DELETED_KEPT_MS it can be
   * restored with its messages, title, place in the list and the ledger's links to it. Only
   * marked until then (purgeDeleted removes it); false when there is no such live conversation.
   */
  delete(id: string): boolean;
  /**
   * Undoes a delete within DELETED_KEPT_MS; a conversation not deleted is returned as it is (two
   * windows may both click Undo). Throws ApiFailure not_found for an unknown id or a delete whose
   * time to undo has passed (which is then purged at once).
   */
  restore(id: string): ConversationSummary;
  /**
   * Removes for good the conversations deleted DELETED_KEPT_MS ago or more, with their messages;
   * their queries stay on the ledger, no longer linked (queries.conversation_id ON DELETE SET
   * NULL). One statement, so a purge is never half done. Returns how many were removed.
   */
  purgeDeleted(): number;
  /** When the earliest delete still restorable becomes purgeable; null when none is waiting. */
  nextPurgeAt(): number | null;
  /** Throws ApiFailure not_found for an unknown id. */
  get(id: string): { conversation: ConversationSummary; messages: MessageView[] };
  /**
   * Throws ApiFailure not_found for an unknown conversation. One deleted but still restorable
   * takes the message (the answer of a run that was writing when it was deleted).
   */
  appendMessage(input: AppendMessageInput): MessageView;
  /**
   * The user and assistant turns in order, as sent to a model: only the kept answer to each
   * question, and only those before `beforeMessageId` when given (a question being edited).
   */
  history(conversationId: string, beforeMessageId?: string): ChatMessage[];
  /**
   * A new conversation holding copies of the messages before `beforeMessageId`, one of this
   * conversation's questions: an edited question is asked there, and the original stays as it
   * was. The copied answers' costs stay with the original conversation. `title` names it (the
   * edited question); without one it is the original's title marked "(edited)".
   */
  fork(id: string, beforeMessageId: string, title?: string): ConversationSummary;
}

interface SummaryRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
  message_count: number;
  cost: number;
  baseline: number;
  savings: number;
  unknown_price: number;
}

interface MessageRow {
  id: string;
  role: string;
  content: string;
  created_at: number;
  query_id: string | null;
  outcome_json: string | null;
  feedback: string | null;
}

const SUMMARY_COLUMNS = `
  c.id, c.title, c.created_at, c.updated_at,
    (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS message_count,
    (SELECT COALESCE(SUM(q.cost_nano), 0) FROM queries q WHERE q.conversation_id = c.id) AS cost,
    (SELECT COALESCE(SUM(q.baseline_cost_nano), 0) FROM queries q WHERE q.conversation_id = c.id) AS baseline,
    (SELECT COALESCE(SUM(q.baseline_cost_nano - q.cost_nano), 0) FROM queries q WHERE q.conversation_id = c.id) AS savings,
    (SELECT COALESCE(SUM(q.cost_complete = 0), 0) FROM queries q WHERE q.conversation_id = c.id) AS unknown_price`;
// A deleted conversation waiting for its purge is not there for anything but restore (and for a
// run already answering in it, whose answer is kept with it: appendMessage).
const SUMMARY_SELECT = `SELECT ${SUMMARY_COLUMNS} FROM conversations c WHERE c.deleted_at IS NULL`;

/**
 * The live conversations whose title or a message matches @pattern (a LIKE pattern, escaped with
 * a backslash), newest activity first, each with its first matching message. That message is
 * found in one pass over the conversation's messages and read by its rowid in the same statement.
 */
export const SEARCH_SQL = `
  SELECT ${SUMMARY_COLUMNS}, hit.id AS match_id, hit.content AS match_content
  FROM conversations c
  LEFT JOIN messages hit ON hit.rowid = (
    SELECT m.rowid FROM messages m WHERE m.conversation_id = c.id AND m.content LIKE @pattern ESCAPE '\\'
    ORDER BY m.created_at, m.rowid LIMIT 1)
  WHERE c.deleted_at IS NULL AND (c.title LIKE @pattern ESCAPE '\\' OR hit.rowid IS NOT NULL)
  ORDER BY c.updated_at DESC, c.rowid DESC LIMIT @limit`;

interface MatchingRow extends SummaryRow {
  match_id: string | null;
  match_content: string | null;
}

const usd = (nano: number): number => nano / 1e9;

function summaryFromRow(r: SummaryRow): ConversationSummary {
  return {
    id: r.id,
    title: r.title,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    messageCount: r.message_count,
    costUsd: usd(r.cost),
    baselineCostUsd: usd(r.baseline),
    savingsUsd: usd(r.savings),
    unknownPriceQueries: r.unknown_price,
  };
}

/** The first ~60 characters of a message on one line, cut at a word when one is near. */
export function titleFromMessage(content: string): string {
  const chars = Array.from(content.replace(/\s+/g, ' ').trim());
  if (chars.length <= TITLE_CHARS) return chars.join('');
  const cut = chars.slice(0, TITLE_CHARS).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space >= TITLE_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// Outcomes are written by this app, but an old or hand-edited row must not crash the chat view.
function isOutcome(v: unknown): v is CascadeOutcome {
  return typeof v === 'object' && v !== null && 'runId' in v && 'attempts' in v && Array.isArray(v.attempts);
}

function parseOutcome(json: string | null): CascadeOutcome | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    return isOutcome(v) ? v : null;
  } catch {
    return null;
  }
}

function messageFromRow(r: MessageRow): MessageView | null {
  if (r.role !== 'user' && r.role !== 'assistant') return null;
  return {
    id: r.id,
    role: r.role,
    content: r.content,
    createdAt: r.created_at,
    queryId: r.query_id,
    outcome: parseOutcome(r.outcome_json),
    feedback: feedbackFromRow(r.feedback),
  };
}

const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, '\\$&')}%`;

export function createConversationStore(db: Database.Database, deps: { ids: IdGen; clock: Clock }): ConversationStore {
  const { ids, clock } = deps;

  const selectOne = db.prepare<[string], SummaryRow>(`${SUMMARY_SELECT} AND c.id = ?`);
  const selectAll = db.prepare<{ limit: number }, SummaryRow>(
    `${SUMMARY_SELECT} ORDER BY c.updated_at DESC, c.rowid DESC LIMIT @limit`,
  );
  const selectMatching = db.prepare<{ pattern: string; limit: number }, MatchingRow>(SEARCH_SQL);
  const insertConversation = db.prepare<{ id: string; title: string; now: number }>(
    'INSERT INTO conversations (id, title, created_at, updated_at) VALUES (@id, @title, @now, @now)',
  );
  // A new title is not new activity: renaming keeps the conversation's place in the list.
  const updateTitle = db.prepare<{ id: string; title: string }>('UPDATE conversations SET title = @title WHERE id = @id AND deleted_at IS NULL');
  const touch = db.prepare<{ id: string; now: number }>('UPDATE conversations SET updated_at = @now WHERE id = @id');
  const markDeleted = db.prepare<{ id: string; now: number }>('UPDATE conversations SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL');
  const unmarkDeleted = db.prepare<{ id: string; since: number }>(
    'UPDATE conversations SET deleted_at = NULL WHERE id = @id AND deleted_at IS NOT NULL AND deleted_at > @since',
  );
  const purge = db.prepare<{ since: number }>('DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= @since');
  const purgeExpired = (): number => purge.run({ since: clock.now() - DELETED_KEPT_MS }).changes;
  const selectEarliestDeleted = db.prepare<[], { at: number | null }>('SELECT MIN(deleted_at) AS at FROM conversations WHERE deleted_at IS NOT NULL');
  // Any conversation still in the file, deleted or not: an answer being written when its
  // conversation was deleted is kept with it, so Undo brings the answer back too.
  const selectTitle = db.prepare<[string], { title: string }>('SELECT title FROM conversations WHERE id = ?');
  const selectLiveTitle = db.prepare<[string], { title: string }>('SELECT title FROM conversations WHERE id = ? AND deleted_at IS NULL');
  const countUserMessages = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ? AND role = 'user'",
  );
  const insertMessage = db.prepare<{
    id: string;
    conversationId: string;
    role: string;
    content: string;
    now: number;
    queryId: string | null;
    outcomeJson: string | null;
  }>(`INSERT INTO messages (id, conversation_id, role, content, created_at, query_id, outcome_json)
      VALUES (@id, @conversationId, @role, @content, @now, @queryId, @outcomeJson)`);
  const selectMessages = db.prepare<[string], MessageRow>(`
    SELECT m.id, m.role, m.content, m.created_at, m.query_id, m.outcome_json, q.feedback
    FROM messages m LEFT JOIN queries q ON q.id = m.query_id
    WHERE m.conversation_id = ? ORDER BY m.created_at, m.rowid`);
  const selectMessage = db.prepare<[string], MessageRow>(`
    SELECT m.id, m.role, m.content, m.created_at, m.query_id, m.outcome_json, q.feedback
    FROM messages m LEFT JOIN queries q ON q.id = m.query_id WHERE m.id = ?`);
  const selectHistory = db.prepare<[string], { id: string; role: 'user' | 'assistant'; content: string }>(`
    SELECT id, role, content FROM messages
    WHERE conversation_id = ? AND role IN ('user', 'assistant') ORDER BY created_at, rowid`);
  const selectQuestion = db.prepare<[string, string], { id: string }>("SELECT id FROM messages WHERE id = ? AND conversation_id = ? AND role = 'user'");

  /** Messages before a question of the conversation; refuses an id that is not one (names the field). */
  const before = <T extends { id: string }>(rows: T[], conversationId: string, messageId: string): T[] => {
    if (selectQuestion.get(messageId, conversationId) === undefined) {
      throw new ApiFailure('invalid_input', `beforeMessageId: ${messageId} is not a question of conversation ${conversationId}.`, { fields: ['beforeMessageId'] });
    }
    return rows.slice(0, rows.findIndex((r) => r.id === messageId));
  };

  const summary = (id: string): ConversationSummary => {
    const row = selectOne.get(id);
    if (row === undefined) throw new ApiFailure('not_found', `No conversation with id ${id}.`);
    return summaryFromRow(row);
  };

  const append = db.transaction((input: AppendMessageInput): string => {
    const current = selectTitle.get(input.conversationId);
    if (current === undefined) throw new ApiFailure('not_found', `No conversation with id ${input.conversationId}.`);
    const now = clock.now();
    if (input.role === 'user' && current.title === DEFAULT_TITLE && countUserMessages.get(input.conversationId)?.n === 0) {
      const title = titleFromMessage(input.content);
      if (title !== '') updateTitle.run({ id: input.conversationId, title });
    }
    const id = ids.next();
    insertMessage.run({
      id,
      conversationId: input.conversationId,
      role: input.role,
      content: input.content,
      now,
      queryId: input.queryId ?? null,
      outcomeJson: input.outcome ? JSON.stringify(input.outcome) : null,
    });
    touch.run({ id: input.conversationId, now });
    return id;
  });

  return {
    list(options = {}) {
      const limit = options.limit ?? DEFAULT_LIST_LIMIT;
      const search = options.search?.trim() ?? '';
      if (search === '') return selectAll.all({ limit }).map(summaryFromRow);
      return selectMatching.all({ pattern: likePattern(search), limit }).map((row): ConversationListItem => {
        const item = summaryFromRow(row);
        const snippet = row.match_content === null ? null : searchSnippet(row.match_content, search);
        if (row.match_id === null || snippet === null) return item;
        return { ...item, match: { messageId: row.match_id, snippet: snippet.text, matchStart: snippet.matchStart, matchLength: snippet.matchLength } };
      });
    },

    create(title) {
      const id = ids.next();
      const clean = title?.trim() ?? '';
      insertConversation.run({ id, title: clean === '' ? DEFAULT_TITLE : clean, now: clock.now() });
      return summary(id);
    },

    rename(id, title) {
      const clean = title.trim();
      if (clean === '') throw new ApiFailure('invalid_input', 'The title is empty.', { fields: ['title'] });
      if (updateTitle.run({ id, title: clean }).changes === 0) {
        throw new ApiFailure('not_found', `No conversation with id ${id}.`);
      }
      return summary(id);
    },

    delete(id) {
      return markDeleted.run({ id, now: clock.now() }).changes > 0;
    },

    restore(id) {
      if (unmarkDeleted.run({ id, since: clock.now() - DELETED_KEPT_MS }).changes === 0 && selectOne.get(id) === undefined) {
        // Too late: it must end deleted, never back nor left half-way.
        purgeExpired();
        throw new ApiFailure('not_found', `No conversation with id ${id} to restore: it was deleted more than ${DELETED_KEPT_MS / 1000} s ago, or never existed.`, { fields: ['id'] });
      }
      return summary(id);
    },

    purgeDeleted: purgeExpired,

    nextPurgeAt() {
      const at = selectEarliestDeleted.get()?.at ?? null;
      return at === null ? null : at + DELETED_KEPT_MS;
    },

    get(id) {
      const conversation = summary(id);
      const messages = selectMessages
        .all(id)
        .map(messageFromRow)
        .filter((m): m is MessageView => m !== null);
      return { conversation, messages };
    },

    appendMessage(input) {
      const id = append(input);
      const row = selectMessage.get(id);
      const view = row === undefined ? null : messageFromRow(row);
      if (view === null) throw new Error(`message ${id} vanished after insert`);
      return view;
    },

    history(conversationId, beforeMessageId) {
      if (selectLiveTitle.get(conversationId) === undefined) {
        throw new ApiFailure('not_found', `No conversation with id ${conversationId}.`);
      }
      const all = selectHistory.all(conversationId);
      const turns = beforeMessageId === undefined ? all : before(all, conversationId, beforeMessageId);
      return keptTurns(turns).map((m) => ({ role: m.role, content: m.content }));
    },

    fork(id, beforeMessageId, title) {
      const current = selectLiveTitle.get(id);
      if (current === undefined) throw new ApiFailure('not_found', `No conversation with id ${id}.`);
      const copied = before(selectMessages.all(id), id, beforeMessageId);
      const forkId = ids.next();
      // Named by the question it was made to ask: the original's title with "(edited)" after it
      // reads the same as the original in the list, whose width cuts the mark off. An edit of the
      // first question with no title starts afresh: that question will name the new chat.
      const named = title?.trim() || (copied.length > 0 ? `${current.title} (edited)` : DEFAULT_TITLE);
      db.transaction(() => {
        insertConversation.run({ id: forkId, title: named, now: clock.now() });
        for (const m of copied) {
          insertMessage.run({ id: ids.next(), conversationId: forkId, role: m.role, content: m.content, now: m.created_at, queryId: m.query_id, outcomeJson: m.outcome_json });
        }
      })();
      return summary(forkId);
    },
  };
}
