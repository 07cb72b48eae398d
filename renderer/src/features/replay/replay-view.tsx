// Replay: measure the cascade on recorded answers before changing anything. Pick a trace and a
// drafter/verifier pair, run a 101-threshold sweep, read the cost-quality curve against the
// baselines, and use the threshold you like.
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { ReplayIcon } from '../../components/icons.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { Spinner } from '../../components/spinner.tsx';
import { useFocusWhenDone } from '../../components/use-focus-when-done.ts';
import { useReplayStore } from '../../stores/replay.ts';
import { CascadeForm } from './cascade-form.tsx';
import { ReplayResults } from './replay-results.tsx';
import { TracePicker } from './trace-picker.tsx';
import { UnreadableTraces } from './unreadable-traces.tsx';
import './replay.css';

export function ReplayView() {
  const { traces, unreadable, tracesStatus, tracesError, traceId, report, reportOf } = useReplayStore(
    useShallow((s) => ({ traces: s.traces, unreadable: s.unreadable, tracesStatus: s.tracesStatus, tracesError: s.tracesError, traceId: s.traceId, report: s.report, reportOf: s.reportOf })),
  );
  const loadTraces = useReplayStore((s) => s.loadTraces);
  const running = useReplayStore((s) => s.running !== null);
  // A finished sweep reads out its verdict, scrolled to the middle with the target above it and
  // the chart below; a failed one goes back to Run, under its error.
  useFocusWhenDone(running, () => document.getElementById(useReplayStore.getState().runError ? 'replay-run' : 'replay-verdict'), 'center');

  useEffect(() => {
    void loadTraces();
  }, [loadTraces]);

  const trace = traces?.find((t) => t.id === traceId) ?? null;
  const reportTrace = traces?.find((t) => t.id === reportOf?.traceId);

  return (
    <div className="page" data-testid="replay-view">
      <div className="page-inner">
        <header className="page-head">
          <div>
            <h1 className="page-title">Replay</h1>
            <p className="page-sub">Measure a threshold on recorded answers before you use it: every draft goes through the real validator, and quality and cost come from the recording. No model is called and nothing is spent.</p>
          </div>
        </header>
        {tracesStatus === 'error' && tracesError && <ErrorBanner error={tracesError} onRetry={() => void loadTraces()} />}
        {tracesStatus === 'loading' && !traces && <Spinner label="Reading the traces…" />}
        <UnreadableTraces traces={unreadable} />
        {traces && traces.length === 0 && (
          <div className="card">
            <EmptyState icon={<ReplayIcon size={28} />} title="No traces yet">
              <RichText text="Import a trace below, or record one with `cascadeflow record prompts.jsonl --models a,b -o trace.jsonl`." />
            </EmptyState>
          </div>
        )}
        {traces && (
          <div className="grid-2 replay-setup">
            <TracePicker traces={traces} trace={trace} />
            {trace && <CascadeForm trace={trace} />}
          </div>
        )}
        {report && reportOf && <ReplayResults report={report} title={`${reportOf.drafter} → ${reportOf.verifier}${reportTrace ? ` on ${reportTrace.name}` : ''}`} />}
      </div>
    </div>
  );
}
