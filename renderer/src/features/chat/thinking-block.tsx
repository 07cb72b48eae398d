// A reasoning model's thinking, folded above its answer. It is not the answer (the validator
// never judges it), but it is what the wait was for, so it can be opened and read.
import { useLayoutEffect, useRef, useState } from 'react';
import { ChevronDownIcon, ChevronUpIcon } from '../../components/icons.tsx';
import { counted } from '../../../../shared/core/words.ts';
import { formatMs } from '../../lib/format.ts';

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Reasoning the reader opened, by run: the live answer and the finished one are different
 * components, and the finished one must not fold what the reader opened while it streamed.
 */
const openedRuns = new Set<string>();

/**
 * `runId`: the run the reasoning belongs to. `live`: the model is still thinking and has not
 * started its answer (the status line says so). `ms`: how long it took before it answered.
 */
export function ThinkingBlock({ runId, text, live, ms = null }: { runId: string; text: string; live: boolean; ms?: number | null }) {
  const [open, setOpenState] = useState(() => openedRuns.has(runId));
  const setOpen = (next: boolean) => {
    if (next) openedRuns.add(runId);
    else openedRuns.delete(runId);
    setOpenState(next);
  };
  const body = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // While the model thinks, an open body follows the newest line, unless the reader scrolled up.
  useLayoutEffect(() => {
    const el = body.current;
    if (el && live && following.current) el.scrollTop = el.scrollHeight;
  }, [text, live, open]);
  return (
    <div className="thinking" data-testid="thinking">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {live ? 'Reasoning so far' : 'Reasoning'}
        <span className="muted">
          {ms !== null && ` · ${formatMs(ms)}`} · {counted(wordCount(text), 'word', 'words')}
        </span>
        {open ? <ChevronUpIcon size={12} /> : <ChevronDownIcon size={12} />}
      </button>
      {open && (
        <div
          className="thinking-body"
          ref={body}
          onScroll={(e) => {
            const el = e.currentTarget;
            following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
          }}
        >
          {text.trim()}
        </div>
      )}
    </div>
  );
}
