// A real ledger file with the three kinds of query the importer must tell apart: an escalated
// one inside a conversation, an audited one, and one only the drafter answered.
import { join } from 'node:path';
import { counterIds } from '../../../shared/core/ports.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { createConversationStore } from '../../../electron/node/sqlite/conversation-store.ts';
import { escalatedQuery, fixedClock, makeCall, makeQuery } from '../sqlite/ledger-fixtures.ts';

export const DAY_MS = 86_400_000;

/** `ledger.db` in `dir`, written by `fill` through the app's own ledger store; returns its path. */
export function writeLedgerFile(dir: string, fill: (ledger: ReturnType<typeof createLedgerStore>) => void): string {
  const path = join(dir, 'ledger.db');
  const db = openDatabase(path);
  try {
    fill(createLedgerStore(db));
  } finally {
    db.close();
  }
  return path;
}

export function writeLedgerFixture(dir: string, createdAt: number): string {
  const path = join(dir, 'ledger.db');
  const db = openDatabase(path);
  try {
    const clock = fixedClock(createdAt);
    const ledger = createLedgerStore(db);
    const conversations = createConversationStore(db, { ids: counterIds('m'), clock });
    const chat = conversations.create('maths');
    conversations.appendMessage({ conversationId: chat.id, role: 'user', content: 'hello' });
    conversations.appendMessage({ conversationId: chat.id, role: 'assistant', content: 'Hi! How can I help?' });
    conversations.appendMessage({ conversationId: chat.id, role: 'user', content: 'What is 2 + 2?' });

    const esc = escalatedQuery('q-esc', createdAt, { conversationId: chat.id, prompt: 'What is 2 + 2?', answer: 'verified answer' });
    // A draft that shares no word with the verifier's answer: the rating of that answer does not cover it.
    ledger.recordQuery({ ...esc, calls: esc.calls.map((c) => (c.role === 'draft' ? { ...c, text: 'It is 5.' } : c)) });
    clock.advance(10);
    conversations.appendMessage({ conversationId: chat.id, role: 'assistant', content: 'verified answer', queryId: 'q-esc' });
    clock.advance(10);
    conversations.appendMessage({ conversationId: chat.id, role: 'user', content: 'And 3 + 3?' });
    ledger.setFeedback('q-esc', 'down');

    ledger.recordQuery(makeQuery({ id: 'q-audited', runId: 'run-a', createdAt: createdAt + 1_000, prompt: 'Capital of France?', calls: [makeCall({ text: 'Paris' })] }));
    ledger.recordAudit({ queryId: 'q-audited', topModel: 'gpt-4o', topAnswer: 'Paris.', agrees: true, similarity: 0.9, costNano: 250_000, createdAt: createdAt + 2_000 });
    ledger.setFeedback('q-audited', 'up');

    ledger.recordQuery(makeQuery({ id: 'q-single', runId: 'run-s', createdAt: createdAt + 3_000 }));
  } finally {
    db.close();
  }
  return path;
}
