// A drafter's consistency samples read as what they are, in one compact line with their cost:
// never the answer, never a replaced draft, and their text never reaches the chat bubble.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Attempt, CascadeEvent } from '../../shared/core/cascade/types.ts';
import { AssistantAnswer } from '../../renderer/src/features/chat/assistant-answer.tsx';
import { applyCascadeEvent, newLiveRun, viewOfRun } from '../../renderer/src/features/chat/live-run.ts';
import { RunMessage } from '../../renderer/src/features/chat/run-message.tsx';
import { attempt, outcome, verdict } from './fixtures.ts';

afterEach(cleanup);

const noop = () => undefined;
const DRAFTER = 'qwen2.5:7b';

function sample(n: number, over: Partial<Attempt> = {}): Attempt {
  return attempt({ model: DRAFTER, role: 'sample', accepted: false, quality: null, text: `SAMPLE ${n}: 13 * 4 = 52.`, costUsd: 0.000012, costNanoUsd: 12_000, ...over });
}

/** Draft rejected, three samples drawn beside it, then the verifier's answer. */
function sampledEscalation() {
  const draft = attempt({ model: DRAFTER, accepted: false, quality: verdict(0.3, false, 'the samples disagree with the draft'), text: '13 * 4 = 56.' });
  const verify = attempt({ model: 'gpt-4o', provider: 'openai-compatible', tier: 1, role: 'verify', quality: null, pricing: 'override', text: '13 * 4 = 52.', costUsd: 0.0003, costNanoUsd: 300_000 });
  return outcome({
    attempts: [draft, sample(1), sample(2), sample(3), verify],
    answer: '13 * 4 = 52.',
    model: 'gpt-4o',
    provider: 'openai-compatible',
    tier: 1,
    escalated: true,
    decision: 'escalated: the samples disagree with the draft',
    routing: { domain: 'math', domainReasons: [], complexity: 'simple', complexityReasons: [], tierModels: [DRAFTER, 'gpt-4o'], skippedDrafter: false },
  });
}

describe('consistency samples in a finished answer', () => {
  it('collapse into one line with their total cost, expandable to each sample', () => {
    render(<AssistantAnswer text="13 * 4 = 52." outcome={sampledEscalation()} actions={{}} />);
    expect(screen.getByTestId('consistency-samples-line').textContent).toBe(`3 consistency samples · ${DRAFTER} · $0.000036 total`);
    expect(screen.queryByTestId('consistency-sample-list')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /each/ }));
    expect([...screen.getByTestId('consistency-sample-list').querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      `consistency sample 2 of 4 · ${DRAFTER} · $0.000012`,
      `consistency sample 3 of 4 · ${DRAFTER} · $0.000012`,
      `consistency sample 4 of 4 · ${DRAFTER} · $0.000012`,
    ]);
    // One replaced draft (the draft itself), and no sample text anywhere on screen.
    expect(screen.getAllByTestId('escalation-marker')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`show ${DRAFTER.replace('.', '\\.')}'s draft`) }));
    expect(screen.getByTestId('replaced-draft').textContent).toContain('13 * 4 = 56.');
    expect(screen.getByTestId('assistant-message').textContent).not.toContain('SAMPLE');
    // Their tokens and cost are part of the run's.
    expect(screen.getByTestId('answer-tokens').getAttribute('title')).toContain('over 5 model calls');
  });

  it('a single sample reads as its own line, and the accepted draft stays the answer', () => {
    const draft = attempt({ model: DRAFTER, text: '17 * 23 = 391.' });
    const o = outcome({ attempts: [draft, sample(1, { costNanoUsd: 12_000 })], model: DRAFTER, answer: '17 * 23 = 391.' });
    render(<AssistantAnswer text={o.answer} outcome={o} actions={{}} />);
    expect(screen.getByTestId('consistency-samples-line').textContent).toBe(`consistency sample 2 of 2 · ${DRAFTER} · $0.000012`);
    expect(screen.queryByRole('button', { name: /each/ })).toBeNull();
    expect(screen.queryByTestId('escalation-marker')).toBeNull();
    expect(screen.getByTestId('answer-model').textContent).toBe(`drafter${DRAFTER}local`);
    fireEvent.click(screen.getByTestId('quality-chip'));
    expect(screen.getByTestId('quality-panel').textContent).toContain(`${DRAFTER}'s answer: 0.92 ≥ 0.70`);
  });

  it('says so when a sample failed or its price is unknown, never $0', () => {
    const o = sampledEscalation();
    o.attempts[2] = sample(2, { costUsd: null, costNanoUsd: null, pricing: 'unknown' });
    o.attempts[3] = sample(3, { status: 'error', text: '', error: { code: 'timeout', message: 'slow' } });
    render(<AssistantAnswer text={o.answer} outcome={o} actions={{}} />);
    expect(screen.getByTestId('consistency-samples-line').textContent).toBe(`3 consistency samples · ${DRAFTER} · price unknown · 1 failed`);
    fireEvent.click(screen.getByRole('button', { name: /each/ }));
    const lines = [...screen.getByTestId('consistency-sample-list').querySelectorAll('li')].map((li) => li.textContent);
    expect(lines[1]).toBe(`consistency sample 3 of 4 · ${DRAFTER} · price unknown`);
    expect(lines[2]).toBe(`consistency sample 4 of 4 · ${DRAFTER} · $0.000012 · failed`);
  });

  it('labels the consistency signal in the quality panel', () => {
    const o = sampledEscalation();
    const draft = o.attempts[0];
    if (!draft?.quality) throw new Error('fixture draft has no verdict');
    draft.quality.signals.push({ name: 'consistency', applicable: true, score: 0.33, reason: '1 of 3 samples reaches 56' });
    render(<AssistantAnswer text={o.answer} outcome={o} actions={{}} />);
    fireEvent.click(screen.getByTestId('quality-chip'));
    const row = [...screen.getByTestId('quality-panel').querySelectorAll('tr')].find((tr) => tr.textContent?.includes('1 of 3 samples'));
    expect(row?.querySelector('td')?.textContent).toBe('Agrees with other samples');
  });
});

describe('consistency samples while the run streams', () => {
  const events: CascadeEvent[] = [
    { type: 'attempt.started', runId: 'r', attempt: 0, tier: 0, model: DRAFTER, provider: 'ollama', role: 'draft' },
    { type: 'attempt.started', runId: 'r', attempt: 1, tier: 0, model: DRAFTER, provider: 'ollama', role: 'sample' },
    { type: 'attempt.started', runId: 'r', attempt: 2, tier: 0, model: DRAFTER, provider: 'ollama', role: 'sample' },
    { type: 'attempt.started', runId: 'r', attempt: 3, tier: 0, model: DRAFTER, provider: 'ollama', role: 'sample' },
    { type: 'token', runId: 'r', attempt: 0, text: '13 * 4 ' },
    // The engine streams no sample tokens; if a server did, they must still not show.
    { type: 'token', runId: 'r', attempt: 2, text: 'SAMPLE TOKENS' },
    { type: 'attempt.finished', runId: 'r', attempt: 1, result: sample(1) },
    { type: 'token', runId: 'r', attempt: 0, text: '= 52.' },
  ];

  it('keeps streaming the draft in the bubble and counts the samples on their own line', () => {
    const run = events.reduce(applyCascadeEvent, newLiveRun({ runId: 'r', conversationId: 'c', prompt: 'What is 13 * 4?', startedAt: 0 }));
    const view = viewOfRun(run);
    expect(view.current?.index).toBe(0);
    expect(view.drafts).toEqual([]);
    expect(view.background).toEqual([]);
    expect(view.samples.map((a) => a.index)).toEqual([1, 2, 3]);

    render(<RunMessage run={run} showPrompt={false} verifierModel="gpt-4o" onStop={noop} onRetry={noop} onDismiss={noop} />);
    expect(document.querySelector('.markdown-streaming')?.textContent).toContain('13 * 4 = 52.');
    expect(screen.getByTestId('assistant-message').textContent).not.toContain('SAMPLE');
    expect(screen.queryByTestId('escalation-marker')).toBeNull();
    expect(screen.getByTestId('streaming-status').textContent).not.toContain('parallel');
    expect(screen.getByTestId('consistency-samples-line').textContent).toBe(`3 consistency samples · ${DRAFTER} · $0.000012 so far · 2 running`);
  });

  it('after an escalation, the samples are not drafts the verifier replaced', () => {
    const more: CascadeEvent[] = [
      { type: 'attempt.finished', runId: 'r', attempt: 2, result: sample(2) },
      { type: 'attempt.finished', runId: 'r', attempt: 3, result: sample(3) },
      { type: 'escalated', runId: 'r', fromModel: DRAFTER, toModel: 'gpt-4o', reason: 'the samples disagree with the draft' },
      { type: 'attempt.started', runId: 'r', attempt: 4, tier: 1, model: 'gpt-4o', provider: 'openai', role: 'verify' },
      { type: 'token', runId: 'r', attempt: 4, text: 'It is 52.' },
    ];
    const run = [...events, ...more].reduce(applyCascadeEvent, newLiveRun({ runId: 'r', conversationId: 'c', prompt: 'What is 13 * 4?', startedAt: 0 }));
    render(<RunMessage run={run} showPrompt={false} verifierModel="gpt-4o" onStop={noop} onRetry={noop} onDismiss={noop} />);
    expect(screen.getAllByTestId('escalation-marker')).toHaveLength(1);
    expect(document.querySelector('.markdown-streaming')?.textContent?.trim()).toBe('It is 52.');
    expect(screen.getByTestId('consistency-samples-line').textContent).toBe(`3 consistency samples · ${DRAFTER} · $0.000036 total`);
  });
});
