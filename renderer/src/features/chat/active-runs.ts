// The page's runs after reading a conversation again, set against the server's runs in progress
// (cascade.active): a run started before a reload or in another window is adopted, so its answer
// streams, with its spinner and a working Stop; a running run is rebuilt from the server's events
// (the page may have missed some); an adopted run that ended unseen goes (its answer is among the
// saved messages).
import type { ActiveRun } from '../../../../shared/api/contract.ts';
import { liveRunFromActive, type LiveRun } from './live-run.ts';

export function reconcileRuns(runs: LiveRun[], conversationId: string, active: ActiveRun[], savedRunIds: ReadonlySet<string>): LiveRun[] {
  const serverRuns = new Map(active.filter((a) => a.conversationId === conversationId).map((a) => [a.runId, a]));
  const kept: LiveRun[] = [];
  for (const run of runs) {
    if (run.conversationId !== conversationId) {
      kept.push(run);
      continue;
    }
    const onServer = serverRuns.get(run.runId);
    serverRuns.delete(run.runId);
    if (run.adopted && (savedRunIds.has(run.runId) || (run.status === 'running' && !onServer))) continue;
    // The server's events are complete up to the snapshot, and the page holds every event after
    // it (see the chat store): rebuilt, the run has no gap left by a dropped event stream. Only
    // a snapshot whose text was cut at its cap knows less than the page may.
    if (!onServer || run.status !== 'running') kept.push(run);
    else if (!onServer.truncated) kept.push(liveRunFromActive(onServer, run));
    else kept.push({ ...run, userMessageId: run.userMessageId ?? onServer.userMessageId });
  }
  // A run still listed after its answer was saved is only finishing up: the saved answer shows.
  const adopted = [...serverRuns.values()].filter((a) => !savedRunIds.has(a.runId)).map((a) => liveRunFromActive(a));
  if (adopted.length === 0) return kept;
  // In the order they were asked, as the saved questions are.
  return [...kept, ...adopted].sort((a, b) => a.startedAt - b.startedAt);
}
