// After a refused submit, the keyboard goes to the form's first mistake: the first control
// marked aria-invalid (see invalidProps in field.tsx) in the page's order, scrolled into view.
// Its label, "invalid" and its error (aria-describedby) are read out as it takes the focus.
// Found in the DOM after the errors render, so every editor's controls count, however their
// error keys are spelled.
import { useCallback, useEffect, useState, type RefObject } from 'react';
import { invalidControls } from './invalid-fields.ts';

/** Returns the request: call it when a submit was refused for field errors. */
export function useFocusFirstInvalid(container: RefObject<HTMLElement | null>): () => void {
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests === 0) return;
    const first = container.current ? invalidControls(container.current)[0] : undefined;
    if (!first) return;
    // Centred: the label above it and the error under it stay in view too.
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  }, [container, requests]);
  return useCallback(() => setRequests((n) => n + 1), []);
}
