// A cascade run as the UI sees it while it streams: pure state plus a reducer over the
// server's CascadeEvents, so the tricky ordering cases are unit-tested without React.
import type { Attempt, AttemptRole, CascadeEvent, CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import type { ProviderKind, StreamingMode } from '../../../../shared/core/config/schema.ts';
import type { ActiveRun, RunEvent } from '../../../../shared/api/contract.ts';
import type { ApiError } from '../../../../shared/api/result.ts';
import { toErrorCode } from '../../lib/error-code.ts';

export interface LiveAttempt {
  index: number;
  tier: number;
  model: string;
  provider: ProviderKind;
  role: AttemptRole;
  text: string;
  /** A reasoning model's thinking, streamed before its answer. */
  thinking: string;
  result: Attempt | null;
}

export interface Escalation {
  fromModel: string;
  toModel: string;
  reason: string;
}

export type LiveStatus = 'running' | 'finished' | 'failed' | 'cancelled';

export interface LiveRun {
  runId: string;
  conversationId: string | null;
  prompt: string;
  startedAt: number;
  forceTop: boolean;
  /** A retry of the conversation's last question: the question is already on screen. */
  regenerate: boolean;
  status: LiveStatus;
  mode: StreamingMode | null;
  attempts: LiveAttempt[];
  escalations: Escalation[];
  outcome: CascadeOutcome | null;
  error: ApiError | null;
  /** Set when the user pressed Stop, before the server confirms. */
  stopping: boolean;
  /** The seq of the last server event applied (-1: none): an event at or below it is one the run already holds. */
  seq: number;
  /** Started elsewhere (before a reload, in another window) and followed from cascade.active: no reply of cascade.run will settle it. */
  adopted: boolean;
  /** The saved user message this run answers, once known: the question is then on screen already. */
  userMessageId: string | null;
}

export function newLiveRun(init: {
  runId: string;
  conversationId: string | null;
  prompt: string;
  startedAt: number;
  forceTop?: boolean;
  regenerate?: boolean;
  adopted?: boolean;
  userMessageId?: string | null;
}): LiveRun {
  return {
    ...init,
    forceTop: init.forceTop ?? false,
    regenerate: init.regenerate ?? false,
    adopted: init.adopted ?? false,
    userMessageId: init.userMessageId ?? null,
    seq: -1,
    status: 'running',
    mode: null,
    attempts: [],
    escalations: [],
    outcome: null,
    error: null,
    stopping: false,
  };
}

export function applyCascadeEvent(run: LiveRun, event: CascadeEvent): LiveRun {
  if (event.runId !== run.runId) return run;
  // A finished run ignores stragglers (a late token after run.finished, or after a failure).
  if (run.status !== 'running' && event.type !== 'run.finished') return run;
  switch (event.type) {
    case 'run.started':
      return { ...run, mode: event.mode, conversationId: event.conversationId ?? run.conversationId };
    case 'attempt.started': {
      if (run.attempts.some((a) => a.index === event.attempt)) return run;
      const attempt: LiveAttempt = { index: event.attempt, tier: event.tier, model: event.model, provider: event.provider, role: event.role, text: '', thinking: '', result: null };
      return { ...run, attempts: [...run.attempts, attempt].sort((a, b) => a.index - b.index) };
    }
    case 'token':
      // A consistency sample's text is never shown, whatever the server streams for it.
      return updateAttempt(run, event.attempt, (a) => (a.role === 'sample' ? a : { ...a, text: a.text + event.text }));
    case 'thinking':
      return updateAttempt(run, event.attempt, (a) => (a.role === 'sample' ? a : { ...a, thinking: a.thinking + event.text }));
    case 'attempt.finished':
      // The finished result's text is authoritative (tokens may have been missed while the event stream reconnected).
      return updateAttempt(run, event.attempt, (a) => ({ ...a, result: event.result, text: event.result.text || a.text, thinking: event.result.thinking ?? a.thinking }), event);
    case 'escalated':
      return { ...run, escalations: [...run.escalations, { fromModel: event.fromModel, toModel: event.toModel, reason: event.reason }] };
    case 'run.finished':
      return finishRun(run, event.outcome);
  }
}

/** A live event from the server: applied once, in order, whether it arrives before or after a snapshot of the run. */
export function applyRunEvent(run: LiveRun, event: RunEvent): LiveRun {
  if (event.runId !== run.runId || event.seq <= run.seq) return run;
  return { ...applyCascadeEvent(run, event), seq: event.seq };
}

/**
 * The run as cascade.active describes it: its events so far replayed on a fresh run. `base` is
 * the page's own view of it (missing events while the event stream was down), whose identity and
 * Stop state are kept; without it the run is adopted.
 */
export function liveRunFromActive(active: ActiveRun, base?: LiveRun): LiveRun {
  let run = newLiveRun({
    runId: active.runId,
    conversationId: base?.conversationId ?? active.conversationId,
    prompt: base?.prompt ?? active.prompt,
    startedAt: base?.startedAt ?? active.startedAt,
    forceTop: base?.forceTop ?? active.forceTop,
    regenerate: base?.regenerate ?? active.regenerate,
    adopted: base?.adopted ?? true,
    userMessageId: active.userMessageId,
  });
  for (const event of active.events) run = applyCascadeEvent(run, event);
  return { ...run, seq: active.seq, stopping: run.status === 'running' && (base?.stopping ?? false) };
}

function updateAttempt(run: LiveRun, index: number, f: (a: LiveAttempt) => LiveAttempt, finished?: Extract<CascadeEvent, { type: 'attempt.finished' }>): LiveRun {
  const i = run.attempts.findIndex((a) => a.index === index);
  if (i === -1) {
    if (!finished) return run;
    const r = finished.result;
    const created: LiveAttempt = { index, tier: r.tier, model: r.model, provider: r.provider, role: r.role, text: r.text, thinking: r.thinking ?? '', result: r };
    return { ...run, attempts: [...run.attempts, created].sort((a, b) => a.index - b.index) };
  }
  const attempts = run.attempts.slice();
  attempts[i] = f(attempts[i] as LiveAttempt);
  return { ...run, attempts };
}

export function finishRun(run: LiveRun, outcome: CascadeOutcome): LiveRun {
  if (run.outcome) return run;
  const status: LiveStatus = outcome.status === 'cancelled' ? 'cancelled' : outcome.status === 'failed' ? 'failed' : 'finished';
  const error = outcome.error ? { code: toErrorCode(outcome.error.code), message: outcome.error.message } : null;
  return { ...run, status, outcome, error: status === 'failed' ? (error ?? { code: 'provider_error', message: outcome.decision }) : null, stopping: false };
}

export function failRun(run: LiveRun, error: ApiError): LiveRun {
  if (run.outcome) return run;
  return { ...run, status: error.code === 'cancelled' ? 'cancelled' : 'failed', error, stopping: false };
}

/** What the answer area shows: the attempt currently answering, and the superseded drafts. */
export interface RunView {
  current: LiveAttempt | null;
  /** Model the run escalated to that has not started streaming yet. */
  waitingFor: string | null;
  drafts: { attempt: LiveAttempt; escalation: Escalation | null }[];
  /** Verifier running alongside the drafter (parallel mode), not yet needed. */
  background: LiveAttempt[];
  /** The drafter's consistency samples: never an answer, a draft or a background verifier. */
  samples: LiveAttempt[];
}

export function viewOfRun(run: LiveRun): RunView {
  const samples = run.attempts.filter((a) => a.role === 'sample');
  const answering = run.attempts.filter((a) => a.role !== 'audit' && a.role !== 'sample');
  const lastEscalation = run.escalations.at(-1) ?? null;
  const currentModel = lastEscalation?.toModel ?? answering[0]?.model ?? null;
  const current = [...answering].reverse().find((a) => a.model === currentModel) ?? null;
  const drafts: RunView['drafts'] = [];
  const background: LiveAttempt[] = [];
  for (const a of answering) {
    if (a === current) continue;
    const escalation = run.escalations.find((e) => e.fromModel === a.model) ?? null;
    if (escalation || (current && a.index < current.index && a.model !== currentModel)) drafts.push({ attempt: a, escalation });
    else background.push(a);
  }
  return { current, waitingFor: current === null && lastEscalation ? lastEscalation.toModel : null, drafts, background, samples };
}
