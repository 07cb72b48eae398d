// The facts under an answer: an older one keeps a compact line (who answered, the cost, any
// warning) and its Details toggle; the latest shows everything. Which of them is in view on
// hover and focus is CSS, checked in a real browser by test/e2e/answer-facts.test.ts.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AssistantAnswer } from '../../renderer/src/features/chat/assistant-answer.tsx';
import { MessageList } from '../../renderer/src/features/chat/message-list.tsx';
import { newLiveRun } from '../../renderer/src/features/chat/live-run.ts';
import { attempt, escalatedOutcome, outcome, verdict } from './fixtures.ts';

afterEach(cleanup);

const noop = () => undefined;
const actions = { onRetry: noop, onRetryWithVerifier: noop, verifierModel: 'gpt-4o', onFeedback: noop };
const article = () => screen.getByTestId('assistant-message');
const compactLine = () => screen.getByTestId('answer-badge');
const details = () => screen.getByTestId('answer-details');

describe('an older answer', () => {
  it('an accepted draft keeps only the compact line: tier, model and cost; the rest waits behind Details', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />);
    expect(article().dataset.facts).toBe('compact');
    expect(compactLine().textContent).toBe('drafterllama3.2:3blocal$0.000002');
    // Saving, tokens, time and the accepted check are the details, not the line.
    for (const id of ['answer-savings', 'answer-tokens', 'answer-latency', 'quality-chip']) {
      expect(details().contains(screen.getByTestId(id))).toBe(true);
    }
    const toggle = screen.getByRole('button', { name: 'Details' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe(details().id);
  });

  it('an escalated answer keeps why in the compact line: the marker and the check that fell short', () => {
    render(<AssistantAnswer text="13 * 4 = 52." outcome={escalatedOutcome()} actions={actions} />);
    expect(article().dataset.facts).toBe('compact');
    expect(screen.getByTestId('escalation-marker').textContent).toContain('escalated to gpt-4o: the draft\'s calculation 13 x 4 = 56 is wrong (13 x 4 = 52)');
    const chip = screen.getByTestId('quality-chip');
    expect(chip.textContent).toContain('0.20 < 0.70');
    expect(details().contains(chip)).toBe(false);
    expect(screen.getByTestId('answer-model').textContent).toBe('verifiergpt-4ocloud');
  });

  it('keeps every warning in the compact line: unverified, budget, price unknown', () => {
    const draft = attempt({ accepted: false, quality: verdict(0, false, "the draft's calculation 21 * 3 = 60 is wrong (21 * 3 = 63)"), text: '21 * 3 = 60' });
    const failedVerify = attempt({ model: 'gpt-4o', provider: 'openai', tier: 1, role: 'verify', status: 'error', accepted: false, quality: null, text: '', costUsd: null, costNanoUsd: null, pricing: 'unknown', error: { code: 'provider_error', message: 'HTTP 503' } });
    const o = outcome({
      status: 'unverified',
      attempts: [draft, failedVerify],
      answer: '21 * 3 = 60',
      costUsd: null,
      costNanoUsd: null,
      savingsUsd: null,
      decision: "budget 'daily' ($5.00 a day) is 85% spent: threshold lowered to 0.5. Returned llama3.2:3b's draft unverified because the verifier failed.",
    });
    render(<AssistantAnswer text="21 * 3 = 60" outcome={o} actions={actions} />);
    expect(compactLine().textContent).toBe('drafterllama3.2:3blocalunverifiedbudgetprice unknown');
    expect(screen.getByTestId('answer-cost').className).toContain('badge-warn');
    expect(details().contains(screen.getByTestId('quality-chip'))).toBe(false);
  });

  it('the Details toggle shows the rest and hides it again', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />);
    const toggle = screen.getByRole('button', { name: 'Details' });
    fireEvent.click(toggle);
    expect(article().dataset.facts).toBe('full');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(article().dataset.facts).toBe('compact');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('opening its quality check shows the rest of its facts too', () => {
    render(<AssistantAnswer text="13 * 4 = 52." outcome={escalatedOutcome()} actions={actions} />);
    fireEvent.click(screen.getByTestId('quality-chip'));
    expect(screen.getByTestId('quality-panel').textContent).toContain("escalated: the draft's calculation is wrong");
    expect(article().dataset.facts).toBe('full');
    expect(screen.getByRole('button', { name: 'Details' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('keeps every action in the tab order and named for a screen reader, shown or not', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />);
    const group = screen.getByRole('group', { name: 'Answer by llama3.2:3b' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual(['Copy', 'Retry', 'Retry with gpt-4o', 'Good answer', 'Bad answer']);
    for (const b of buttons) {
      expect(b.tabIndex).toBe(0);
      expect(b.closest('[aria-hidden="true"], [hidden], [inert]')).toBeNull();
    }
  });
});

describe("an older answer's details card and Escape (WCAG 1.4.13: dismissible)", () => {
  const facts = () => article().querySelector<HTMLElement>('.answer-facts');
  const escape = (target: Element) => fireEvent.keyDown(target, { key: 'Escape' });
  // As a browser does, React handles the focus events before the next key arrives.
  const focus = (el: HTMLElement) => act(() => el.focus());

  it('focus on the Details toggle: Escape hides the card, keeps the focus there and is not the chat\'s Stop', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />);
    const toggle = screen.getByRole('button', { name: 'Details' });
    focus(toggle);
    expect(facts()?.dataset.card).toBeUndefined();
    // false: the event's default was prevented, so the chat's Escape (Stop) leaves it alone.
    expect(escape(toggle)).toBe(false);
    expect(facts()?.dataset.card).toBe('dismissed');
    expect(document.activeElement).toBe(toggle);
    expect(article().dataset.facts).toBe('compact');
  });

  it('focus inside the card: Escape hides it and gives the focus to the Details toggle', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />);
    const chip = within(details()).getByTestId('quality-chip');
    focus(chip);
    escape(chip);
    expect(facts()?.dataset.card).toBe('dismissed');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Details' }));
  });

  it('only the pointer on the line: Escape in the message box hides the card and still reaches the box', () => {
    render(
      <>
        <AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />
        <textarea aria-label="Message" />
      </>,
    );
    const box = screen.getByRole('textbox', { name: 'Message' });
    focus(box);
    fireEvent.pointerEnter(facts() as HTMLElement);
    expect(escape(box)).toBe(true);
    expect(facts()?.dataset.card).toBe('dismissed');
    expect(document.activeElement).toBe(box);
    // Pointing at the line again shows the card again.
    fireEvent.pointerLeave(facts() as HTMLElement);
    fireEvent.pointerEnter(facts() as HTMLElement);
    expect(facts()?.dataset.card).toBeUndefined();
  });

  it('comes back on the next focus from elsewhere, and Escape away from the line does nothing to it', () => {
    render(
      <>
        <AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />
        <button type="button">Elsewhere</button>
      </>,
    );
    const toggle = screen.getByRole('button', { name: 'Details' });
    const elsewhere = screen.getByRole('button', { name: 'Elsewhere' });
    focus(elsewhere);
    expect(escape(elsewhere)).toBe(true);
    expect(facts()?.dataset.card).toBeUndefined();
    focus(toggle);
    escape(toggle);
    expect(facts()?.dataset.card).toBe('dismissed');
    focus(elsewhere);
    focus(toggle);
    expect(facts()?.dataset.card).toBeUndefined();
  });

  it('opening the details for good with the toggle is not undone by an earlier Escape', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} />);
    const toggle = screen.getByRole('button', { name: 'Details' });
    focus(toggle);
    escape(toggle);
    fireEvent.click(toggle);
    expect(article().dataset.facts).toBe('full');
    expect(facts()?.dataset.card).toBeUndefined();
    // Open for good, Escape is the chat's again: nothing here takes it.
    expect(escape(toggle)).toBe(true);
    expect(article().dataset.facts).toBe('full');
  });
});

describe('the latest answer', () => {
  it('shows all its facts and has no Details toggle', () => {
    render(<AssistantAnswer text="17 * 23 = 391." outcome={outcome()} actions={actions} latest />);
    expect(article().dataset.facts).toBe('full');
    expect(screen.queryByRole('button', { name: 'Details' })).toBeNull();
    expect(screen.getByTestId('answer-savings').textContent).toBe('saved $0.000218');
  });

  it('is the last saved answer, or none of them while a run is below', () => {
    const at = 1_700_000_000_000;
    const saved = (id: string, role: 'user' | 'assistant', content: string) => ({ id, role, content, createdAt: at, queryId: role === 'assistant' ? `q-${id}` : null, outcome: role === 'assistant' ? outcome({ answer: content }) : null, feedback: null });
    const messages = [saved('u1', 'user', 'A prime?'), saved('a1', 'assistant', 'Thirteen.'), saved('u2', 'user', 'Another?'), saved('a2', 'assistant', 'Eleven.')];
    const facts = () => screen.getAllByTestId('assistant-message').map((a) => a.dataset.facts);
    const { rerender } = render(<MessageList messages={messages} runs={[]} verifierModel="gpt-4o" onRetry={noop} />);
    expect(facts()).toEqual(['compact', 'full']);
    const run = newLiveRun({ runId: 'r', conversationId: 'c-1', prompt: 'And another?', startedAt: at });
    rerender(<MessageList messages={messages} runs={[run]} verifierModel="gpt-4o" onRetry={noop} />);
    expect(facts().slice(0, 2)).toEqual(['compact', 'compact']);
  });
});
