// The chat's one voice for screen readers: a polite status region that says when an answer is
// ready, escalates or fails (run-announcements.ts), and the view's notes (new text below). The message list is deliberately not a live
// region: it would read out every streamed token.
import { useEffect, useState } from 'react';
import { useChatStore } from '../../stores/chat-store.ts';
import { runAnnouncements } from './run-announcements.ts';

export function RunAnnouncer({ notice = null }: { notice?: string | null } = {}) {
  const [said, setSaid] = useState<{ text: string; seq: number } | null>(null);

  // A note from the view (new text below, out of sight): said once each time it appears.
  useEffect(() => {
    if (notice) setSaid((s) => ({ text: notice, seq: (s?.seq ?? 0) + 1 }));
  }, [notice]);

  // Store transitions, not renders: every change of a run is seen, even two in one render.
  useEffect(
    () =>
      useChatStore.subscribe((state, prev) => {
        const before = new Map(prev.runs.map((r) => [r.runId, r]));
        // Only the open conversation's runs: news of another one would be out of context.
        const lines = state.runs.filter((r) => r.conversationId === state.conversationId).flatMap((r) => runAnnouncements(before.get(r.runId), r));
        if (lines.length > 0) setSaid((s) => ({ text: lines.join('. '), seq: (s?.seq ?? 0) + 1 }));
      }),
    [],
  );

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="chat-announcer">
      {/* A new node each time, so the same words ("Answer from X ready") are said again. */}
      {said && <span key={said.seq}>{said.text}</span>}
    </div>
  );
}
