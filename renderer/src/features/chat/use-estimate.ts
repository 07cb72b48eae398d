// Debounced pre-send estimate of input tokens and cost (cascade.estimate) for the composer.
// An estimate that failed (the server was away) is asked again when the event stream comes back
// or the window gets the focus, not only when the text changes.
import { useEffect, useRef, useState } from 'react';
import type { CostEstimate } from '../../../../shared/api/contract.ts';
import type { ApiError } from '../../../../shared/api/result.ts';
import { api } from '../../api/instance.ts';
import { useAppStore } from '../../stores/app-store.ts';

export interface EstimateState {
  estimate: CostEstimate | null;
  error: ApiError | null;
  pending: boolean;
}

/** `beforeMessageId`: the question being edited, whose edit is asked with only the history before it. */
export function useEstimate(prompt: string, conversationId: string | null, delayMs = 400, beforeMessageId: string | null = null): EstimateState {
  const [state, setState] = useState<EstimateState>({ estimate: null, error: null, pending: false });
  const text = prompt.trim();
  // Bumped to ask again; read through a ref so a retry that fails too does not loop.
  const [retry, setRetry] = useState(0);
  const failed = useRef(false);
  failed.current = state.error !== null;
  const connected = useAppStore((s) => s.eventsConnected);
  useEffect(() => {
    if (connected === true && failed.current) setRetry((n) => n + 1);
  }, [connected]);
  useEffect(() => {
    const onFocus = (): void => {
      if (failed.current) setRetry((n) => n + 1);
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  useEffect(() => {
    if (!text) {
      setState({ estimate: null, error: null, pending: false });
      return;
    }
    let cancelled = false;
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      void api()
        .call('cascade.estimate', conversationId ? { prompt: text, conversationId, ...(beforeMessageId ? { beforeMessageId } : {}) } : { prompt: text })
        .then((r) => {
          if (cancelled) return;
          setState(r.ok ? { estimate: r.value, error: null, pending: false } : { estimate: null, error: r.error, pending: false });
        });
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, conversationId, delayMs, beforeMessageId, retry]);

  return state;
}
