// A provider endpoint that keeps failing (down, hanging, answering 5xx) costs the user a full
// timeout on every query. After `failures` such failures in a row the endpoint is skipped for
// `coolDownMs`: its calls fail at once with `unreachable`, without touching the network, and the
// engine moves on to the next tier. After the cool-down one call may try again (half-open); a
// success closes the circuit, a failure opens it for another cool-down.
import { CIRCUIT_BREAKER_DEFAULTS, type CircuitBreakerConfig, type TierConfig } from '../../../shared/core/config/schema.ts';
import type { LlmRequest, StreamChunk } from '../../../shared/core/model.ts';
import type { LlmProvider, ProviderResolver } from '../../../shared/core/ports.ts';
import { ProviderError, isProviderError } from '../../../shared/core/provider-error.ts';
import { counted } from '../../../shared/core/words.ts';

export interface CircuitBreakerOptions {
  /** Read at every call, so a change in Settings applies to the next query. */
  settings?: () => CircuitBreakerConfig | undefined;
  /** Wall clock in ms (injected by tests). */
  now?: () => number;
}

export interface EndpointState {
  /** Failures in a row, each within `windowMs` of the one before. */
  consecutive: number;
  lastFailureAt: number;
  /** Set while the circuit is open: calls before this time are skipped. */
  openUntil: number | null;
  /** A half-open trial call is running; others are still skipped until it ends. */
  probing: boolean;
}

export interface CircuitBreakerResolver extends ProviderResolver {
  /** The state of an endpoint by its provider label ("Ollama at http://..."), for tests and diagnostics. */
  stateOf(label: string): Readonly<EndpointState> | undefined;
}

type Outcome = 'success' | 'failure' | 'answered' | 'none';

export function withCircuitBreaker(inner: ProviderResolver, opts: CircuitBreakerOptions = {}): CircuitBreakerResolver {
  const now = opts.now ?? Date.now;
  const settings = (): CircuitBreakerConfig => opts.settings?.() ?? CIRCUIT_BREAKER_DEFAULTS;
  const states = new Map<string, EndpointState>();
  const wrapped = new WeakMap<LlmProvider, LlmProvider>();

  const stateFor = (label: string): EndpointState => {
    let s = states.get(label);
    if (!s) {
      s = { consecutive: 0, lastFailureAt: 0, openUntil: null, probing: false };
      states.set(label, s);
    }
    return s;
  };

  const settle = (s: EndpointState, outcome: Outcome, probe: boolean): void => {
    const cfg = settings();
    const t = now();
    if (probe) s.probing = false;
    if (outcome === 'success' || outcome === 'answered') {
      // The server answered (even with a 401 or a 404): it is up, so the run of failures ends.
      s.consecutive = 0;
      s.openUntil = null;
      return;
    }
    if (outcome !== 'failure') return;
    if (t - s.lastFailureAt > cfg.windowMs) s.consecutive = 0;
    s.consecutive++;
    s.lastFailureAt = t;
    if (probe || (cfg.failures > 0 && s.consecutive >= cfg.failures)) s.openUntil = t + cfg.coolDownMs;
  };

  const wrap = (provider: LlmProvider): LlmProvider => {
    const label = provider.label;
    async function* stream(request: LlmRequest, signal: AbortSignal): AsyncGenerator<StreamChunk> {
      const cfg = settings();
      const s = stateFor(label);
      let probe = false;
      if (cfg.failures > 0 && s.openUntil !== null) {
        const t = now();
        if (t < s.openUntil || s.probing) throw skipped(provider, request.model, s, Math.max(0, s.openUntil - t));
        s.probing = true;
        probe = true;
      }
      let outcome: Outcome = 'none';
      try {
        for await (const chunk of provider.stream(request, signal)) {
          if (chunk.type === 'done') outcome = 'success';
          yield chunk;
        }
      } catch (e) {
        outcome = classify(e);
        throw e;
      } finally {
        settle(s, outcome, probe);
      }
    }
    return {
      kind: provider.kind,
      label,
      stream,
      ...(provider.listModels ? { listModels: provider.listModels.bind(provider) } : {}),
    };
  };

  return {
    forTier(tier: TierConfig): LlmProvider {
      const provider = inner.forTier(tier);
      let w = wrapped.get(provider);
      if (!w) {
        w = wrap(provider);
        wrapped.set(provider, w);
      }
      return w;
    },
    stateOf: (label) => states.get(label),
  };
}

/** Only failures that say "this endpoint is not serving" count; a refusal is an answer. */
function classify(e: unknown): Outcome {
  if (!isProviderError(e)) return 'none';
  if (e.code === 'unreachable' || e.code === 'timeout') return 'failure';
  if (e.code === 'provider_error' && e.status !== undefined && e.status >= 500) return 'failure';
  if (e.code === 'cancelled') return 'none';
  return e.status !== undefined ? 'answered' : 'none';
}

function skipped(provider: LlmProvider, model: string, s: EndpointState, remainingMs: number): ProviderError {
  return new ProviderError({
    code: 'unreachable',
    provider: provider.kind,
    model,
    message: `skipped ${model}: ${provider.label} failed ${counted(s.consecutive, 'time')} in a row; retrying after ${seconds(remainingMs)}`,
  });
}

function seconds(ms: number): string {
  if (ms >= 10_000) return `${Math.ceil(ms / 1000)} s`;
  const tenths = Math.max(1, Math.ceil(ms / 100));
  return tenths % 10 === 0 ? `${tenths / 10} s` : `${(tenths / 10).toFixed(1)} s`;
}
