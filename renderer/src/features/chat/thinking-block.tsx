// A reasoning model's thinking, folded above its answer. It is not the answer (the validator
// never judges it), but it is what the wait was for, so it can be opened and read.
import { useState } from 'react';
import { ChevronDownIcon, ChevronUpIcon } from '../../components/icons.tsx';
import { counted } from '../../../../shared/core/words.ts';
import { formatMs } from '../../lib/format.ts';

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * `live`: the model is still thinking and has not started its answer (the status line says so).
 * `ms`: how long it took before it answered, when known.
 */
export function ThinkingBlock({ text, live, ms = null }: { text: string; live: boolean; ms?: number | null }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="thinking" data-testid="thinking">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {live ? 'Reasoning so far' : 'Reasoning'}
        <span className="muted">
          {ms !== null && ` · ${formatMs(ms)}`} · {counted(wordCount(text), 'word', 'words')}
        </span>
        {open ? <ChevronUpIcon size={12} /> : <ChevronDownIcon size={12} />}
      </button>
      {open && <div className="thinking-body">{text.trim()}</div>}
    </div>
  );
}
