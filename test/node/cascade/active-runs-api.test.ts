// cascade.active through dispatch, on a real backend and the fake model servers: a page that did
// not start a run can rebuild its answer so far and follow it, and a conversation answers one
// question at a time.
import { describe, expect, it } from 'vitest';
import type { ActiveRun, RunEvent } from '../../../shared/api/contract.ts';
import { defaultResponse } from '../../fakes/index.ts';
import { backendPerTest, fakesForFile, twoTierConfig, type TestBackend } from '../helpers/harness.ts';

const f = fakesForFile();
const backends = backendPerTest(f);

/** The fakes answer as in the e2e rig: `[[slow]]` streams a chunk every 250 ms. */
async function open(): Promise<TestBackend> {
  f.ollama.setDefault((call) => defaultResponse(call, 'drafter', 5));
  f.openai.setDefault((call) => defaultResponse(call, 'verifier', 5));
  return backends.open(twoTierConfig(f));
}

async function newConversation(t: TestBackend): Promise<string> {
  const r = await t.backend.call('conversations.create', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

async function active(t: TestBackend, conversationId?: string): Promise<ActiveRun[]> {
  const r = await t.backend.call('cascade.active', conversationId === undefined ? {} : { conversationId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.runs;
}

function runEvents(t: TestBackend, runId: string): RunEvent[] {
  return t.events.filter((e) => e.name === 'cascade.event').map((e) => e.payload as RunEvent).filter((e) => e.runId === runId);
}

const tokensOf = (events: { type: string; text?: string }[]): string => events.map((e) => (e.type === 'token' ? (e.text ?? '') : '')).join('');

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('cascade.active', () => {
  it('shows a streaming run with its question and the answer so far, numbered like the live events', async () => {
    const t = await open();
    const conversationId = await newConversation(t);
    const other = await newConversation(t);
    const pending = t.backend.call('cascade.run', { runId: 'slow-1', conversationId, prompt: '[[slow]] Describe rivers, mountains and forests' });
    await waitFor(() => runEvents(t, 'slow-1').filter((e) => e.type === 'token').length >= 3);

    const [run, ...more] = await active(t, conversationId);
    expect(more).toEqual([]);
    expect(await active(t, other)).toEqual([]);
    expect(run).toMatchObject({ runId: 'slow-1', conversationId, prompt: '[[slow]] Describe rivers, mountains and forests', forceTop: false, regenerate: false, truncated: false });
    // The question is saved already, under the id the run names.
    const saved = await t.backend.call('conversations.get', { id: conversationId });
    expect(saved.ok && saved.value.messages.map((m) => [m.id, m.role])).toEqual([[run?.userMessageId, 'user']]);

    // The live events are numbered 0, 1, 2...; the snapshot holds exactly those up to its seq.
    const live = runEvents(t, 'slow-1');
    expect(live.map((e) => e.seq)).toEqual(live.map((_, i) => i));
    const upto = live.filter((e) => e.seq <= (run?.seq ?? -1));
    expect(run?.events.map((e) => e.type)).toEqual(['run.started', 'attempt.started', 'token']);
    expect(tokensOf(run?.events ?? [])).toBe(tokensOf(upto));
    expect(tokensOf(run?.events ?? []).length).toBeGreaterThan(0);

    // Stop works by the run id it gave; the run then leaves the list.
    const cancel = await t.backend.call('cascade.cancel', { runId: run?.runId ?? '' });
    expect(cancel.ok && cancel.value.cancelled).toBe(true);
    const outcome = await pending;
    expect(outcome.ok && outcome.value.status).toBe('cancelled');
    expect(await active(t)).toEqual([]);
  });

  it('refuses a second question in a conversation while it is answering, and takes it afterwards', async () => {
    const t = await open();
    const conversationId = await newConversation(t);
    const elsewhere = await newConversation(t);
    const first = t.backend.call('cascade.run', { runId: 'first', conversationId, prompt: '[[slow]] Describe lakes and seas' });
    await waitFor(() => runEvents(t, 'first').some((e) => e.type === 'token'));

    const second = await t.backend.call('cascade.run', { runId: 'second', conversationId, prompt: 'What is 2 + 2?' });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('conflict');
    expect(second.error.message).toMatch(/still being written in this conversation/);
    expect(second.error.details).toEqual({ fields: ['conversationId'], runId: 'first' });
    // A retry is refused the same way, and neither left a question or an event behind.
    const retry = await t.backend.call('cascade.run', { conversationId, regenerate: true });
    expect(!retry.ok && retry.error.code).toBe('conflict');
    expect(runEvents(t, 'second')).toEqual([]);
    const during = await t.backend.call('conversations.get', { id: conversationId });
    expect(during.ok && during.value.messages.map((m) => m.content)).toEqual(['[[slow]] Describe lakes and seas']);

    // Another conversation is not held up.
    const meanwhile = await t.backend.call('cascade.run', { conversationId: elsewhere, prompt: 'What is 3 + 4?' });
    expect(meanwhile.ok && meanwhile.value.answer).toBe('3 + 4 = 7.');

    await t.backend.call('cascade.cancel', { runId: 'first' });
    await first;
    const after = await t.backend.call('cascade.run', { conversationId, prompt: 'What is 2 + 2?' });
    expect(after.ok && after.value.answer).toBe('2 + 2 = 4.');
    const again = await t.backend.call('cascade.run', { conversationId, regenerate: true });
    expect(again.ok && again.value.status).toBe('ok');
    const saved = await t.backend.call('conversations.get', { id: conversationId });
    expect(saved.ok && saved.value.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'assistant']);
  });

  it('names a retry’s question without claiming a message for it', async () => {
    const t = await open();
    const conversationId = await newConversation(t);
    const first = t.backend.call('cascade.run', { runId: 'asked', conversationId, prompt: '[[slow]] Name a prime' });
    await waitFor(() => runEvents(t, 'asked').some((e) => e.type === 'token'));
    await t.backend.call('cascade.cancel', { runId: 'asked' });
    await first;
    const pending = t.backend.call('cascade.run', { runId: 'retry-1', conversationId, regenerate: true, forceTop: true });
    await waitFor(() => runEvents(t, 'retry-1').some((e) => e.type === 'attempt.started'));
    expect(await active(t, conversationId)).toMatchObject([{ runId: 'retry-1', prompt: '[[slow]] Name a prime', userMessageId: null, regenerate: true, forceTop: true }]);
    await t.backend.call('cascade.cancel', { runId: 'retry-1' });
    await pending;
  });

  it('refuses a malformed conversation id naming the field', async () => {
    const t = await open();
    const r = await t.backend.dispatch('cascade.active', { conversationId: 42 });
    expect(!r.ok && r.error.code).toBe('invalid_input');
    expect(!r.ok && r.error.details?.['fields']).toEqual(['conversationId']);
  });
});
