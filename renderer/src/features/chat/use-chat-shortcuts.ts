// The chat's keyboard shortcuts: Escape stops the answer being written (as Stop does),
// Ctrl/⌘+K goes to the conversation search, Ctrl/⌘+Shift+O starts a new chat. Ctrl+N would be
// the desktop habit, but a browser keeps it for itself, and browser mode must behave the same.
import { useEffect, useRef, type RefObject } from 'react';

export interface ChatShortcuts {
  /** Stops the running answer; null when nothing is running. */
  stop: (() => void) | null;
  newChat: () => void;
  search: RefObject<HTMLInputElement | null>;
}

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** Shown on the controls (aria-keyshortcuts) and in their tooltips. */
export const SHORTCUTS = {
  stop: { keys: 'Escape', label: 'Esc' },
  search: { keys: 'Control+K Meta+K', label: `${MOD}K` },
  newChat: { keys: 'Control+Shift+O Meta+Shift+O', label: `${MOD}Shift+O` },
} as const;

export function useChatShortcuts(actions: ChatShortcuts): void {
  // The listener is added once; it reads the latest actions through the ref.
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const { stop, newChat, search } = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      // Escape in a text field (the search box, a title being renamed) belongs to that field.
      if (e.key === 'Escape' && stop && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement)) {
        e.preventDefault();
        stop();
      } else if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (mod && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        newChat();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
