// Content that appears on hover or focus must be dismissible without moving the pointer or the
// focus (WCAG 1.4.13): Escape hides an older answer's details card (chat.css shows it while the
// pointer or the focus is on the facts line) until the pointer or the focus comes to it again.
import { useEffect, useState, type FocusEvent, type RefObject } from 'react';

export interface DismissibleCard {
  dismissed: boolean;
  /** On the element whose hover or focus shows the card. */
  triggerProps: {
    onPointerEnter: () => void;
    onPointerLeave: () => void;
    onFocus: (e: FocusEvent<HTMLElement>) => void;
    onBlur: (e: FocusEvent<HTMLElement>) => void;
  };
  /** Shows the card again on its next hover or focus (the toggle was used). */
  reset: () => void;
}

/** The focus came from, or goes to, outside the element (not from one of its controls to another). */
const crossesEdge = (e: FocusEvent<HTMLElement>): boolean => !(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget));

/**
 * `enabled`: the card can show (an older answer whose details are not open for good).
 * `card`: the card, whose focused control hides with it; `returnTo`: where that focus goes then.
 */
export function useDismissibleCard(enabled: boolean, card: RefObject<HTMLElement | null>, returnTo: RefObject<HTMLElement | null>): DismissibleCard {
  const [dismissed, setDismissed] = useState(false);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const shown = enabled && !dismissed && (hovered || focused);

  useEffect(() => {
    if (!shown) return;
    // On the window, in the capture phase: with only the pointer on the line the key goes to
    // whatever has the focus (the message box), and the card must close all the same.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.isComposing || e.defaultPrevented) return;
      setDismissed(true);
      if (!focused) return; // The key still does what it does where the focus is (Stop).
      // The focus is on the line: the key was meant for its card, not for the chat's Stop.
      e.preventDefault();
      if (card.current?.contains(document.activeElement)) returnTo.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [shown, focused, card, returnTo]);

  return {
    dismissed: enabled && dismissed,
    triggerProps: {
      // A new hover or focus from elsewhere shows the card again.
      onPointerEnter: () => {
        setHovered(true);
        setDismissed(false);
      },
      onPointerLeave: () => setHovered(false),
      onFocus: (e) => {
        if (!crossesEdge(e)) return;
        setFocused(true);
        setDismissed(false);
      },
      onBlur: (e) => {
        if (crossesEdge(e)) setFocused(false);
      },
    },
    reset: () => setDismissed(false),
  };
}
