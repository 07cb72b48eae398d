// Where the keyboard goes when a busy action ends. A Button disables itself while busy, so the
// focus it had falls to the page body: a keyboard user would start again from the top of the
// page, and a screen reader would say nothing of the outcome. When the action ends with the focus
// still lost, it goes to what the action produced (or back to its button), scrolled into view.
// Focus the user put somewhere else meanwhile is left where it is.
import { useEffect, useRef } from 'react';

/** `block`: where the target is scrolled to, as scrollIntoView takes it ('center' shows what is around it). */
export function useFocusWhenDone(busy: boolean, target: () => HTMLElement | null | undefined, block: ScrollLogicalPosition = 'nearest'): void {
  const wasBusy = useRef(busy);
  const targetRef = useRef(target);
  targetRef.current = target;
  useEffect(() => {
    const ended = wasBusy.current && !busy;
    wasBusy.current = busy;
    if (!ended) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    const el = targetRef.current();
    if (!el) return;
    el.scrollIntoView?.({ block });
    el.focus({ preventScroll: true });
  }, [busy, block]);
}
