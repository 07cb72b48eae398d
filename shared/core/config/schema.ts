// The user's configuration: the JSON file given with --config, or the settings stored in
// the database. Names here are a public contract (users' scripts depend on them).
import { z } from 'zod';
import { budgetConfigSchema } from '../budget/config-schema.ts';
import { cacheConfigSchema } from '../cache/config-schema.ts';
import { MAX_SAMPLES } from '../cascade/sampling.ts';
import { THINKING_LEVELS } from '../model.ts';
import { alertsConfigSchema, anomalyConfigSchema, metricsConfigSchema } from '../monitoring/config.ts';

export const PROVIDER_KINDS = ['ollama', 'openai', 'vllm', 'groq', 'anthropic', 'openai-compatible'] as const;
export const providerKindSchema = z.enum(PROVIDER_KINDS);
export type ProviderKind = z.infer<typeof providerKindSchema>;

export const COMPLEXITY_LEVELS = ['trivial', 'simple', 'moderate', 'hard', 'expert'] as const;
export const complexitySchema = z.enum(COMPLEXITY_LEVELS);
export type Complexity = z.infer<typeof complexitySchema>;

export const STREAMING_MODES = ['buffer', 'draft-then-replace', 'parallel'] as const;
export const streamingModeSchema = z.enum(STREAMING_MODES);
export type StreamingMode = z.infer<typeof streamingModeSchema>;

const usdPerMTok = z.number().finite().nonnegative();

export const priceSchema = z
  .object({
    inputPerMTok: usdPerMTok,
    outputPerMTok: usdPerMTok,
    cachedInputPerMTok: usdPerMTok.optional(),
  })
  .strict();
export type PriceOverride = z.infer<typeof priceSchema>;

export const thinkingLevelSchema = z.enum(THINKING_LEVELS);

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

export const tierSchema = z
  .object({
    model: z.string().min(1).max(200),
    provider: providerKindSchema,
    baseUrl: httpUrl.optional(),
    /** Name of the environment variable (or stored secret) holding this tier's API key. */
    apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name like MY_API_KEY').optional(),
    price: priceSchema.optional(),
    /** Runs on the user's own hardware: priced by the energy model unless `price` is given. */
    local: z.boolean().optional(),
    /** Per-tier acceptance threshold, overriding quality.threshold. */
    threshold: z.number().min(0).max(1).optional(),
    /**
     * Answers drawn from this tier when it drafts: the draft plus (samples - 1) extra answers,
     * drawn side by side at a sampling temperature, whose final answers the consistency check
     * compares with the draft's. Each extra answer is a full call and is paid for; worth it for a
     * local drafter. Absent or 1: the draft alone. Ignored on the top tier.
     */
    samples: z.number().int().min(1).max(MAX_SAMPLES).optional(),
    /**
     * Ollama `think` (false, or the level); OpenAI-compatible servers `reasoning_effort` ("off"
     * sends "none"); Anthropic adaptive thinking at that `output_config.effort` ("off" sends
     * `thinking: disabled`). A model that refuses it answers with its default.
     */
    thinking: thinkingLevelSchema.optional(),
    timeoutMs: z.number().int().positive().max(3_600_000).optional(),
  })
  .strict();
export type TierConfig = z.infer<typeof tierSchema>;

export const backupConfigSchema = z
  .object({
    /** Hours between automatic backups; 0 turns them off. */
    intervalHours: z.number().finite().min(0).max(8760).default(24),
    /** How many backup files to keep (the oldest are removed). */
    keep: z.number().int().min(1).max(1000).default(7),
  })
  .strict();
export type BackupConfig = z.infer<typeof backupConfigSchema>;
export const BACKUP_DEFAULTS: BackupConfig = { intervalHours: 24, keep: 7 };

export const circuitBreakerConfigSchema = z
  .object({
    /** Consecutive failures (unreachable, timeout, 5xx) that open the circuit; 0 turns it off. */
    failures: z.number().int().min(0).max(1000).default(3),
    /** Failures further apart than this do not count as "in a row". */
    windowMs: z.number().int().positive().max(86_400_000).default(60_000),
    /** How long an open circuit skips the endpoint before one call may try it again. */
    coolDownMs: z.number().int().positive().max(86_400_000).default(30_000),
  })
  .strict();
export type CircuitBreakerConfig = z.infer<typeof circuitBreakerConfigSchema>;
export const CIRCUIT_BREAKER_DEFAULTS: CircuitBreakerConfig = { failures: 3, windowMs: 60_000, coolDownMs: 30_000 };

export const tierListSchema = z.array(tierSchema).min(1, 'needs at least one model').max(8);

export const domainSchema = z
  .object({
    tiers: tierListSchema,
    /** Words or phrases that route a query here (case-insensitive, whole words). */
    keywords: z.array(z.string().min(1).max(100)).max(200).optional(),
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type DomainRoute = z.infer<typeof domainSchema>;

export const appConfigSchema = z
  .object({
    tiers: tierListSchema,
    domains: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'domain names are lower-case words'), domainSchema).default({}),
    quality: z
      .object({
        threshold: z.number().min(0).max(1).default(0.7),
        /** Fail rather than return an unverified draft when every verifier failed. */
        requireVerified: z.boolean().default(false),
      })
      .strict()
      .default({ threshold: 0.7, requireVerified: false }),
    routing: z
      .object({
        /** Send queries rated above this complexity straight past the drafter. Off when absent. */
        skipDrafterAbove: complexitySchema.optional(),
      })
      .strict()
      .default({}),
    streaming: z.object({ mode: streamingModeSchema.default('draft-then-replace') }).strict().default({ mode: 'draft-then-replace' }),
    audit: z.object({ rate: z.number().min(0).max(1).default(0) }).strict().default({ rate: 0 }),
    local: z
      .object({
        gpuWatts: z.number().finite().nonnegative().max(100_000).default(300),
        electricityUsdPerKwh: z.number().finite().nonnegative().max(100).default(0.15),
      })
      .strict()
      .default({ gpuWatts: 300, electricityUsdPerKwh: 0.15 }),
    /** Per-model price overrides, keyed by model id; win over the bundled price data. */
    prices: z.record(z.string().min(1), priceSchema).default({}),
    /**
     * Standing instructions sent to every model as the conversation's system message ("Answer
     * briefly, in metric units"), unless the request brings its own. Absent: none.
     */
    instructions: z.string().max(20_000, 'keep the instructions under 20,000 characters').optional(),
    /** Spend limits (shared/core/budget). Absent: no budgets. */
    budget: budgetConfigSchema.optional(),
    /** Exact-match response cache (shared/core/cache). Absent: no cache. */
    cache: cacheConfigSchema.optional(),
    /** Scheduled online backups of the database into <dataDir>/backups. Absent: the defaults. */
    backup: backupConfigSchema.optional(),
    /** Skipping a provider endpoint that keeps failing. Absent: the defaults. */
    circuitBreaker: circuitBreakerConfigSchema.optional(),
    /** Alert rules on spend, quality and verifier usage (shared/core/monitoring). Absent: no rules. */
    alerts: alertsConfigSchema.optional(),
    /** Rolling z-score detection of cost spikes and verifier-usage jumps. Absent: the defaults. */
    anomaly: anomalyConfigSchema.optional(),
    /** Prometheus /metrics on 127.0.0.1. Absent: off. */
    metrics: metricsConfigSchema.optional(),
  })
  .strict();

export type AppConfig = z.infer<typeof appConfigSchema>;
export type AppConfigInput = z.input<typeof appConfigSchema>;

export const DEFAULT_CONFIG: AppConfig = appConfigSchema.parse({
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', local: true },
    { model: 'gpt-4o', provider: 'openai' },
  ],
});

/** Formats zod issues as `tiers.0.provider: Invalid option ...` so a user can find the field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export type ParseConfigResult = { ok: true; config: AppConfig } | { ok: false; message: string; fields: string[] };

export function parseConfig(raw: unknown): ParseConfigResult {
  const r = appConfigSchema.safeParse(raw);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, message: `invalid config: ${describeIssues(r.error)}`, fields: r.error.issues.map((i) => i.path.join('.')) };
}
