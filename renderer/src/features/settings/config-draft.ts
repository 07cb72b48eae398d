// The settings form's editable copy of the config: text fields as typed, converted back to an
// AppConfig on save. Fields the form does not show (per-tier thresholds and timeouts, cached
// input prices, whole sections such as budget, cache, alerts) pass through untouched.
import { MAX_SAMPLES } from '../../../../shared/core/cascade/sampling.ts';
import { parseConfig, type AppConfig, type Complexity, type DomainRoute, type PriceOverride, type ProviderKind, type StreamingMode, type TierConfig } from '../../../../shared/core/config/schema.ts';
import { THINKING_LEVELS, type ThinkingLevel } from '../../../../shared/core/model.ts';

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
  /** Answers drawn when this tier drafts (the consistency check); empty = 1, the draft alone. */
  samples: string;
  /** How much a reasoning model thinks; empty = the model's default. */
  thinking: ThinkingLevel | '';
  /** Not edited here, kept as they were. */
  keep: Pick<TierConfig, 'threshold' | 'timeoutMs' | 'local'> & { cachedInputPerMTok?: number };
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
  /** Per-domain tier lists, in the order shown (the config keeps them in a record). */
  domains: DomainDraft[];
  /** Per-model price overrides (config.prices). */
  prices: PriceDraft[];
  /** Standing instructions, the system message of every conversation; empty = none. */
  instructions: string;
  /**
   * The config as loaded. Saving starts from it, so sections and fields this form does not
   * edit (budget, cache, alerts, anomaly, metrics, backup, circuitBreaker, and any added
   * later) survive a save unchanged.
   */
  base: AppConfig;
}

export interface DomainDraft {
  key: string;
  name: string;
  /** Comma- or line-separated words that route a query to this domain. */
  keywords: string;
  /** Empty = the global threshold. */
  threshold: string;
  tiers: TierDraft[];
}

export interface PriceDraft {
  key: string;
  model: string;
  priceIn: string;
  priceOut: string;
  /** Empty = no separate cached-input price. */
  cachedIn: string;
}

let keySeq = 0;
export const newTierKey = (): string => `tier-${++keySeq}`;

/** The thinking select's value as a level, or '' for the model's default. */
export function thinkingOf(value: string): ThinkingLevel | '' {
  return THINKING_LEVELS.find((l) => l === value) ?? '';
}

export function emptyTier(provider: ProviderKind = 'openai'): TierDraft {
  return { key: newTierKey(), model: '', provider, baseUrl: '', apiKeyEnv: '', local: provider === 'ollama', priceIn: '', priceOut: '', samples: '', thinking: '', keep: {} };
}

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
    samples: t.samples === undefined ? '' : String(t.samples),
    thinking: t.thinking ?? '',
    keep: {
      ...(t.local !== undefined ? { local: t.local } : {}),
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
    domains: Object.entries(c.domains).map(([name, d]) => ({
      key: newTierKey(),
      name,
      keywords: (d.keywords ?? []).join(', '),
      threshold: d.threshold === undefined ? '' : String(d.threshold),
      tiers: d.tiers.map(tierToDraft),
    })),
    prices: Object.entries(c.prices).map(([model, p]) => ({
      key: newTierKey(),
      model,
      priceIn: String(p.inputPerMTok),
      priceOut: String(p.outputPerMTok),
      cachedIn: p.cachedInputPerMTok === undefined ? '' : String(p.cachedInputPerMTok),
    })),
    instructions: c.instructions ?? '',
    base: c,
  };
}

export function splitKeywords(s: string): string[] {
  return s
    .split(/[,\n]/)
    .map((k) => k.trim())
    .filter(Boolean);
}

function draftToDomain(d: DomainDraft): DomainRoute {
  const keywords = splitKeywords(d.keywords);
  return {
    tiers: draftsToTiers(d.tiers),
    ...(keywords.length ? { keywords } : {}),
    ...(d.threshold.trim() ? { threshold: num(d.threshold) } : {}),
  };
}

function draftToPrice(p: PriceDraft): PriceOverride {
  return { inputPerMTok: num(p.priceIn), outputPerMTok: num(p.priceOut), ...(p.cachedIn.trim() ? { cachedInputPerMTok: num(p.cachedIn) } : {}) };
}

/** Text to number; an unparsable entry becomes NaN so the server names the field. */
function num(s: string): number {
  const t = s.trim();
  return t === '' ? Number.NaN : Number(t);
}

/** A tier list; the last tier never drafts, so a samples count it shows no field for is dropped. */
export function draftsToTiers(tiers: readonly TierDraft[]): TierConfig[] {
  return tiers.map((t, i) => draftToTier(t, i < tiers.length - 1));
}

export function draftToTier(d: TierDraft, drafts = true): TierConfig {
  const tier: TierConfig = { model: d.model.trim(), provider: d.provider };
  if (d.baseUrl.trim()) tier.baseUrl = d.baseUrl.trim();
  if (d.apiKeyEnv.trim()) tier.apiKeyEnv = d.apiKeyEnv.trim();
  // Written when the config said it, or when it differs from what the checkbox shows by default.
  if (d.keep.local !== undefined || d.local !== (d.provider === 'ollama')) tier.local = d.local;
  if (d.priceIn.trim() || d.priceOut.trim()) {
    tier.price = { inputPerMTok: num(d.priceIn), outputPerMTok: num(d.priceOut), ...(d.keep.cachedInputPerMTok !== undefined ? { cachedInputPerMTok: d.keep.cachedInputPerMTok } : {}) };
  }
  if (d.keep.threshold !== undefined) tier.threshold = d.keep.threshold;
  if (drafts && d.samples.trim()) tier.samples = num(d.samples);
  if (d.thinking) tier.thinking = d.thinking;
  if (d.keep.timeoutMs !== undefined) tier.timeoutMs = d.keep.timeoutMs;
  return tier;
}

export function fromDraft(d: ConfigDraft): AppConfig {
  const { skipDrafterAbove: _dropped, ...routing } = d.base.routing;
  const { instructions: _replaced, ...base } = d.base;
  return {
    ...base,
    ...(d.instructions.trim() ? { instructions: d.instructions } : {}),
    tiers: draftsToTiers(d.tiers),
    domains: Object.fromEntries(d.domains.map((x) => [x.name.trim(), draftToDomain(x)])),
    quality: { ...d.base.quality, threshold: d.threshold, requireVerified: d.requireVerified },
    routing: d.skipDrafterAbove ? { ...routing, skipDrafterAbove: d.skipDrafterAbove } : routing,
    streaming: { ...d.base.streaming, mode: d.mode },
    audit: { ...d.base.audit, rate: d.auditRate },
    local: { ...d.base.local, gpuWatts: num(d.gpuWatts), electricityUsdPerKwh: num(d.electricityUsdPerKwh) },
    prices: Object.fromEntries(d.prices.map((p) => [p.model.trim(), draftToPrice(p)])),
  };
}

/** The base URL shown for a provider: the first tier's that sets one. */
export function providerUrl(d: ConfigDraft, providers: readonly ProviderKind[]): string {
  return d.tiers.find((t) => providers.includes(t.provider) && t.baseUrl)?.baseUrl ?? '';
}

/** Sets the base URL of every tier (domains' too) served by these providers. */
export function withProviderUrl(d: ConfigDraft, providers: readonly ProviderKind[], url: string): ConfigDraft {
  const set = (tiers: TierDraft[]) => tiers.map((t) => (providers.includes(t.provider) ? { ...t, baseUrl: url } : t));
  return { ...d, tiers: set(d.tiers), domains: d.domains.map((x) => ({ ...x, tiers: set(x.tiers) })) };
}

const DOMAIN_NAME = /^[a-z][a-z0-9_-]*$/;

/** The message for a samples entry the schema refuses (1 to 8 answers, whole), null when fine. */
export function samplesError(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isInteger(n) && n >= 1 && n <= MAX_SAMPLES ? null : `Samples must be a whole number from 1 to ${MAX_SAMPLES} (empty = 1)`;
}

/**
 * Mistakes found before saving: a record key that is empty or appears twice would be merged
 * away by JSON (keyed `domainName.<draft key>` / `priceModel.<draft key>`), and a samples count
 * out of range, whose server message would be zod's (keyed by its server path).
 */
export function localErrors(d: ConfigDraft): Record<string, string> {
  const out: Record<string, string> = {};
  const samples = (tiers: readonly TierDraft[], prefix: string) =>
    tiers.slice(0, -1).forEach((t, i) => {
      const e = samplesError(t.samples);
      if (e) out[`${prefix}.${i}.samples`] = e;
    });
  samples(d.tiers, 'tiers');
  d.domains.forEach((x) => samples(x.tiers, `domains.${x.name.trim()}.tiers`));
  const seen = new Set<string>();
  for (const x of d.domains) {
    const name = x.name.trim();
    if (!name) out[`domainName.${x.key}`] = 'give the domain a name';
    else if (!DOMAIN_NAME.test(name)) out[`domainName.${x.key}`] = 'lower-case letters, digits, - and _, starting with a letter';
    else if (seen.has(name)) out[`domainName.${x.key}`] = `there is already a domain called ${name}`;
    seen.add(name);
  }
  const models = new Set<string>();
  for (const p of d.prices) {
    const model = p.model.trim();
    if (!model) out[`priceModel.${p.key}`] = 'name the model this price is for';
    else if (models.has(model)) out[`priceModel.${p.key}`] = `${model} already has a price above`;
    models.add(model);
  }
  return out;
}

export function moveTier(tiers: TierDraft[], from: number, to: number): TierDraft[] {
  if (to < 0 || to >= tiers.length || from === to) return tiers;
  const next = tiers.slice();
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/** Schema error paths (`tiers.0.model`) to the message shown on that field. */
export function errorsByField(fields: string[], message: string): Record<string, string> {
  const parts = message.replace(/^invalid config:\s*/, '').split('; ');
  const out: Record<string, string> = {};
  for (const f of fields) {
    const own = parts.find((p) => p.startsWith(`${f}:`) || p.startsWith(`config.${f}:`));
    out[f] = own ? inWords(own.slice(own.indexOf(':') + 1).trim()) : 'not valid';
  }
  return out;
}

/** The schema's common complaints as a person would say them beside a field. */
const IN_WORDS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/expected number, received (null|nan|undefined|infinity)/i, () => 'enter a number'],
  [/^Too small: expected string to have >=1 characters?$/, () => 'required'],
  [/^Too small: expected number to be >=(.+)$/, (m) => `must be at least ${m[1]}`],
  [/^Too small: expected number to be >(.+)$/, (m) => `must be more than ${m[1]}`],
  [/^Too big: expected number to be <=(.+)$/, (m) => `must be at most ${m[1]}`],
  [/^Too big: expected number to be <(.+)$/, (m) => `must be less than ${m[1]}`],
];

function inWords(text: string): string {
  for (const [pattern, say] of IN_WORDS) {
    const m = pattern.exec(text);
    if (m) return say(m);
  }
  return text;
}

/**
 * Every mistake in the draft at once, before anything is sent: the schema's (the same one the
 * server applies) and the ones only the draft can show (see localErrors), which win on a field.
 */
export function draftErrors(d: ConfigDraft): Record<string, string> {
  const checked = parseConfig(fromDraft(d));
  return { ...(checked.ok ? {} : errorsByField(checked.fields, checked.message)), ...localErrors(d) };
}
