// The settings form's editable copy of the config: text fields as typed, converted back to an
// AppConfig on save. Fields the form does not show (domains, prices, per-tier timeouts) pass
// through untouched.
import type { AppConfig, Complexity, ProviderKind, StreamingMode, TierConfig } from '../../../../shared/core/config/schema.ts';

// Copies of the config enums: the schema module would pull zod into the UI bundle.
export const PROVIDERS = ['ollama', 'openai', 'anthropic', 'groq', 'vllm', 'openai-compatible'] as const satisfies readonly ProviderKind[];
export const COMPLEXITIES = ['trivial', 'simple', 'moderate', 'hard', 'expert'] as const satisfies readonly Complexity[];
export const MODES = ['draft-then-replace', 'buffer', 'parallel'] as const satisfies readonly StreamingMode[];

type MissingProvider = Exclude<ProviderKind, (typeof PROVIDERS)[number]>;
const _providersListed: [MissingProvider] extends [never] ? true : MissingProvider = true;
void _providersListed;

export const PROVIDER_LABELS: Record<ProviderKind, string> = {
  ollama: 'Ollama',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  groq: 'Groq',
  vllm: 'vLLM',
  'openai-compatible': 'OpenAI-compatible',
};

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';

export interface TierDraft {
  /** Stable React key while tiers are reordered. */
  key: string;
  model: string;
  provider: ProviderKind;
  baseUrl: string;
  apiKeyEnv: string;
  local: boolean;
  priceIn: string;
  priceOut: string;
  /** Not edited here, kept as they were. */
  keep: Pick<TierConfig, 'threshold' | 'timeoutMs'> & { cachedInputPerMTok?: number };
}

export interface ConfigDraft {
  tiers: TierDraft[];
  threshold: number;
  requireVerified: boolean;
  skipDrafterAbove: Complexity | '';
  mode: StreamingMode;
  auditRate: number;
  gpuWatts: string;
  electricityUsdPerKwh: string;
  /** Everything else of the original config. */
  rest: Pick<AppConfig, 'domains' | 'prices'>;
}

let keySeq = 0;
export const newTierKey = (): string => `tier-${++keySeq}`;

export function tierToDraft(t: TierConfig): TierDraft {
  return {
    key: newTierKey(),
    model: t.model,
    provider: t.provider,
    baseUrl: t.baseUrl ?? '',
    apiKeyEnv: t.apiKeyEnv ?? '',
    local: t.local ?? t.provider === 'ollama',
    priceIn: t.price ? String(t.price.inputPerMTok) : '',
    priceOut: t.price ? String(t.price.outputPerMTok) : '',
    keep: {
      ...(t.threshold !== undefined ? { threshold: t.threshold } : {}),
      ...(t.timeoutMs !== undefined ? { timeoutMs: t.timeoutMs } : {}),
      ...(t.price?.cachedInputPerMTok !== undefined ? { cachedInputPerMTok: t.price.cachedInputPerMTok } : {}),
    },
  };
}

export function toDraft(c: AppConfig): ConfigDraft {
  return {
    tiers: c.tiers.map(tierToDraft),
    threshold: c.quality.threshold,
    requireVerified: c.quality.requireVerified,
    skipDrafterAbove: c.routing.skipDrafterAbove ?? '',
    mode: c.streaming.mode,
    auditRate: c.audit.rate,
    gpuWatts: String(c.local.gpuWatts),
    electricityUsdPerKwh: String(c.local.electricityUsdPerKwh),
    rest: { domains: c.domains, prices: c.prices },
  };
}

/** Text to number; an unparsable entry becomes NaN so the server names the field. */
function num(s: string): number {
  const t = s.trim();
  return t === '' ? Number.NaN : Number(t);
}

export function draftToTier(d: TierDraft): TierConfig {
  const tier: TierConfig = { model: d.model.trim(), provider: d.provider };
  if (d.baseUrl.trim()) tier.baseUrl = d.baseUrl.trim();
  if (d.apiKeyEnv.trim()) tier.apiKeyEnv = d.apiKeyEnv.trim();
  if (d.local) tier.local = true;
  if (d.priceIn.trim() || d.priceOut.trim()) {
    tier.price = { inputPerMTok: num(d.priceIn), outputPerMTok: num(d.priceOut), ...(d.keep.cachedInputPerMTok !== undefined ? { cachedInputPerMTok: d.keep.cachedInputPerMTok } : {}) };
  }
  if (d.keep.threshold !== undefined) tier.threshold = d.keep.threshold;
  if (d.keep.timeoutMs !== undefined) tier.timeoutMs = d.keep.timeoutMs;
  return tier;
}

export function fromDraft(d: ConfigDraft): AppConfig {
  return {
    tiers: d.tiers.map(draftToTier),
    domains: d.rest.domains,
    quality: { threshold: d.threshold, requireVerified: d.requireVerified },
    routing: d.skipDrafterAbove ? { skipDrafterAbove: d.skipDrafterAbove } : {},
    streaming: { mode: d.mode },
    audit: { rate: d.auditRate },
    local: { gpuWatts: num(d.gpuWatts), electricityUsdPerKwh: num(d.electricityUsdPerKwh) },
    prices: d.rest.prices,
  };
}

/** The base URL shown for a provider: the first tier's that sets one. */
export function providerUrl(d: ConfigDraft, providers: readonly ProviderKind[]): string {
  return d.tiers.find((t) => providers.includes(t.provider) && t.baseUrl)?.baseUrl ?? '';
}

/** Sets the base URL of every tier served by these providers. */
export function withProviderUrl(d: ConfigDraft, providers: readonly ProviderKind[], url: string): ConfigDraft {
  return { ...d, tiers: d.tiers.map((t) => (providers.includes(t.provider) ? { ...t, baseUrl: url } : t)) };
}

export function moveTier(tiers: TierDraft[], from: number, to: number): TierDraft[] {
  if (to < 0 || to >= tiers.length || from === to) return tiers;
  const next = tiers.slice();
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/** Server error paths (`tiers.0.model`) to the message shown on that field. */
export function errorsByField(fields: string[], message: string): Record<string, string> {
  const parts = message.split('; ');
  const out: Record<string, string> = {};
  for (const f of fields) {
    const own = parts.find((p) => p.startsWith(`${f}:`) || p.startsWith(`config.${f}:`));
    const text = own ? own.slice(own.indexOf(':') + 1).trim() : 'not valid';
    out[f] = /expected number, received (null|nan)/i.test(text) ? 'enter a number' : text;
  }
  return out;
}
