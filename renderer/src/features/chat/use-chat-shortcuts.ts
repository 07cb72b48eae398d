// The chat's keyboard shortcuts: Escape stops the answer being written (as Stop does),
// Ctrl/⌘+K goes to the conversation search, Ctrl/⌘+Shift+O starts a new chat, Alt+↑/Alt+↓
// (⌥↑/⌥↓ on a Mac) open the previous/next conversation of the list, as in Slack. Ctrl+N would be
// the desktop habit, and Alt+←/→ Slack's history keys, but a browser keeps those for itself, and
// browser mode must behave the same. (↑ in the empty message box edits the last question: the
// composer handles that key, since it depends on the box's text.)
import { useEffect, useRef, type RefObject } from 'react';

export interface ChatShortcuts {
  /** Stops the running answer; null when nothing is running. */
  stop: (() => void) | null;
  newChat: () => void;
  search: RefObject<HTMLInputElement | null>;
  /** Opens the conversation before (-1) or after (1) the open one in the list. */
  step: (delta: -1 | 1) => void;
}

const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const MOD = isMac() ? '⌘' : 'Ctrl+';
const ALT = isMac() ? '⌥' : 'Alt+';

/** Shown on the controls (aria-keyshortcuts) and in their tooltips. */
export const SHORTCUTS = {
  stop: { keys: 'Escape', label: 'Esc' },
  search: { keys: 'Control+K Meta+K', label: `${MOD}K` },
  newChat: { keys: 'Control+Shift+O Meta+Shift+O', label: `${MOD}Shift+O` },
  previousConversation: { keys: 'Alt+ArrowUp', label: `${ALT}↑` },
  nextConversation: { keys: 'Alt+ArrowDown', label: `${ALT}↓` },
  editLastQuestion: { keys: 'ArrowUp', label: '↑ in the empty message box' },
} as const;

function isTextField(t: EventTarget | null): t is HTMLInputElement | HTMLTextAreaElement | HTMLElement {
  if (t instanceof HTMLTextAreaElement) return true;
  if (t instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(t.type);
  return t instanceof HTMLElement && t.isContentEditable;
}

const hasText = (t: HTMLElement): boolean => (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement ? t.value !== '' : (t.textContent ?? '') !== '');

/**
 * Which way Alt+↑/↓ steps through the conversations, or null when the keys are not the
 * shortcut here. On a Mac ⌥↑/⌥↓ move the caret to the start/end of the paragraph, so in a text
 * field holding text they keep doing that; in an empty one (the message box after sending) there
 * is nothing to move through and they step. Elsewhere Alt+↑/↓ mean nothing to a text field and
 * always step. Never in a list box (Alt+↓ opens it), nor with Shift (⌥⇧↑ selects).
 */
export function conversationStep(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'target'>, mac = isMac()): -1 | 1 | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return null;
  if (e.target instanceof HTMLSelectElement) return null;
  if (mac && isTextField(e.target) && hasText(e.target)) return null;
  return e.key === 'ArrowUp' ? -1 : 1;
}

export function useChatShortcuts(actions: ChatShortcuts): void {
  // The listener is added once; it reads the latest actions through the ref.
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const { stop, newChat, search, step } = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      const delta = conversationStep(e);
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
      } else if (delta !== null) {
        e.preventDefault();
        step(delta);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
