import { describe, expect, it } from 'vitest';
import type { CascadeEvent } from '../../shared/core/cascade/types.ts';
import { applyCascadeEvent, failRun, finishRun, newLiveRun, viewOfRun, type LiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { attempt, escalatedOutcome, outcome } from './fixtures.ts';

const routing = { domain: 'math', domainReasons: [], complexity: 'simple' as const, complexityReasons: [], tierModels: ['llama3.2:3b', 'gpt-4o'], skippedDrafter: false };

function play(events: CascadeEvent[], run: LiveRun = newLiveRun({ runId: 'r1', conversationId: 'c-1', prompt: 'What is 13 * 4?', startedAt: 0 })): LiveRun {
  return events.reduce(applyCascadeEvent, run);
}

const start: CascadeEvent[] = [
  { type: 'run.started', runId: 'r1', conversationId: 'c-1', routing, mode: 'draft-then-replace' },
  { type: 'attempt.started', runId: 'r1', attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' },
];

describe('stream reducer', () => {
  it('appends token text to the attempt it belongs to', () => {
    const run = play([...start, { type: 'token', runId: 'r1', attempt: 0, text: '13 * 4' }, { type: 'token', runId: 'r1', attempt: 0, text: ' = 56.' }]);
    expect(run.mode).toBe('draft-then-replace');
    expect(run.attempts[0]?.text).toBe('13 * 4 = 56.');
    expect(viewOfRun(run).current?.model).toBe('llama3.2:3b');
  });

  it("keeps a reasoning model's thinking apart from its answer, and never a sample's", () => {
    const run = play([
      ...start,
      { type: 'thinking', runId: 'r1', attempt: 0, text: '13 * 4: ' },
      { type: 'thinking', runId: 'r1', attempt: 0, text: '10 * 4 + 3 * 4.' },
      { type: 'token', runId: 'r1', attempt: 0, text: '13 * 4 = 52.' },
      { type: 'attempt.started', runId: 'r1', attempt: 1, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'sample' },
      { type: 'thinking', runId: 'r1', attempt: 1, text: 'hidden' },
    ]);
    expect(run.attempts[0]).toMatchObject({ thinking: '13 * 4: 10 * 4 + 3 * 4.', text: '13 * 4 = 52.' });
    expect(run.attempts[1]?.thinking).toBe('');
  });

  it('replaces streamed text with the finished answer and its reasoning when the reasoning was found only at its end', () => {
    const raw = 'Hm, 13 * 4 is 52.\n</think>\n\n13 * 4 = 52.';
    const run = play([
      ...start,
      { type: 'token', runId: 'r1', attempt: 0, text: raw },
      { type: 'attempt.finished', runId: 'r1', attempt: 0, result: attempt({ text: '13 * 4 = 52.', thinking: 'Hm, 13 * 4 is 52.' }) },
    ]);
    expect(run.attempts[0]).toMatchObject({ text: '13 * 4 = 52.', thinking: 'Hm, 13 * 4 is 52.' });
  });

  it('ignores events of other runs', () => {
    const run = play([...start, { type: 'token', runId: 'other', attempt: 0, text: 'nope' }]);
    expect(run.attempts[0]?.text).toBe('');
  });

  it('on escalated, replaces the draft with the verifier and keeps the draft with its reason', () => {
    const reason = "the draft's calculation 13 x 4 = 56 is wrong";
    let run = play([
      ...start,
      { type: 'token', runId: 'r1', attempt: 0, text: '13 * 4 = 56.' },
      { type: 'escalated', runId: 'r1', fromModel: 'llama3.2:3b', toModel: 'gpt-4o', reason },
    ]);
    let view = viewOfRun(run);
    expect(view.current).toBeNull();
    expect(view.waitingFor).toBe('gpt-4o');
    expect(view.drafts).toHaveLength(1);
    expect(view.drafts[0]?.attempt.text).toBe('13 * 4 = 56.');
    expect(view.drafts[0]?.escalation?.reason).toBe(reason);

    run = play(
      [
        { type: 'attempt.started', runId: 'r1', attempt: 1, tier: 1, model: 'gpt-4o', provider: 'openai', role: 'verify' },
        { type: 'token', runId: 'r1', attempt: 1, text: '13 * 4 = 52.' },
      ],
      run,
    );
    view = viewOfRun(run);
    expect(view.current?.model).toBe('gpt-4o');
    expect(view.current?.text).toBe('13 * 4 = 52.');
    expect(view.waitingFor).toBeNull();
    expect(view.drafts.map((d) => d.attempt.model)).toEqual(['llama3.2:3b']);
  });

  it('in parallel mode shows the drafter and lists the verifier as running alongside', () => {
    const run = play([
      ...start,
      { type: 'attempt.started', runId: 'r1', attempt: 1, tier: 1, model: 'gpt-4o', provider: 'openai', role: 'parallel' },
      { type: 'token', runId: 'r1', attempt: 1, text: 'verifier text' },
      { type: 'token', runId: 'r1', attempt: 0, text: 'draft text' },
    ]);
    const view = viewOfRun(run);
    expect(view.current?.text).toBe('draft text');
    expect(view.background.map((a) => a.model)).toEqual(['gpt-4o']);
  });

  it('on run.finished keeps the outcome and ignores tokens that arrive late', () => {
    const final = escalatedOutcome();
    let run = play([...start, { type: 'run.finished', runId: 'r1', outcome: { ...final, runId: 'r1' } }]);
    expect(run.status).toBe('finished');
    expect(run.outcome?.answer).toBe('13 * 4 = 52.');
    run = applyCascadeEvent(run, { type: 'token', runId: 'r1', attempt: 0, text: 'late' });
    expect(run.attempts[0]?.text).toBe('');
  });

  it('takes the finished attempt text when tokens were missed during a reconnect', () => {
    const run = play([...start, { type: 'token', runId: 'r1', attempt: 0, text: '13' }, { type: 'attempt.finished', runId: 'r1', attempt: 0, result: attempt({ text: '13 * 4 = 52.' }) }]);
    expect(run.attempts[0]?.text).toBe('13 * 4 = 52.');
    expect(run.attempts[0]?.result?.quality?.accepted).toBe(true);
  });

  it('maps a cancelled outcome to cancelled and a failed one to its error', () => {
    const base = play(start);
    expect(finishRun(base, outcome({ status: 'cancelled' })).status).toBe('cancelled');
    const failed = finishRun(base, outcome({ status: 'failed', error: { code: 'unreachable', message: 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`' } }));
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('unreachable');
    expect(failed.error?.message).toContain('ollama serve');
  });

  it('does not let a late transport error override an outcome that already arrived', () => {
    const done = finishRun(play(start), outcome());
    expect(failRun(done, { code: 'unreachable', message: 'gone' }).status).toBe('finished');
    expect(failRun(play(start), { code: 'cancelled', message: 'stopped' }).status).toBe('cancelled');
  });
});
