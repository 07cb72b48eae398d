// What a follow-up question sends of the conversation before it: the answer the user kept for
// each question, never a replaced or an empty one (real backend, real SQLite, fake servers).
import { describe, expect, it } from 'vitest';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { backendPerTest, fakesForFile, twoTierConfig, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

const QUESTION = 'Name a prime number between 10 and 20.';
const FIRST = 'Thirteen is a prime number between 10 and 20.';
const SECOND = 'Eleven is a prime number between 10 and 20.';
const FOLLOW_UP = 'And one between 20 and 30?';

async function run(tb: TestBackend, input: Record<string, unknown>): Promise<CascadeOutcome> {
  const r = await tb.backend.call('cascade.run', input as never);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as CascadeOutcome;
}

async function newConversation(tb: TestBackend): Promise<string> {
  const r = await tb.backend.call('conversations.create', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: string }).id;
}

/** Role and content of each message the drafter was sent in its latest call. */
function lastSentToDrafter(): { role: string; content: string }[] {
  const body = f.ollama.chatRequests().at(-1)?.body as { messages: { role: string; content: string }[] } | undefined;
  return (body?.messages ?? []).map((m) => ({ role: m.role, content: m.content }));
}

describe('conversation history sent with a follow-up', () => {
  it('carries only the newest answer to a question that was retried', async () => {
    const t = await backends.open(twoTierConfig(f));
    const conversationId = await newConversation(t);
    f.ollama.enqueue('llama3.2:3b', { text: FIRST }, { text: SECOND }, { text: 'Twenty-three.' });
    await run(t, { conversationId, prompt: QUESTION });
    await run(t, { conversationId, regenerate: true });
    await run(t, { conversationId, prompt: FOLLOW_UP });

    expect(lastSentToDrafter()).toEqual([
      { role: 'user', content: QUESTION },
      { role: 'assistant', content: SECOND },
      { role: 'user', content: FOLLOW_UP },
    ]);
    // The replaced answer stays in the conversation (and its cost on the ledger): only the models stop seeing it.
    const stored = await t.backend.call('conversations.get', { id: conversationId });
    expect(stored.ok && stored.value.messages.map((m) => m.content)).toEqual([QUESTION, FIRST, SECOND, FOLLOW_UP, 'Twenty-three.']);
  });

  it('does not send a question that got no answer as an empty assistant turn', async () => {
    const t = await backends.open(twoTierConfig(f));
    const conversationId = await newConversation(t);
    f.ollama.enqueue('llama3.2:3b', { httpError: { status: 500, message: 'model crashed' } });
    f.openai.enqueue('gpt-4o', { httpError: { status: 401, code: 'invalid_api_key' } });
    const failed = await run(t, { conversationId, prompt: QUESTION });
    expect(failed.status).toBe('failed');
    expect(failed.answer).toBe('');

    f.ollama.enqueue('llama3.2:3b', { text: 'Twenty-three.' });
    await run(t, { conversationId, prompt: FOLLOW_UP });
    // Anthropic refuses an empty assistant message ("all messages must have non-empty content").
    expect(lastSentToDrafter()).toEqual([
      { role: 'user', content: QUESTION },
      { role: 'user', content: FOLLOW_UP },
    ]);
  });
});
