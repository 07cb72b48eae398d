// Builds the LlmProvider for a tier (one per kind + address + key + timeout, cached), and the
// "test connection" probe behind Settings.
import type { ProviderKind, TierConfig } from '../../../shared/core/config/schema.ts';
import type { ProviderTestResult } from '../../../shared/api/contract.ts';
import type { LlmProvider, ProviderResolver } from '../../../shared/core/ports.ts';
import type { ProviderError } from '../../../shared/core/provider-error.ts';
import { createAnthropicProvider } from './anthropic.ts';
import { KEY_REQUIRED, PROVIDER_NAMES, keyEnvFor, lookupSecret, resolveBaseUrl, type Env } from './endpoints.ts';
import { withCircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.ts';
import { make, missingKeyError, toProviderError, type ErrorContext } from './errors.ts';
import { tierFieldAdvice, type SetupPlace } from './setup-advice.ts';
import { TUNING_DEFAULTS, type AdapterTuning } from './guarded.ts';
import { createOllamaProvider } from './ollama.ts';
import { createOpenAICompatibleProvider } from './openai-compatible.ts';
import { counted } from '../../../shared/core/words.ts';

export { describeProviderAddress, normalizeOllamaHost, resolveBaseUrl, PROVIDER_NAMES } from './endpoints.ts';
export { createOllamaProvider } from './ollama.ts';
export { createOpenAICompatibleProvider } from './openai-compatible.ts';
export { createAnthropicProvider } from './anthropic.ts';
export type { AdapterTuning } from './guarded.ts';
export { withCircuitBreaker, type CircuitBreakerOptions, type CircuitBreakerResolver } from './circuit-breaker.ts';

export interface ProviderResolverOptions extends Omit<AdapterTuning, 'timeoutMs'> {
  env: Env;
  /** Stored secrets (safeStorage / 0600 file); consulted after the environment. */
  getSecret?: (name: string) => string | undefined;
  /** For tiers without timeoutMs (default 120 s). */
  defaultTimeoutMs?: number;
  /** Skip endpoints that keep failing (see circuit-breaker.ts); off when absent. */
  circuitBreaker?: CircuitBreakerOptions;
  /** Whose words the errors use to say where to fix the setup (default: the app's Settings). */
  setupPlace?: SetupPlace;
}

/** Enough distinct endpoints for any config; keeps a long session's key rotations from piling up. */
const CACHE_LIMIT = 32;

export function createProviderResolver(opts: ProviderResolverOptions): ProviderResolver {
  const resolver = createBareResolver(opts);
  return opts.circuitBreaker ? withCircuitBreaker(resolver, opts.circuitBreaker) : resolver;
}

function createBareResolver(opts: ProviderResolverOptions): ProviderResolver {
  const cache = new Map<string, LlmProvider>();
  return {
    forTier(tier: TierConfig): LlmProvider {
      const timeoutMs = tier.timeoutMs ?? opts.defaultTimeoutMs ?? TUNING_DEFAULTS.timeoutMs;
      const baseUrl = resolveBaseUrl(tier.provider, tier.baseUrl, opts.env);
      const keyEnv = keyEnvFor(tier.provider, tier.apiKeyEnv);
      const apiKey = lookupSecret(keyEnv, opts.env, opts.getSecret);
      const cacheKey = JSON.stringify([tier.provider, baseUrl ?? null, keyEnv ?? null, apiKey ?? null, timeoutMs]);
      const hit = cache.get(cacheKey);
      if (hit) return hit;
      const provider = build(tier.provider, baseUrl, { keyEnv, apiKey, setupPlace: opts.setupPlace }, { ...tuningOf(opts), timeoutMs });
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
      cache.set(cacheKey, provider);
      return provider;
    },
  };
}

function tuningOf(o: ProviderResolverOptions): AdapterTuning {
  return {
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.maxRetries !== undefined ? { maxRetries: o.maxRetries } : {}),
    ...(o.idleTimeoutMs !== undefined ? { idleTimeoutMs: o.idleTimeoutMs } : {}),
    ...(o.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: o.maxRetryAfterMs } : {}),
  };
}

interface KeyAndPlace {
  keyEnv: string | undefined;
  apiKey: string | undefined;
  setupPlace: SetupPlace | undefined;
}

function build(kind: ProviderKind, baseUrl: string | undefined, { keyEnv, apiKey, setupPlace }: KeyAndPlace, tuning: AdapterTuning): LlmProvider {
  const name = PROVIDER_NAMES[kind];
  const place = setupPlace ? { setupPlace } : {};
  if (baseUrl === undefined) {
    const ctx: ErrorContext = { kind, address: '(no base URL)', phase: 'request' };
    const fix = tierFieldAdvice(setupPlace, 'set it on the tier');
    return failing(kind, `${name} (no base URL configured)`, () => make('unreachable', ctx, `${name} needs a base URL such as http://127.0.0.1:8080/v1: ${fix}`));
  }
  if (apiKey === undefined && KEY_REQUIRED.has(kind)) {
    const ctx: ErrorContext = { kind, address: baseUrl, phase: 'request', ...(keyEnv ? { keyEnv } : {}), ...place };
    return failing(kind, `${name} at ${baseUrl}`, () => missingKeyError(ctx));
  }
  const key = { ...(apiKey !== undefined ? { apiKey } : {}), ...(keyEnv ? { keyEnv } : {}), ...place };
  switch (kind) {
    case 'ollama':
      return createOllamaProvider({ ...tuning, host: baseUrl });
    case 'anthropic':
      return createAnthropicProvider({ ...tuning, baseUrl, ...key, apiKey: apiKey ?? '' });
    case 'openai':
    case 'groq':
    case 'vllm':
    case 'openai-compatible':
      return createOpenAICompatibleProvider({ ...tuning, kind, baseUrl, ...key });
  }
}

/** A provider that cannot work as configured; every call explains why. */
function failing(kind: ProviderKind, label: string, error: () => ProviderError): LlmProvider {
  return {
    kind,
    label,
    stream: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error()) }) }),
    listModels: () => Promise.reject(error()),
  };
}

export interface ConnectionTestOptions extends Partial<Omit<ProviderResolverOptions, 'defaultTimeoutMs'>> {
  /** Deadline for the probe (default 10 s). */
  timeoutMs?: number;
}

/** Lists the server's models as a connectivity check; never throws. */
export async function testProviderConnection(kind: ProviderKind, baseUrl?: string, apiKeyEnv?: string, opts: ConnectionTestOptions = {}): Promise<ProviderTestResult> {
  const resolver = createProviderResolver({ maxRetries: 0, ...opts, env: opts.env ?? process.env, defaultTimeoutMs: opts.timeoutMs ?? 10_000 });
  const tier: TierConfig = { model: 'connection-test', provider: kind, ...(baseUrl ? { baseUrl } : {}), ...(apiKeyEnv ? { apiKeyEnv } : {}) };
  const provider = resolver.forTier(tier);
  if (!provider.listModels) return { ok: true, message: `${provider.label}: configured (cannot list models)`, models: [] };
  try {
    const models = await provider.listModels();
    return { ok: true, message: connectedMessage(kind, provider.label, models.length), models };
  } catch (e) {
    const pe = toProviderError(e, { kind, address: resolveBaseUrl(kind, baseUrl, opts.env ?? process.env) ?? '(no base URL)', phase: 'request', operation: 'list', ...(opts.setupPlace ? { setupPlace: opts.setupPlace } : {}) });
    return { ok: false, message: pe.message, models: [] };
  }
}

function connectedMessage(kind: ProviderKind, label: string, n: number): string {
  if (n === 0) return kind === 'ollama' ? `Connected to ${label}, but no models are installed: run \`ollama pull llama3.2:3b\`` : `Connected to ${label}; it lists no models`;
  return `Connected to ${label}: ${counted(n, 'model')} ${kind === 'ollama' ? 'installed' : 'available'}`;
}
