// Where each provider kind lives and which secret it needs. Environment variables win over the
// configured defaults (ARCHITECTURE.md pattern 9); a tier's own baseUrl wins over both.
import type { ProviderKind, TierConfig } from '../../../shared/core/config/schema.ts';

export type Env = Record<string, string | undefined>;

export const PROVIDER_NAMES: Record<ProviderKind, string> = {
  ollama: 'Ollama',
  openai: 'OpenAI',
  vllm: 'vLLM',
  groq: 'Groq',
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible server',
};

const DEFAULT_KEY_ENV: Partial<Record<ProviderKind, string>> = {
  openai: 'OPENAI_API_KEY',
  groq: 'GROQ_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

/** Kinds that refuse to work without a key (local servers usually need none). */
export const KEY_REQUIRED: ReadonlySet<ProviderKind> = new Set(['openai', 'groq', 'anthropic']);

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/** The environment variable (or stored secret) name holding the key for this tier, if any. */
export function keyEnvFor(kind: ProviderKind, apiKeyEnv?: string): string | undefined {
  return apiKeyEnv ?? DEFAULT_KEY_ENV[kind];
}

/** Environment first, then the secret store; empty values count as unset. */
export function lookupSecret(name: string | undefined, env: Env, getSecret?: (name: string) => string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const fromEnv = env[name]?.trim();
  if (fromEnv) return fromEnv;
  const stored = getSecret?.(name)?.trim();
  return stored ? stored : undefined;
}

/** The base URL a provider kind talks to, or undefined when the tier must configure one. */
export function resolveBaseUrl(kind: ProviderKind, baseUrl: string | undefined, env: Env): string | undefined {
  const configured = baseUrl?.trim() || undefined;
  switch (kind) {
    case 'ollama':
      return normalizeOllamaHost(configured ?? env['OLLAMA_HOST']?.trim() ?? DEFAULT_OLLAMA_HOST);
    case 'openai':
      return trimSlash(configured ?? (env['OPENAI_BASE_URL']?.trim() || 'https://api.openai.com/v1'));
    case 'groq':
      return trimSlash(configured ?? 'https://api.groq.com/openai/v1');
    case 'vllm':
      return trimSlash(configured ?? 'http://127.0.0.1:8000/v1');
    case 'openai-compatible':
      return configured === undefined ? undefined : trimSlash(configured);
    case 'anthropic':
      // The SDK appends /v1/messages itself; accept a pasted ".../v1" too.
      return trimSlash(configured ?? (env['ANTHROPIC_BASE_URL']?.trim() || 'https://api.anthropic.com')).replace(/\/v1$/, '');
  }
}

/**
 * OLLAMA_HOST may be `0.0.0.0`, `host:port` or a full URL (it is the server's listen address);
 * a client needs a URL with scheme and port, and 0.0.0.0 means "this machine".
 */
export function normalizeOllamaHost(raw: string): string {
  let host = raw.trim() || DEFAULT_OLLAMA_HOST;
  if (host.startsWith(':')) host = `127.0.0.1${host}`;
  const explicitScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host);
  if (!explicitScheme) host = `http://${host}`;
  try {
    const u = new URL(host);
    if (u.hostname === '0.0.0.0' || u.hostname === '[::]') u.hostname = '127.0.0.1';
    if (!u.port && !explicitScheme) u.port = '11434';
    return trimSlash(u.toString());
  } catch {
    return trimSlash(host);
  }
}

function trimSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

/** "Ollama at http://127.0.0.1:11434"; used in labels and in every error message. */
export function describeProviderAddress(tier: Pick<TierConfig, 'provider' | 'baseUrl'>, env: Env = process.env): string {
  const url = resolveBaseUrl(tier.provider, tier.baseUrl, env);
  return url === undefined ? `${PROVIDER_NAMES[tier.provider]} (no base URL configured)` : `${PROVIDER_NAMES[tier.provider]} at ${url}`;
}
