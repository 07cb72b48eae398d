import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CascadeEvent } from '../../shared/core/cascade/types.ts';
import { ErrorBanner } from '../../renderer/src/components/error-banner.tsx';
import { AssistantAnswer } from '../../renderer/src/features/chat/assistant-answer.tsx';
import { MessageList } from '../../renderer/src/features/chat/message-list.tsx';
import { RunMessage } from '../../renderer/src/features/chat/run-message.tsx';
import { applyCascadeEvent, failRun, newLiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { useChatStore } from '../../renderer/src/stores/chat-store.ts';
import { escalationReason } from '../../shared/core/quality/decide.ts';
import { setApi } from '../../renderer/src/api/instance.ts';
import { createFakeApi, ok } from './fake-api.ts';
import { attempt, escalatedOutcome, outcome, verdict } from './fixtures.ts';

afterEach(cleanup);

const noop = () => undefined;

describe('answer presentation', () => {
  it('badges the answering tier, model, local/cloud, cost, tokens and latency', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={{}} />);
    expect(screen.getByTestId('answer-model').textContent).toBe('drafterllama3.2:3blocal');
    expect(screen.getByTestId('answer-cost').textContent).toBe('$0.000002');
    expect(screen.getByTestId('answer-tokens').textContent).toBe('40 in · 12 out');
    expect(screen.getByTestId('answer-latency').textContent).toBe('800 ms');
    expect(screen.getByTestId('answer-savings').textContent).toBe('saved $0.000218');
    // Every answer has a Copy button: the group names whose it is, for a screen reader.
    expect(within(screen.getByRole('group', { name: 'Answer by llama3.2:3b' })).getByRole('button', { name: /Copy/ })).toBeTruthy();
  });

  it('shows a stopped run\'s saving, which the totals count, against the verifier stopped at the same point', () => {
    render(<AssistantAnswer text="Once upon" outcome={outcome({ status: 'cancelled', baselineEstimated: true })} actions={{}} />);
    const saved = screen.getByTestId('answer-savings');
    expect(saved.textContent).toBe('saved $0.000218');
    expect(saved.getAttribute('title')).toContain('The verifier alone, stopped at the same point, would have cost $0.000220 (estimated from tokens).');
  });

  it('says "price unknown" for an unpriced run, never $0', () => {
    render(<AssistantAnswer text="hi" outcome={outcome({ costUsd: null, costNanoUsd: null, savingsUsd: null })} actions={{}} />);
    expect(screen.getByTestId('answer-cost').textContent).toBe('price unknown');
    expect(screen.queryByTestId('answer-savings')).toBeNull();
  });

  it('the quality chip expands to the signals and the decision in words', () => {
    render(<AssistantAnswer text="13 * 4 = 52." outcome={escalatedOutcome()} actions={{}} />);
    const chip = screen.getByTestId('quality-chip');
    expect(chip.textContent).toContain('0.20 < 0.70');
    fireEvent.click(chip);
    const panel = screen.getByTestId('quality-panel');
    expect(panel.textContent).toContain("escalated: the draft's calculation is wrong");
    expect(panel.textContent).toContain('Arithmetic');
    expect(panel.textContent).toContain('13 x 4 = 56 is wrong');
  });

  it('when the verifier answer was checked too, the chip shows its score and the panel both checks', () => {
    const o = escalatedOutcome();
    const verify = o.attempts[1];
    if (!verify) throw new Error('fixture has no verifier attempt');
    o.attempts[1] = { ...verify, quality: verdict(0.95, true, "the draft's arithmetic checks out") };
    render(<AssistantAnswer text="13 * 4 = 52." outcome={o} actions={{}} />);
    expect(screen.getByTestId('quality-chip').textContent).toContain('0.95 ≥ 0.70');
    fireEvent.click(screen.getByTestId('quality-chip'));
    const panel = screen.getByTestId('quality-panel').textContent ?? '';
    expect(panel).toContain("llama3.2:3b's draft: 0.20 < 0.70");
    expect(panel).toContain('rejected');
    expect(panel).toContain("gpt-4o's answer: 0.95 ≥ 0.70");
    // The validator's words fit what each row checked: the rejected draft, then the answer.
    expect(panel).toContain("the draft's calculation is wrong");
    expect(panel).toContain("the answer's arithmetic checks out");
    expect(panel).not.toContain("the draft's arithmetic checks out");
  });

  it('marks an escalated answer with the reason and keeps the draft behind a toggle', () => {
    render(<AssistantAnswer text="13 * 4 = 52." outcome={escalatedOutcome()} actions={{}} />);
    const marker = screen.getByTestId('escalation-marker');
    expect(marker.textContent).toContain('escalated to gpt-4o');
    expect(marker.textContent).toContain('13 x 4 = 56 is wrong');
    expect(screen.queryByTestId('replaced-draft')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /show llama3\.2:3b's draft/ }));
    expect(screen.getByTestId('replaced-draft').textContent).toContain('13 * 4 = 56.');
    expect(screen.getByTestId('answer-model').textContent).toContain('cloud');
  });

  it('while streaming, replaces the draft on escalation and offers Stop', () => {
    let run = newLiveRun({ runId: 'r', conversationId: 'c', prompt: 'What is 13 * 4?', startedAt: 0 });
    const events: CascadeEvent[] = [
      { type: 'attempt.started', runId: 'r', attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' },
      { type: 'token', runId: 'r', attempt: 0, text: '13 * 4 = 56.' },
      { type: 'escalated', runId: 'r', fromModel: 'llama3.2:3b', toModel: 'gpt-4o', reason: 'the arithmetic is wrong' },
      { type: 'attempt.started', runId: 'r', attempt: 1, tier: 1, model: 'gpt-4o', provider: 'openai', role: 'verify' },
      { type: 'token', runId: 'r', attempt: 1, text: '13 * 4 = 52' },
    ];
    run = events.reduce(applyCascadeEvent, run);
    let stopped = 0;
    render(<RunMessage run={run} showPrompt verifierModel="gpt-4o" onStop={() => stopped++} onRetry={noop} onDismiss={noop} />);
    expect(screen.getByTestId('escalation-marker').textContent).toContain('escalated to gpt-4o: the arithmetic is wrong');
    const answer = document.querySelector('.markdown-streaming');
    expect(answer?.textContent).toContain('13 * 4 = 52');
    expect(answer?.textContent).not.toContain('56');
    fireEvent.click(screen.getByTestId('stop-button'));
    expect(stopped).toBe(1);
  });

  it("shows a reasoning model thinking, then folds its reasoning above the answer it gave", () => {
    let run = newLiveRun({ runId: 'r', conversationId: 'c', prompt: 'What is 17 * 23?', startedAt: 0 });
    const thinking: CascadeEvent[] = [
      { type: 'attempt.started', runId: 'r', attempt: 0, tier: 0, model: 'qwen3:8b', provider: 'ollama', role: 'draft' },
      { type: 'thinking', runId: 'r', attempt: 0, text: '17 * 20 = 340, ' },
      { type: 'thinking', runId: 'r', attempt: 0, text: 'plus 51 is 391.' },
    ];
    run = thinking.reduce(applyCascadeEvent, run);
    const { rerender } = render(<RunMessage run={run} showPrompt verifierModel="gpt-4o" onStop={noop} onRetry={noop} onDismiss={noop} />);
    expect(screen.getByTestId('streaming-status').textContent).toContain('thinking…');
    expect(screen.getByTestId('thinking').textContent).toContain('Reasoning so far · 9 words');
    // The reasoning is folded, not the answer: open it to read it.
    expect(document.querySelector('.thinking-body')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Reasoning so far/ }));
    expect(document.querySelector('.thinking-body')?.textContent).toBe('17 * 20 = 340, plus 51 is 391.');
    expect(document.querySelector('.typing')).toBeNull();

    run = applyCascadeEvent(run, { type: 'token', runId: 'r', attempt: 0, text: '17 * 23 = 391.' });
    rerender(<RunMessage run={run} showPrompt verifierModel="gpt-4o" onStop={noop} onRetry={noop} onDismiss={noop} />);
    expect(screen.getByTestId('streaming-status').textContent).toContain('answering…');
    expect(screen.getByTestId('thinking').textContent).toMatch(/^Reasoning · 9 words/);
    expect(document.querySelector('.markdown-streaming')?.textContent?.trim()).toBe('17 * 23 = 391.');

    cleanup();
    // The time before the answer began is what the thinking took.
    const done = outcome({ attempts: [attempt({ model: 'qwen3:8b', thinking: '17 * 20 = 340, plus 51 is 391.', ttftMs: 4200 })], model: 'qwen3:8b', answer: '17 * 23 = 391.' });
    render(<AssistantAnswer text="17 * 23 = 391." outcome={done} actions={{}} />);
    fireEvent.click(screen.getByRole('button', { name: /^Reasoning · 4\.2 s · 9 words/ }));
    expect(document.querySelector('.thinking-body')?.textContent).toBe('17 * 20 = 340, plus 51 is 391.');
    expect(screen.queryByText(/so far/)).toBeNull();

    // A cache hit took no thinking time: none is shown.
    cleanup();
    const hit = { ...done, cache: { backend: 'sqlite' as const, key: 'k', storedAt: 0, sourceQueryId: 'q-0' } };
    render(<AssistantAnswer text="17 * 23 = 391." outcome={hit} actions={{}} />);
    expect(screen.getByTestId('thinking').textContent).toMatch(/^Reasoning · 9 words/);
  });

  it('shows no reasoning for a model that did not think', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={{}} />);
    expect(screen.queryByTestId('thinking')).toBeNull();
  });

  it('a finished run keeps the escalation reason its live run showed', () => {
    // A soft rejection: no check failed outright, the doubts together fall short.
    const soft = {
      ...verdict(0.42, false),
      hardFailure: false,
      reasons: ['the draft hedges its answer', "the draft barely touches the question's terms"],
      explanation: "escalated: score 0.42 < 0.70: the draft hedges its answer; the draft barely touches the question's terms",
    };
    const live = [
      { type: 'attempt.started', runId: 'r', attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' },
      { type: 'escalated', runId: 'r', fromModel: 'llama3.2:3b', toModel: 'gpt-4o', reason: escalationReason(soft) },
    ] satisfies CascadeEvent[];
    const run = live.reduce(applyCascadeEvent, newLiveRun({ runId: 'r', conversationId: 'c', prompt: 'Why?', startedAt: 0 }));
    render(<RunMessage run={run} showPrompt verifierModel="gpt-4o" onStop={noop} onRetry={noop} onDismiss={noop} />);
    const whileStreaming = screen.getByTestId('escalation-marker').querySelector('.escalation-line span')?.textContent;
    cleanup();

    const finished = escalatedOutcome();
    finished.attempts[0] = attempt({ accepted: false, quality: soft, text: 'Maybe.' });
    render(<AssistantAnswer text="Because." outcome={finished} actions={{}} />);
    const afterwards = screen.getByTestId('escalation-marker').querySelector('.escalation-line span')?.textContent;
    expect(whileStreaming).toBe("escalated to gpt-4o: score 0.42 < 0.70: the draft hedges its answer; the draft barely touches the question's terms");
    expect(afterwards).toBe(whileStreaming);
  });

  it('titles a missing key as missing, not as rejected', () => {
    // auth_failed covers a missing key, a rejected one (401) and a refused one (403).
    render(<ErrorBanner error={{ code: 'auth_failed', message: 'No API key for OpenAI: set OPENAI_API_KEY in Settings' }} />);
    const alert = screen.getByRole('alert').textContent ?? '';
    expect(alert).toContain('The API key is missing or was not accepted');
    expect(alert).toContain('set OPENAI_API_KEY in Settings');
  });

  it('folds an answer a retry replaced to one line, with the answer behind a toggle', () => {
    const at = 1_700_000_000_000;
    const saved = (id: string, role: 'user' | 'assistant', content: string) => ({ id, role, content, createdAt: at, queryId: role === 'assistant' ? `q-${id}` : null, outcome: role === 'assistant' ? outcome({ answer: content }) : null, feedback: null });
    render(<MessageList messages={[saved('u1', 'user', 'A prime?'), saved('a1', 'assistant', 'Thirteen.'), saved('a2', 'assistant', 'Eleven.')]} runs={[]} verifierModel="gpt-4o" onRetry={noop} />);
    const folded = screen.getByTestId('replaced-answer');
    expect(folded.textContent).toContain('Earlier answer by llama3.2:3b · $0.000002, replaced by a retry');
    expect(folded.textContent).not.toContain('Thirteen.');
    expect(screen.getAllByTestId('assistant-message')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /show/ }));
    expect(folded.textContent).toContain('Thirteen.');
    expect(screen.getAllByTestId('assistant-message')).toHaveLength(2);
  });

  it('badges a run no model answered as "no answer", not as the verifier that also failed', () => {
    const down = { code: 'unreachable', message: 'Cannot connect to OpenAI at http://127.0.0.1:11501/v1 (ECONNREFUSED)' };
    const draft = attempt({ status: 'error', accepted: false, quality: null, text: '', costUsd: 0, costNanoUsd: 0, error: { code: 'unreachable', message: 'Ollama is not running at http://127.0.0.1:11434' } });
    const verify = attempt({ model: 'gpt-4o', provider: 'openai', tier: 1, role: 'verify', status: 'error', accepted: false, quality: null, text: '', costUsd: 0, costNanoUsd: 0, pricing: 'list', error: down });
    // A failed run names the top tier as its model (outcome.ts): nobody answered.
    const failed = outcome({ status: 'failed', attempts: [draft, verify], answer: '', model: 'gpt-4o', provider: 'openai', tier: 1, escalated: true, error: down, costUsd: 0, costNanoUsd: 0, savingsUsd: 0 });
    render(<AssistantAnswer text="" outcome={failed} actions={{}} />);
    // Shown, not an alert: the chat's status region says "No answer" once (chat-announcer.test).
    expect(document.querySelector('.error-banner')?.textContent).toContain('ECONNREFUSED');
    expect(screen.queryByRole('alert')).toBeNull();
    const badge = screen.getByTestId('answer-model');
    expect(badge.textContent).toBe('no answer');
    expect(screen.getByTestId('answer-badge').textContent).not.toMatch(/verifier|cloud/);
  });

  it('offers no draft to show when the drafter failed before writing one', () => {
    const failed = escalatedOutcome();
    failed.attempts[0] = attempt({ status: 'error', accepted: false, quality: null, text: '', error: { code: 'unreachable', message: 'Ollama is not running at http://127.0.0.1:11434' } });
    render(<AssistantAnswer text="13 * 4 = 52." outcome={failed} actions={{}} />);
    const marker = screen.getByTestId('escalation-marker');
    expect(marker.textContent).toContain('escalated to gpt-4o: Ollama is not running at http://127.0.0.1:11434');
    expect(marker.querySelector('button')).toBeNull();
  });
});

describe('commands in what the chat says about a run', () => {
  const down = 'Ollama is not running at http://127.0.0.1:11434: start it with `ollama serve`';
  const codeIn = (el: Element | null | undefined) => [...(el?.querySelectorAll('code') ?? [])].map((c) => c.textContent);

  it('shows `backtick` spans of escalation notes and the decision as code, as error banners do', () => {
    const o = escalatedOutcome();
    o.attempts[0] = attempt({ status: 'error', accepted: false, quality: null, text: '', error: { code: 'unreachable', message: down } });
    o.decision = `llama3.2:3b failed: ${down}. Answered by gpt-4o.`;
    o.attempts.push(attempt({ model: 'gpt-4o', tier: 1, role: 'audit', quality: verdict(0.9, true, 'the `answer` field is present') }));
    render(<AssistantAnswer text="13 * 4 = 52." outcome={o} actions={{}} />);
    const marker = screen.getByTestId('escalation-marker');
    expect(marker.textContent).toBe('escalated to gpt-4o: Ollama is not running at http://127.0.0.1:11434: start it with ollama serve');
    expect(codeIn(marker)).toEqual(['ollama serve']);
    fireEvent.click(screen.getByTestId('quality-chip'));
    const decision = screen.getByTestId('quality-panel').querySelector('.quality-decision');
    expect(decision?.textContent).toBe('llama3.2:3b failed: Ollama is not running at http://127.0.0.1:11434: start it with ollama serve. Answered by gpt-4o.');
    expect(codeIn(decision)).toEqual(['ollama serve']);
    const meta = [...screen.getByTestId('quality-panel').querySelectorAll('.quality-meta')].at(-1);
    expect(meta?.textContent).toBe('Routed as math / simple. Audited by gpt-4o: accepted: the answer field is present.');
    expect(codeIn(meta)).toEqual(['answer']);
  });

  it('does the same while the run streams', () => {
    const live = [
      { type: 'attempt.started', runId: 'r', attempt: 0, tier: 0, model: 'llama3.2:3b', provider: 'ollama', role: 'draft' },
      { type: 'escalated', runId: 'r', fromModel: 'llama3.2:3b', toModel: 'gpt-4o', reason: down },
    ] satisfies CascadeEvent[];
    const run = live.reduce(applyCascadeEvent, newLiveRun({ runId: 'r', conversationId: 'c', prompt: 'Why?', startedAt: 0 }));
    render(<RunMessage run={run} showPrompt verifierModel="gpt-4o" onStop={noop} onRetry={noop} onDismiss={noop} />);
    expect(codeIn(screen.getByTestId('escalation-marker'))).toEqual(['ollama serve']);
  });
});

describe('the actions under an answer', () => {
  const actions = { onRetry: noop, onRetryWithVerifier: noop, verifierModel: 'gpt-4o', onFeedback: noop };
  const names = () => screen.getAllByRole('button').map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim());

  it('offers no rating for a run that gave no answer, but still a retry with the verifier', () => {
    const down = { code: 'provider_error', message: 'OpenAI failed with HTTP 503' };
    const failed = outcome({ status: 'failed', answer: '', model: 'gpt-4o', provider: 'openai', tier: 1, error: down, attempts: [attempt({ status: 'error', accepted: false, quality: null, text: '', error: down })] });
    render(<AssistantAnswer text="" outcome={failed} actions={actions} />);
    expect(names()).toEqual(['Details', 'Copy', 'Retry', 'Retry with gpt-4o']);
  });

  it('offers no retry with the verifier on an answer the verifier gave', () => {
    render(<AssistantAnswer text="13 * 4 = 52." outcome={escalatedOutcome()} actions={actions} />);
    // The quality check that sent it up stays in the compact line; the rest is behind Details.
    expect(names()).toEqual(["show llama3.2:3b's draft", 'quality 0.20 < 0.70', 'Details', 'Copy', 'Retry', 'Good answer', 'Bad answer']);
  });

  it("offers both on the drafter's answer", () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />);
    expect(names()).toEqual(['Details', 'quality 0.92 ≥ 0.70', 'Copy', 'Retry', 'Retry with gpt-4o', 'Good answer', 'Bad answer']);
  });
});

describe('an answer no verifier checked', () => {
  // The verifier failed, so the run returned the rejected draft as it was (status unverified).
  const unverified = () => {
    const draft = attempt({ accepted: false, quality: verdict(0, false, "the draft's calculation 21 * 3 = 60 is wrong (21 * 3 = 63)"), text: '21 * 3 = 60' });
    const verify = attempt({ model: 'gpt-4o', provider: 'openai', tier: 1, role: 'verify', status: 'error', accepted: false, quality: null, text: '', costUsd: 0, costNanoUsd: 0, pricing: 'list', error: { code: 'provider_error', message: 'OpenAI at http://127.0.0.1:11501/v1 failed with HTTP 503: try again' } });
    return outcome({ status: 'unverified', attempts: [draft, verify], answer: '21 * 3 = 60', error: { code: 'provider_error', message: 'OpenAI failed' }, decision: "Returned llama3.2:3b's draft unverified because the verifier failed." });
  };

  it('says above the answer that it is a draft that failed the check, and why no verifier replaced it', () => {
    render(<AssistantAnswer text="21 * 3 = 60" outcome={unverified()} actions={{}} />);
    const notice = screen.getByTestId('unverified-notice');
    expect(notice.getAttribute('role')).toBe('note');
    expect(notice.textContent).toContain("Not verified: this is llama3.2:3b's draft as written, and it did not pass the quality check: the draft's calculation 21 * 3 = 60 is wrong (21 * 3 = 63).");
    expect(notice.textContent).toContain('gpt-4o could not check it: OpenAI at http://127.0.0.1:11501/v1 failed with HTTP 503: try again.');
    // It comes before the answer text, where it is read first.
    const answer = screen.getByText('21 * 3 = 60', { selector: 'p' });
    expect(notice.compareDocumentPosition(answer) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('names each failed check once, also when two tiers above run the same model', () => {
    const o = unverified();
    const second = attempt({ model: 'gpt-4o', provider: 'openai', tier: 2, role: 'verify', status: 'error', accepted: false, quality: null, text: '', costUsd: 0, costNanoUsd: 0, pricing: 'list', error: { code: 'timeout', message: 'gpt-4o timed out after 60 s' } });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      render(<AssistantAnswer text="21 * 3 = 60" outcome={{ ...o, attempts: [...o.attempts, second] }} actions={{}} />);
      const failures = [...screen.getByTestId('unverified-notice').querySelectorAll('.unverified-failure')].map((f) => f.textContent?.trim());
      expect(failures).toEqual(['gpt-4o could not check it: OpenAI at http://127.0.0.1:11501/v1 failed with HTTP 503: try again.', 'gpt-4o could not check it: gpt-4o timed out after 60 s.']);
      // React warns of children with the same key (and may then drop or mix them up).
      expect(errors.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('same key'))).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });

  it('shows no such notice on a checked answer', () => {
    render(<AssistantAnswer text="13 * 4 = 52." outcome={escalatedOutcome()} actions={{}} />);
    expect(screen.queryByTestId('unverified-notice')).toBeNull();
  });
});

describe('rating an answer', () => {
  afterEach(() => setApi(null));

  const saved = (id: string, role: 'user' | 'assistant', content: string) => ({ id, role, content, createdAt: 0, queryId: role === 'assistant' ? `q-${id}` : null, outcome: role === 'assistant' ? outcome({ answer: content, queryId: `q-${id}` }) : null, feedback: null });

  it('says under the answer when a rating was not saved, instead of silently taking it back', async () => {
    let refuse = true;
    setApi(createFakeApi({ 'feedback.set': ({ queryId, rating }) => (refuse ? { ok: false, error: { code: 'unreachable', message: 'Cannot reach the CascadeFlow server at http://127.0.0.1:5199: is `cascadeflow serve` still running?' } } : ok({ queryId, rating })) }));
    render(<MessageList messages={[saved('u1', 'user', 'A prime?'), saved('a1', 'assistant', 'Thirteen.')]} runs={[]} verifierModel="gpt-4o" onRetry={noop} />);
    fireEvent.click(screen.getByRole('button', { name: 'Good answer' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Rating not saved: Cannot reach the CascadeFlow server at http://127.0.0.1:5199: is cascadeflow serve still running?');
    expect(alert.querySelector('code')?.textContent).toBe('cascadeflow serve');
    expect(within(screen.getByRole('group', { name: 'Answer by llama3.2:3b' })).getByRole('alert')).toBe(alert);
    // Rating again once the server answers clears the message.
    refuse = false;
    fireEvent.click(screen.getByRole('button', { name: 'Good answer' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});

describe('retrying a question that never got an answer', () => {
  it('replaces the failed run instead of leaving its error below the new answer', () => {
    const failed = failRun(newLiveRun({ runId: 'r-1', conversationId: 'c-1', prompt: 'Is anyone there?', startedAt: 0 }), { code: 'unreachable', message: 'Cannot reach the CascadeFlow server' });
    useChatStore.setState({ runs: [failed] });
    const retried: [string, { forceTop: boolean; regenerate: boolean }][] = [];
    render(<MessageList messages={[]} runs={[failed]} verifierModel="gpt-4o" onRetry={(prompt, options) => retried.push([prompt, options])} />);
    expect(document.querySelector('.error-banner')?.textContent).toContain('Cannot reach the CascadeFlow server');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retried).toEqual([['Is anyone there?', { forceTop: false, regenerate: false }]]);
    expect(useChatStore.getState().runs).toEqual([]);
  });
});
