// Which trace to replay: the bundled examples and imported ones, and a form to import a
// RouteLLM GSM8K CSV or a JSONL trace from a file.
import { useState } from 'react';
import { TRACE_IMPORT_MAX_CHARS, traceTooBigMessage, type ReplayTraceInfo } from '../../../../shared/core/replay/library.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { Field } from '../../components/field.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { useFocusWhenDone } from '../../components/use-focus-when-done.ts';
import { formatCount } from '../../lib/format.ts';
import { useReplayStore, type ImportKind } from '../../stores/replay.ts';
import { METRIC_LABEL } from './curve.ts';
import { readFileText } from './read-file.ts';
import { counted } from '../../../../shared/core/words.ts';

export function TracePicker({ traces, trace }: { traces: ReplayTraceInfo[]; trace: ReplayTraceInfo | null }) {
  const selectTrace = useReplayStore((s) => s.selectTrace);
  const running = useReplayStore((s) => s.running !== null);
  return (
    <section className="card replay-card" aria-label="Trace">
      <h2 className="card-title">Recorded answers</h2>
      <Field label="Trace" htmlFor="replay-trace">
        <select id="replay-trace" value={trace?.id ?? ''} disabled={running} onChange={(e) => selectTrace(e.target.value)} data-testid="replay-trace">
          {traces.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} · {counted(t.queries, 'query', 'queries')}{t.source === 'imported' ? ' · imported' : ''}
            </option>
          ))}
        </select>
      </Field>
      {trace && (
        <div className="replay-trace-info" data-testid="replay-trace-info">
          <p>{trace.description}</p>
          <p className="muted">
            Quality: {METRIC_LABEL[trace.metric]}. Models: {trace.models.map((m) => `${m.model} (${formatCount(m.answers)}${m.samples > 0 ? `, ${counted(m.samples, 'extra answer')} each` : ''})`).join(', ')}.
          </p>
        </div>
      )}
      <ImportForm />
    </section>
  );
}

const KINDS: { id: ImportKind; label: string; accept: string }[] = [
  { id: 'trace', label: 'Trace (JSONL)', accept: '.jsonl,.json,.txt' },
  { id: 'routellm-gsm8k', label: 'RouteLLM GSM8K (CSV)', accept: '.csv,.txt' },
];

function ImportForm() {
  const importTrace = useReplayStore((s) => s.importTrace);
  const refuseImport = useReplayStore((s) => s.refuseImport);
  const importing = useReplayStore((s) => s.importing);
  const error = useReplayStore((s) => s.importError);
  const [kind, setKind] = useState<ImportKind>('trace');
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const accept = KINDS.find((k) => k.id === kind)?.accept ?? '';
  // Imported, the trace is selected in the list: the keyboard goes there; refused, back to Import.
  useFocusWhenDone(importing, () => document.getElementById(useReplayStore.getState().importError ? 'replay-import' : 'replay-trace'));

  const submit = async () => {
    if (!file) return;
    setDone(null);
    // Refused before it is read: a file past the API's limit would only fail after the wait,
    // and over HTTP with a transport error that names neither the file nor a way out.
    if (file.size > TRACE_IMPORT_MAX_CHARS) return refuseImport(traceTooBigMessage(file.name));
    // Named by the file the user chose, not by the API's field ("content: the file is empty").
    if (file.size === 0) return refuseImport(`${file.name} is empty: a trace has one JSON object a line.`);
    const ok = await importTrace(kind, await readFileText(file), name || file.name.replace(/\.[^.]+$/, ''));
    if (ok) setDone(`Imported ${file.name}.`);
  };

  return (
    <details className="replay-import">
      <summary>Import a trace</summary>
      <div className="replay-import-body">
        <div className="grid-2">
          <Field label="Format" htmlFor="replay-import-kind">
            <select id="replay-import-kind" value={kind} onChange={(e) => setKind(e.target.value === 'routellm-gsm8k' ? 'routellm-gsm8k' : 'trace')}>
              {KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Name" htmlFor="replay-import-name" hint="Shown in the list; defaults to the file name.">
            <input id="replay-import-name" type="text" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </Field>
        </div>
        <Field label="File" htmlFor="replay-import-file" hint={<RichText text="`cascadeflow record` and `cascadeflow import` write traces; up to 8 MB here. A bad line is reported with its number." />}>
          <input id="replay-import-file" type="file" accept={accept} onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="replay-import-file" />
        </Field>
        <div className="replay-actions">
          <Button id="replay-import" busy={importing} disabled={!file} onClick={() => void submit()} data-testid="replay-import">
            Import
          </Button>
          {done && <span className="muted">{done}</span>}
        </div>
        {error && <ErrorBanner error={error} compact />}
      </div>
    </details>
  );
}
