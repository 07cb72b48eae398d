// Databases for the backup tests: one filled through the app's own API (settings, chats,
// escalations, feedback, audits), and a bulk one written straight into SQLite that spans many
// chunks of a streamed export, with text that needs escaping.
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { createLedgerWriter } from '../../../electron/node/sqlite/ledger-store.ts';
import { appConfigSchema } from '../../../shared/core/config/schema.ts';
import { twoTierConfig, type Fakes } from '../helpers/harness.ts';
import { makeCall, makeQuery } from '../sqlite/ledger-fixtures.ts';
import { waitFor, type HardBackend } from './helpers.ts';

const WRONG = 'We get 6 * 7 = 48, so the answer is 48.';
export const GOOD = 'We get 6 * 7 = 42, so the answer is 42.';

export function rowCounts(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/**
 * A bit of everything, through the API: stored settings, a chat with escalations and feedback,
 * an empty chat, audits. `b` must use stored settings (no --config) and `random: () => 0`.
 */
export async function populate(b: HardBackend, f: Fakes): Promise<void> {
  const config = appConfigSchema.parse({ ...twoTierConfig(f), audit: { rate: 1 } });
  expect((await b.backend.call('config.set', { config })).ok).toBe(true);
  const chat = await b.backend.call('conversations.create', { title: 'Größe "quoted" ✓' });
  if (!chat.ok) throw new Error(chat.error.message);
  f.ollama.enqueue('llama3.2:3b', { text: WRONG }, { text: GOOD }, { text: 'Paris is the capital of France.' });
  f.openai.enqueue('gpt-4o', { text: GOOD, usage: { input: 33, output: 12 } }, { text: GOOD }, { text: 'Paris.' });
  const first = await b.run({ prompt: 'What is 6 * 7?', conversationId: chat.value.id, userId: 'alice', feature: 'chat' });
  await b.run({ prompt: 'And 6 * 7 again?', conversationId: chat.value.id });
  await b.run({ prompt: 'What is the capital of France?' });
  await b.backend.call('feedback.set', { queryId: first.queryId, rating: 'down', note: 'line1\nline2 "x"' });
  await b.backend.call('conversations.create', { title: 'empty chat' });
  // Audits of accepted drafts run in the background; wait for both before exporting.
  await waitFor(() => (rowCounts(b.dbPath).audits ?? 0) === 2);
}

export interface BulkCounts {
  queries: number;
  calls: number;
  conversations: number;
  messages: number;
  audits: number;
}

const AWKWARD = 'quote " backslash \\ tab \t newline \n unicode ✓ 𝄞 control \u0001 ';

/**
 * `queries` queries (two calls each, every tenth audited, ties on created_at in threes) and a
 * conversation per 20 queries with their prompts and answers as messages, written in one
 * transaction. Returns the row counts.
 */
export function writeBulk(dbPath: string, queries: number): BulkCounts {
  const db = new Database(dbPath);
  const writer = createLedgerWriter(db);
  const insertConversation = db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const insertMessage = db.prepare('INSERT INTO messages (id, conversation_id, role, content, created_at, query_id, outcome_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const setFeedback = db.prepare("UPDATE queries SET feedback = 'up', feedback_note = ? WHERE id = ?");
  const counts: BulkCounts = { queries, calls: 2 * queries, conversations: 0, messages: 0, audits: 0 };
  const start = Date.UTC(2026, 0, 1);
  try {
    db.transaction(() => {
      for (let i = 0; i < queries; i++) {
        const id = `bulk-${String(queries - i).padStart(6, '0')}`;
        const createdAt = start + Math.floor(i / 3) * 60_000;
        const conversationId = `chat-${Math.floor(i / 20)}`;
        if (i % 20 === 0) {
          insertConversation.run(conversationId, `Chat ${i / 20} ${AWKWARD}`, createdAt, createdAt + 1);
          counts.conversations++;
        }
        writer.writeQuery(
          makeQuery({
            id,
            runId: `run-${i}`,
            createdAt,
            conversationId,
            userId: i % 2 === 0 ? 'alice' : null,
            prompt: `prompt ${i} ${AWKWARD}${'p'.repeat(i % 500)}`,
            answer: `answer ${i} ${AWKWARD}${'a'.repeat(300)}`,
            tierModels: i % 4 === 0 ? ['llama3.2:3b', 'gpt-4o'] : undefined,
            calls: [makeCall({ seq: 0, accepted: false, text: `draft ${i} ${AWKWARD}` }), makeCall({ seq: 1, tier: 1, model: 'gpt-4o', provider: 'openai', local: false, costNano: 9000, qualityScore: null })],
            costNano: 10_000,
          }),
        );
        if (i % 7 === 0) setFeedback.run(`note ${i} ${AWKWARD}`, id);
        insertMessage.run(`m-${i}-u`, conversationId, 'user', `prompt ${i} ${AWKWARD}`, createdAt, null, null);
        insertMessage.run(`m-${i}-a`, conversationId, 'assistant', `answer ${i}`, createdAt, id, JSON.stringify({ status: 'ok', nested: { list: [1, 'two', null], text: AWKWARD } }));
        counts.messages += 2;
        if (i % 10 === 0) {
          writer.writeAudit({ queryId: id, topModel: 'gpt-4o', topAnswer: `top ${i} ${AWKWARD}`, agrees: i % 20 === 0, similarity: i % 20 === 0 ? 0.93 : null, costNano: 700, createdAt: createdAt + 5 });
          counts.audits++;
        }
      }
      db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('ui.theme', ?, ?)").run(JSON.stringify({ theme: 'dark', note: AWKWARD }), start);
    })();
  } finally {
    db.close();
  }
  return counts;
}
