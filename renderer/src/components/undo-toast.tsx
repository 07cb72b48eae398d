// A short notice with an Undo that goes away by itself when its time is up ("Conversation deleted
// · Undo"). Put it inside a polite live region that is always on the page (UndoRegion), so a
// screen reader announces it without interrupting. Esc closes it. An error stays until closed:
// a failure must not vanish unseen.
import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from './button.tsx';
import { XIcon } from './icons.tsx';

export interface UndoToastProps {
  message: ReactNode;
  /** Epoch ms when it closes by itself. */
  until: number;
  onUndo: () => void;
  /** Closed: by its button, by Esc, or because its time is up. */
  onClose: () => void;
  /** The Undo button's tooltip: what it brings back. */
  undoTitle?: string;
  error?: string | null;
}

/** Its buttons carry data-toast-action ("undo", "dismiss"), for a parent that moves the focus there. */
export function UndoToast({ message, until, onUndo, onClose, undoTitle, error = null }: UndoToastProps) {
  // The timer is set once per deadline; it calls the parent's latest onClose.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    if (error !== null) return;
    const t = setTimeout(() => close.current(), Math.max(0, until - Date.now()));
    return () => clearTimeout(t);
  }, [until, error]);

  return (
    <div
      className="toast"
      data-testid="undo-toast"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Taken here, so the chat's Esc (stop the answer) does not see it.
          e.preventDefault();
          onClose();
        }
      }}
    >
      <span className="toast-message">{error ?? message}</span>
      {error === null && (
        <Button size="sm" variant="ghost" className="toast-action" onClick={onUndo} title={undoTitle} data-toast-action="undo">
          Undo
        </Button>
      )}
      <Button size="sm" variant="ghost" icon={<XIcon />} aria-label="Dismiss" title="Dismiss (Esc)" onClick={onClose} data-toast-action="dismiss" />
    </div>
  );
}

/** The polite live region the toast appears in: present before the toast, or it goes unannounced. */
export function UndoRegion({ children }: { children: ReactNode }) {
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {children}
    </div>
  );
}
