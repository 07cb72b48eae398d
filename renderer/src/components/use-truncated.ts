// Whether an element's one-line text is cut by its ellipsis now: a "Details" toggle is offered
// only when there is more to see, and the check follows the layout (window size, media queries).
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useTruncated(ref: RefObject<HTMLElement | null>, text: string): boolean {
  const [truncated, setTruncated] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setTruncated(el.scrollWidth > el.clientWidth + 1);
    check();
    // jsdom has no ResizeObserver; there nothing is ever laid out, so nothing is cut either.
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, text]);
  return truncated;
}
