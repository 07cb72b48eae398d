// What a screen reader is told about a run: only the turns a sighted user notices without
// reading the streamed text (the draft escalated, the answer is ready, there is no answer).
// Pure, from one state of a run to the next, so each turn is said once however often it renders.
import type { LiveRun } from './live-run.ts';

export function runAnnouncements(before: LiveRun | undefined, after: LiveRun): string[] {
  // A run first seen already under way (a conversation reopened) has nothing new to say.
  if (!before) return [];
  const said = after.escalations.slice(before.escalations.length).map((e) => `${draftFailed(after, e.fromModel) ? 'Draft failed' : 'Draft rejected'}: escalating to ${e.toModel}`);
  if (before.status === 'running' && after.status !== 'running') said.push(ending(after));
  return said;
}

/** The drafter errored (no key, server down) rather than writing a draft the check refused. */
function draftFailed(run: LiveRun, model: string): boolean {
  return run.attempts.findLast((a) => a.model === model && a.result)?.result?.status === 'error';
}

function ending(run: LiveRun): string {
  if (run.status === 'cancelled') return 'Answer stopped';
  if (run.status === 'failed') return `No answer: ${spoken(run.error?.message ?? 'the run failed')}`;
  const model = run.outcome?.model ?? run.attempts.at(-1)?.model;
  const ready = model ? `Answer from ${model} ready` : 'Answer ready';
  return run.outcome?.status === 'unverified' ? `${ready}, not verified` : ready;
}

/** Error messages mark commands as `code` for the screen; the backticks are not to be read out. */
function spoken(text: string): string {
  return text.replace(/`([^`]+)`/g, '$1');
}
