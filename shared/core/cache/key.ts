// What makes two requests "the same" for the cache: the normalized conversation, the tiers
// that would answer it with their thresholds, and every sampling parameter that changes an
// answer. The text returned here is hashed by the Node side (shared/ has no crypto).
import type { TierConfig } from '../config/schema.ts';
import type { ChatMessage, ResponseFormat, ToolDefinition } from '../model.ts';

export interface CacheKeyInput {
  messages: readonly ChatMessage[];
  tools?: readonly ToolDefinition[];
  format?: ResponseFormat;
  maxTokens?: number;
  temperature?: number;
  forceTop?: boolean;
  requireVerified?: boolean;
  /** The tier list the run would use (after domain routing) and each tier's acceptance threshold. */
  tiers: readonly TierConfig[];
  thresholds: readonly number[];
}

/** Line endings, Unicode form and surrounding blank space do not change what a model is asked. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

// Tool-call ids are random per run; the order of calls and results carries their pairing.
function normalizeMessage(m: ChatMessage) {
  return {
    role: m.role,
    content: normalizeText(m.content),
    toolCalls: m.toolCalls?.map((c) => ({ name: c.name, arguments: c.arguments })) ?? null,
  };
}

/** JSON with object keys sorted at every level and undefined dropped, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function cacheKeyMaterial(input: CacheKeyInput): string {
  return canonicalJson({
    v: 1,
    messages: input.messages.map(normalizeMessage),
    tools: input.tools ?? null,
    format: input.format ?? null,
    maxTokens: input.maxTokens ?? null,
    temperature: input.temperature ?? null,
    forceTop: input.forceTop ?? false,
    requireVerified: input.requireVerified ?? false,
    tiers: input.tiers.map((t) => ({ provider: t.provider, model: t.model, baseUrl: t.baseUrl ?? null })),
    thresholds: input.thresholds,
  });
}
