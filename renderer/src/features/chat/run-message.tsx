// A run in flight (or just ended): the streaming draft, the escalation marker when the draft
// is replaced, the Stop button, and errors with a way to retry.
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { ChipIcon, CloudIcon, RetryIcon, ShieldIcon, StopIcon } from '../../components/icons.tsx';
import { Markdown } from '../../components/markdown.tsx';
import { AssistantAnswer, UserMessage } from './assistant-answer.tsx';
import { ConsistencySamples } from './consistency-samples.tsx';
import { EscalationMarker } from './escalation-marker.tsx';
import { ThinkingBlock } from './thinking-block.tsx';
import { viewOfRun, type LiveAttempt, type LiveRun } from './live-run.ts';
import { isLocalModel } from './outcome-view.ts';
import { settingsFixFor } from '../settings/open-settings-button.tsx';

export interface RunMessageProps {
  run: LiveRun;
  showPrompt: boolean;
  verifierModel: string | null;
  onStop: () => void;
  onRetry: (forceTop: boolean) => void;
  onDismiss: () => void;
}

export function RunMessage({ run, showPrompt, verifierModel, onStop, onRetry, onDismiss }: RunMessageProps) {
  const prompt = showPrompt ? <UserMessage text={run.prompt} /> : null;

  if (run.outcome && run.status === 'finished') {
    return (
      <>
        {prompt}
        <AssistantAnswer text={run.outcome.answer} outcome={run.outcome} latest actions={{ onRetry: () => onRetry(false), onRetryWithVerifier: () => onRetry(true), verifierModel }} />
      </>
    );
  }

  const view = viewOfRun(run);
  const current = view.current;
  const running = run.status === 'running';
  const partial = current?.text ?? run.outcome?.answer ?? '';

  return (
    <>
      {prompt}
      <article className="message message-assistant" data-testid="assistant-message" aria-busy={running}>
        {view.drafts.map(({ attempt, escalation }) => (
          <EscalationMarker key={attempt.index} draft={{ model: attempt.model, text: attempt.text, toModel: escalation?.toModel ?? current?.model ?? '', reason: escalation?.reason ?? 'the draft was not accepted', score: attempt.result?.quality?.score ?? null }} />
        ))}
        {running && (
          <div className="streaming-status" data-testid="streaming-status">
            <span className="spinner spinner-sm" aria-hidden="true" />
            {current ? (
              <span className={`badge ${isLocalModel(current.provider) ? 'badge-local' : 'badge-cloud'}`}>
                {isLocalModel(current.provider) ? <ChipIcon size={13} /> : <CloudIcon size={13} />}
                {current.model}
              </span>
            ) : null}
            <span>{statusText(run, view.waitingFor, current)}</span>
            {view.background.length > 0 && <span className="muted">· {view.background.map((a) => a.model).join(', ')} running in parallel</span>}
          </div>
        )}
        {current?.thinking ? <ThinkingBlock runId={run.runId} text={current.thinking} live={running && !partial} /> : null}
        {partial ? <Markdown source={partial} streaming={running} /> : running && !current?.thinking ? <div className="typing" aria-label="waiting for the first token"><span /><span /><span /></div> : null}
        <ConsistencySamples attempts={view.samples} />
        {run.status === 'cancelled' && <p className="run-note">Stopped{partial ? ': the answer above is incomplete' : ''}.</p>}
        {run.status === 'failed' && run.error && <ErrorBanner error={run.error} compact={false} onDismiss={onDismiss} announce={false} action={settingsFixFor(run.error.code)} />}
        <div className="message-actions">
          {running ? (
            <Button size="sm" variant="ghost" icon={<StopIcon />} onClick={onStop} busy={run.stopping} data-testid="stop-button">
              {run.stopping ? 'Stopping' : 'Stop'}
            </Button>
          ) : (
            <>
              <Button size="sm" variant="ghost" icon={<RetryIcon />} onClick={() => onRetry(false)}>
                Retry
              </Button>
              {verifierModel && (
                <Button size="sm" variant="ghost" icon={<ShieldIcon />} onClick={() => onRetry(true)}>
                  Retry with {verifierModel}
                </Button>
              )}
            </>
          )}
        </div>
      </article>
    </>
  );
}

function statusText(run: LiveRun, waitingFor: string | null, current: LiveAttempt | null): string {
  if (run.stopping) return 'stopping…';
  if (waitingFor) return `asking ${waitingFor}…`;
  if (!current) return run.forceTop ? 'asking the verifier…' : 'starting…';
  if (current.thinking && !current.text) return 'thinking…';
  return run.mode === 'buffer' ? 'checking the draft…' : 'answering…';
}
