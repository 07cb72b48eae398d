// conversations.list with a search: a result found in a message says which message and shows the
// words around the match, so the chat can open the conversation there (real backend, real SQLite).
import { describe, expect, it } from 'vitest';
import type { ConversationListItem } from '../../../shared/api/contract.ts';
import { backendPerTest, fakesForFile, twoTierConfig, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

async function call<T>(tb: TestBackend, method: string, input: Record<string, unknown>): Promise<T> {
  const r = await tb.backend.call(method as never, input as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const list = (tb: TestBackend, input: Record<string, unknown>) => call<{ conversations: ConversationListItem[] }>(tb, 'conversations.list', input).then((v) => v.conversations);

describe('conversation search', () => {
  it('names the first message that matched and gives the words around the match', async () => {
    const t = await backends.open(twoTierConfig(f));
    const { id } = await call<{ id: string }>(t, 'conversations.create', { title: 'Reading files' });
    const answers = Array.from({ length: 12 }, (_, i) => `Answer ${i}: pagination keeps the page small.`);
    answers[7] = 'In Rust the loop can BORROW the reader, so no copy of the file is made while reading it line by line.';
    answers[10] = 'Borrow it again here.';
    f.ollama.enqueue('llama3.2:3b', ...answers.map((text) => ({ text })));
    for (let i = 0; i < answers.length; i++) await call(t, 'cascade.run', { conversationId: id, prompt: `Question ${i} about files` });

    const [hit, ...others] = await list(t, { search: 'borrow' });
    expect(others).toEqual([]);
    const { messages } = await call<{ messages: { id: string; content: string }[] }>(t, 'conversations.get', { id });
    const target = messages.find((m) => m.content === answers[7]);
    expect(hit?.id).toBe(id);
    expect(hit?.match?.messageId).toBe(target?.id);
    expect(hit?.match?.snippet).toBe('In Rust the loop can BORROW the reader, so no copy of the file is made while reading it…');
    const m = hit?.match;
    expect(m && m.snippet.slice(m.matchStart, m.matchStart + m.matchLength)).toBe('BORROW');
  });

  it('gives no match for a title found alone, nor without a search', async () => {
    const t = await backends.open(twoTierConfig(f));
    const { id } = await call<{ id: string }>(t, 'conversations.create', { title: 'Borrow checker notes' });
    f.ollama.enqueue('llama3.2:3b', { text: 'Lifetimes tie references to scopes.' });
    await call(t, 'cascade.run', { conversationId: id, prompt: 'What are lifetimes?' });

    const [byTitle] = await list(t, { search: 'borrow' });
    expect(byTitle?.id).toBe(id);
    expect(byTitle && 'match' in byTitle).toBe(false);
    const [byQuestion] = await list(t, { search: 'lifetimes?' });
    expect(byQuestion?.match?.snippet).toBe('What are lifetimes?');
    const [plain] = await list(t, {});
    expect(plain && 'match' in plain).toBe(false);
  });
});
