// The backup document's queries and row mappings (a query and its calls are read as the ledger
// exports read them: ledger-rows.ts), shared by the in-memory export (backup.export)
// and the streamed one (`cascadeflow backup export`), so both write the same keys, values and order.
import type { AuditRecord } from '../../../shared/core/ledger/types.ts';
import { QUERY_COLUMNS } from '../sqlite/ledger-rows.ts';
import type { BackupConversation, BackupDocument } from './document.ts';

export type BackupSetting = BackupDocument['settings'][number];
export type BackupMessage = BackupConversation['messages'][number];
/** A conversation without its messages: they are read (and streamed) separately. */
export type BackupConversationHead = Omit<BackupConversation, 'messages'>;

export interface SettingRow {
  key: string;
  value_json: string;
  updated_at: number;
}

export interface ConversationRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  role: BackupMessage['role'];
  content: string;
  created_at: number;
  query_id: string | null;
  outcome_json: string | null;
}

export interface AuditRow {
  query_id: string;
  top_model: string;
  top_answer: string;
  agrees: number;
  similarity: number | null;
  cost_nano: number | null;
  created_at: number;
}

export const SETTINGS_SQL = 'SELECT key, value_json, updated_at FROM settings ORDER BY key';
// A deleted conversation waiting out its undo window is left out: restoring the backup must not
// bring back what the user had deleted (its queries then come back unlinked, as after its purge).
export const CONVERSATIONS_SQL = 'SELECT id, title, created_at, updated_at FROM conversations WHERE deleted_at IS NULL ORDER BY created_at, id';
export const MESSAGES_OF_SQL = 'SELECT id, conversation_id, role, content, created_at, query_id, outcome_json FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid';
export const QUERIES_SQL = `SELECT ${QUERY_COLUMNS} FROM queries ORDER BY created_at, id`;
export const AUDITS_SQL = 'SELECT query_id, top_model, top_answer, agrees, similarity, cost_nano, created_at FROM audits ORDER BY created_at, id';

export function settingFromRow(r: SettingRow): BackupSetting {
  return { key: r.key, value: JSON.parse(r.value_json) as unknown, updatedAt: r.updated_at };
}

export function conversationFromRow(c: ConversationRow): BackupConversationHead {
  return { id: c.id, title: c.title, createdAt: c.created_at, updatedAt: c.updated_at };
}

export function messageFromRow(m: MessageRow): BackupMessage {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    createdAt: m.created_at,
    queryId: m.query_id,
    outcome: m.outcome_json === null ? null : (JSON.parse(m.outcome_json) as Record<string, unknown>),
  };
}


export function auditFromRow(a: AuditRow): AuditRecord {
  return { queryId: a.query_id, topModel: a.top_model, topAnswer: a.top_answer, agrees: a.agrees === 1, similarity: a.similarity, costNano: a.cost_nano, createdAt: a.created_at };
}
