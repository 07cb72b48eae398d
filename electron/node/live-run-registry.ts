// The runs in progress: what cancels them, and what a page that did not start one (reloaded
// mid-answer, another window) needs to show it: the question, and the events so far. An entry
// lives exactly as long as its run, and its events are kept small: consecutive text deltas of an
// attempt are merged, and a run's kept text is capped.
import type { ActiveRun, RunEvent } from '../../shared/api/contract.ts';
import type { CascadeEvent } from '../../shared/core/cascade/types.ts';

/** Characters of text and thinking kept per run; far above any model's answer. */
export const MAX_KEPT_TEXT_CHARS = 2_000_000;

/** What a run is registered with: everything cascade.active reports but its events. */
export type RunStart = Omit<ActiveRun, 'events' | 'seq' | 'truncated'>;

export interface LiveRunRegistry {
  /** Registers a run; the caller must `finish` it whatever happens. */
  start(run: RunStart, controller: AbortController): void;
  has(runId: string): boolean;
  /** The run answering in this conversation, if any: a conversation answers one question at a time. */
  runningIn(conversationId: string): string | null;
  /** Keeps the event for a later snapshot and answers its seq (the run's events numbered from 0). */
  record(event: CascadeEvent): RunEvent;
  /** Aborts the run; false when no such run is in progress. */
  cancel(runId: string): boolean;
  abortAll(): void;
  finish(runId: string): void;
  /** Snapshots of the runs in progress, oldest first; only one conversation's with `conversationId`. */
  active(conversationId?: string): ActiveRun[];
}

interface Entry {
  start: RunStart;
  controller: AbortController;
  events: CascadeEvent[];
  /** Index in `events` of the delta that the next delta of the same kind and attempt extends. */
  openDeltas: Map<string, number>;
  nextSeq: number;
  keptChars: number;
  truncated: boolean;
}

export function createLiveRunRegistry(opts: { maxTextChars?: number } = {}): LiveRunRegistry {
  const maxTextChars = opts.maxTextChars ?? MAX_KEPT_TEXT_CHARS;
  const runs = new Map<string, Entry>();

  function keep(entry: Entry, event: CascadeEvent): void {
    if (event.type !== 'token' && event.type !== 'thinking') {
      entry.events.push(event);
      // A finished attempt takes no more deltas: its result carries the whole text.
      if (event.type === 'attempt.finished') {
        entry.openDeltas.delete(`token:${event.attempt}`);
        entry.openDeltas.delete(`thinking:${event.attempt}`);
      }
      return;
    }
    if (entry.truncated) return;
    if (entry.keptChars + event.text.length > maxTextChars) {
      entry.truncated = true;
      return;
    }
    entry.keptChars += event.text.length;
    // Deltas of different attempts may interleave (a verifier running beside the drafter): each
    // attempt's text is its own, so a delta joins the previous one of its attempt wherever it is.
    const key = `${event.type}:${event.attempt}`;
    const open = entry.openDeltas.get(key);
    const previous = open === undefined ? undefined : entry.events[open];
    if (open !== undefined && previous && previous.type === event.type) {
      entry.events[open] = { ...previous, text: previous.text + event.text };
      return;
    }
    entry.openDeltas.set(key, entry.events.length);
    entry.events.push({ ...event });
  }

  return {
    start(run, controller) {
      runs.set(run.runId, { start: run, controller, events: [], openDeltas: new Map(), nextSeq: 0, keptChars: 0, truncated: false });
    },
    has: (runId) => runs.has(runId),
    runningIn(conversationId) {
      for (const [runId, entry] of runs) if (entry.start.conversationId === conversationId) return runId;
      return null;
    },
    record(event) {
      const entry = runs.get(event.runId);
      // Every run is registered before it can emit; were one not, its event still goes out
      // (as the first a page would take for it) rather than being lost.
      if (!entry) return { ...event, seq: 0 };
      const seq = entry.nextSeq++;
      keep(entry, event);
      return { ...event, seq };
    },
    cancel(runId) {
      const entry = runs.get(runId);
      if (!entry) return false;
      entry.controller.abort();
      return true;
    },
    abortAll() {
      for (const entry of runs.values()) entry.controller.abort();
    },
    finish(runId) {
      runs.delete(runId);
    },
    active(conversationId) {
      const out: ActiveRun[] = [];
      for (const { start, events, nextSeq, truncated } of runs.values()) {
        if (conversationId !== undefined && start.conversationId !== conversationId) continue;
        out.push({ ...start, events: events.slice(), seq: nextSeq - 1, truncated });
      }
      return out;
    },
  };
}
