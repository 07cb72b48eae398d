// The registry of runs in progress on its own: numbering, merged deltas, the cap, one run per
// conversation, and entries that go with their run.
import { describe, expect, it } from 'vitest';
import { createLiveRunRegistry, type RunStart } from '../../../electron/node/live-run-registry.ts';
import type { CascadeEvent } from '../../../shared/core/cascade/types.ts';

const start = (over: Partial<RunStart> = {}): RunStart => ({
  runId: 'r1',
  conversationId: 'c1',
  prompt: 'What is 17 * 23?',
  userMessageId: 'm1',
  startedAt: 1_000,
  forceTop: false,
  regenerate: false,
  ...over,
});

const attemptStarted = (attempt: number, runId = 'r1'): CascadeEvent => ({ type: 'attempt.started', runId, attempt, tier: attempt, model: attempt ? 'gpt-4o' : 'llama3.2:3b', provider: attempt ? 'openai' : 'ollama', role: attempt ? 'parallel' : 'draft' });
const token = (attempt: number, text: string, runId = 'r1'): CascadeEvent => ({ type: 'token', runId, attempt, text });

describe('live run registry', () => {
  it('numbers each run’s events from 0 and merges the text deltas of an attempt', () => {
    const reg = createLiveRunRegistry();
    reg.start(start(), new AbortController());
    reg.start(start({ runId: 'r2', conversationId: 'c2' }), new AbortController());
    const seqs = [attemptStarted(0), token(0, '17 * 23'), attemptStarted(0, 'r2'), token(0, ' = '), token(0, '391.')].map((e) => reg.record(e).seq);
    expect(seqs).toEqual([0, 1, 0, 2, 3]);

    const [run] = reg.active('c1');
    expect(run?.seq).toBe(3);
    expect(run?.events).toEqual([attemptStarted(0), token(0, '17 * 23 = 391.')]);
    expect(run).toMatchObject({ runId: 'r1', conversationId: 'c1', prompt: 'What is 17 * 23?', userMessageId: 'm1', startedAt: 1_000, truncated: false });
    expect(reg.active().map((r) => r.runId)).toEqual(['r1', 'r2']);
  });

  it('keeps interleaved attempts apart, and starts a new delta after the attempt finished', () => {
    const reg = createLiveRunRegistry();
    reg.start(start(), new AbortController());
    for (const e of [attemptStarted(0), attemptStarted(1), token(0, 'a'), token(1, 'X'), token(0, 'b'), { type: 'thinking', runId: 'r1', attempt: 0, text: 'hm' } as CascadeEvent, token(1, 'Y')]) reg.record(e);
    const events = reg.active()[0]?.events ?? [];
    expect(events.filter((e) => e.type === 'token')).toEqual([token(0, 'ab'), token(1, 'XY')]);
    expect(events.filter((e) => e.type === 'thinking')).toHaveLength(1);
    expect(events).toHaveLength(5);
  });

  it('stops keeping text past its cap and says so, while still numbering every event', () => {
    const reg = createLiveRunRegistry({ maxTextChars: 10 });
    reg.start(start(), new AbortController());
    reg.record(attemptStarted(0));
    reg.record(token(0, '12345678'));
    expect(reg.record(token(0, 'abcdef')).seq).toBe(2);
    reg.record(token(0, 'x'));
    const [run] = reg.active();
    expect(run?.events).toEqual([attemptStarted(0), token(0, '12345678')]);
    expect(run?.truncated).toBe(true);
    expect(run?.seq).toBe(3);
  });

  it('hands out snapshots the run does not change afterwards', () => {
    const reg = createLiveRunRegistry();
    reg.start(start(), new AbortController());
    reg.record(attemptStarted(0));
    reg.record(token(0, 'one'));
    const before = reg.active()[0];
    reg.record(token(0, ' two'));
    expect(before?.events[1]).toEqual(token(0, 'one'));
    expect(before?.seq).toBe(1);
  });

  it('knows the one run answering in a conversation, cancels it, and forgets it when it finishes', () => {
    const reg = createLiveRunRegistry();
    const controller = new AbortController();
    reg.start(start(), controller);
    expect(reg.runningIn('c1')).toBe('r1');
    expect(reg.runningIn('c2')).toBeNull();
    expect(reg.cancel('r1')).toBe(true);
    expect(controller.signal.aborted).toBe(true);
    reg.finish('r1');
    expect(reg.has('r1')).toBe(false);
    expect(reg.runningIn('c1')).toBeNull();
    expect(reg.active()).toEqual([]);
    expect(reg.cancel('r1')).toBe(false);
  });
});
