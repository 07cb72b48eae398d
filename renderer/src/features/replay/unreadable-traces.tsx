// Traces in the data folder that cannot be read (edited by hand, damaged, or written by a version
// whose format this one refuses). They are listed apart so the other traces stay usable, each
// with its file and the problem, since fixing or deleting the file is the way out.
import type { UnreadableTrace } from '../../../../shared/core/replay/library.ts';
import { counted } from '../../../../shared/core/words.ts';

export function UnreadableTraces({ traces }: { traces: readonly UnreadableTrace[] }) {
  if (traces.length === 0) return null;
  return (
    <div className="notice notice-warn replay-unreadable" role="status" data-testid="replay-unreadable">
      <p>
        {counted(traces.length, 'trace')} cannot be read and {traces.length === 1 ? 'is' : 'are'} left out of the list. Fix or delete the file, then open Replay again:
      </p>
      <ul>
        {traces.map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong> (<code>{t.file}</code>): {t.problem}
          </li>
        ))}
      </ul>
    </div>
  );
}
