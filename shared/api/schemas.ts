// zod schemas of every API method's input. Both transports validate with these before a
// handler runs, so a handler only ever sees well-formed input.
import { z } from 'zod';
import { appConfigSchema, complexitySchema, priceSchema, providerKindSchema, streamingModeSchema, tierListSchema, tierSchema } from '../core/config/schema.ts';
import { REPORT_PERIODS } from '../core/monitoring/report.ts';
import { MAX_SAMPLES } from '../core/cascade/sampling.ts';
import { reasoningSchema } from '../core/reasoning.ts';
import { TRACE_IMPORT_MAX_CHARS, traceTooBigMessage } from '../core/replay/library.ts';

const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max);
const tag = z.string().min(1).max(100).regex(/^[\w.@:-]+$/, 'letters, digits and . _ - @ : only');
const epochMs = z.number().int().min(0).max(8.64e15);

/** A calendar day, yyyy-mm-dd. */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written yyyy-mm-dd');

export const timeRangeSchema = z
  .object({ from: epochMs, to: epochMs })
  .strict()
  .refine((r) => r.to > r.from, { message: '`to` must be after `from`', path: ['to'] });

const messageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: text(2_000_000),
    toolCallId: z.string().max(200).optional(),
    toolCalls: z.array(z.object({ id: z.string().max(200).optional(), name: z.string().min(1).max(200), arguments: text(1_000_000) }).strict()).max(64).optional(),
    /** An answer's thinking as cascade.run returned it (`reasoning`), sent back with its tool calls. */
    reasoning: reasoningSchema.optional(),
  })
  .strict()
  .refine((m) => m.reasoning === undefined || m.role === 'assistant', { message: 'only an assistant message carries `reasoning`', path: ['reasoning'] });

const toolSchema = z
  .object({ name: z.string().min(1).max(200), description: text(10_000).optional(), parameters: z.record(z.string(), z.unknown()).optional() })
  .strict();

const empty = z.object({}).strict();

export const SECRET_NAMES = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GROQ_API_KEY'] as const;
const secretName = z.union([z.enum(SECRET_NAMES), z.string().regex(/^[A-Z_][A-Z0-9_]{0,63}$/, 'must be an environment variable name')]);

export const cascadeRunSchema = z
  .object({
    runId: id.optional(),
    conversationId: id.optional(),
    /** A new user message; appended to the conversation's history when conversationId is given. */
    prompt: text(2_000_000).min(1, 'the prompt is empty').optional(),
    /** Or a whole message list (scripting, replay). */
    messages: z.array(messageSchema).min(1).max(10_000).optional(),
    tools: z.array(toolSchema).max(128).optional(),
    format: z.union([z.literal('json'), z.record(z.string(), z.unknown())]).optional(),
    mode: streamingModeSchema.optional(),
    tiers: z.array(tierSchema).min(1).max(8).optional(),
    threshold: z.number().min(0).max(1).optional(),
    domain: z.string().min(1).max(100).optional(),
    requireVerified: z.boolean().optional(),
    forceTop: z.boolean().optional(),
    /** Answer the conversation's last user message again (retry) instead of adding a new one. */
    regenerate: z.boolean().optional(),
    userId: tag.optional(),
    feature: tag.optional(),
    maxTokens: z.number().int().positive().max(1_000_000).optional(),
    temperature: z.number().min(0).max(2).optional(),
  })
  .strict()
  .refine((r) => r.prompt !== undefined || r.messages !== undefined || (r.regenerate === true && r.conversationId !== undefined), {
    message: 'give `prompt` or `messages` (or `regenerate` with a `conversationId`)',
    path: ['prompt'],
  });

export const apiInputSchemas = {
  'app.info': empty,
  'config.get': empty,
  // Without `revision` (the CLI, scripts written before it) the config is saved unconditionally.
  'config.set': z.object({ config: appConfigSchema, revision: z.string().min(1).max(100).optional() }).strict(),
  'models.list': z.object({ discover: z.boolean().optional() }).strict(),
  'pricing.list': z.object({ providers: z.array(providerKindSchema).max(6).optional() }).strict(),
  'providers.test': z.object({ provider: providerKindSchema, baseUrl: z.string().url().optional(), apiKeyEnv: z.string().max(64).optional() }).strict(),
  'secrets.list': empty,
  'secrets.set': z.object({ name: secretName, value: z.string().min(1, 'the key is empty').max(4096) }).strict(),
  'secrets.delete': z.object({ name: secretName }).strict(),
  'conversations.list': z.object({ search: text(500).optional(), limit: z.number().int().positive().max(100_000).optional() }).strict(),
  'conversations.create': z.object({ title: text(200).optional() }).strict(),
  'conversations.rename': z.object({ id, title: z.string().min(1, 'the title is empty').max(200) }).strict(),
  'conversations.delete': z.object({ id }).strict(),
  'conversations.restore': z.object({ id }).strict(),
  'conversations.get': z.object({ id }).strict(),
  /** `title`: the fork's name in the list, made from the edited question (as create's from the first). */
  'conversations.fork': z.object({ id, beforeMessageId: id, title: text(200).optional() }).strict(),
  'cascade.run': cascadeRunSchema,
  'cascade.cancel': z.object({ runId: id }).strict(),
  'cascade.active': z.object({ conversationId: id.optional() }).strict(),
  /** `beforeMessageId`: estimate an edit of that question (the history before it only). */
  'cascade.estimate': z.object({ prompt: text(2_000_000), conversationId: id.optional(), beforeMessageId: id.optional() }).strict(),
  'feedback.set': z.object({ queryId: id, rating: z.enum(['up', 'down']).nullable(), note: text(2000).optional() }).strict(),
  'ledger.summary': z.object({ range: timeRangeSchema }).strict(),
  'ledger.daily': z.object({ range: timeRangeSchema }).strict(),
  'ledger.byModel': z.object({ range: timeRangeSchema }).strict(),
  'ledger.topQueries': z.object({ range: timeRangeSchema, limit: z.number().int().positive().max(500).optional() }).strict(),
  'ledger.byTag': z.object({ range: timeRangeSchema, tag: z.enum(['user', 'feature']) }).strict(),
  'ledger.byDomain': z.object({ range: timeRangeSchema }).strict(),
  /** Registers a download of the range's queries; the rows travel by the transport's download. */
  'ledger.prepareExport': z
    .object({
      range: timeRangeSchema,
      format: z.enum(['csv', 'json']),
      /** The user's local calendar days of the range, first and last, for the file name. */
      days: z.object({ first: isoDay, last: isoDay }).strict().optional(),
    })
    .strict(),
  'ledger.usageProfile': z.object({ days: z.number().int().positive().max(3650) }).strict(),
  /** The whole ledger's first and last query times, so an empty range can point at the data. */
  'ledger.extent': empty,
  /** Global budgets plus those of `userId`, or of every user named in budget.users. */
  'budget.status': z.object({ userId: tag.optional() }).strict(),
  'cache.clear': empty,
  'alerts.list': z
    .object({ limit: z.number().int().positive().max(1000).optional(), includeDismissed: z.boolean().optional(), since: epochMs.optional() })
    .strict(),
  'alerts.dismiss': z
    .object({ id: id.optional(), all: z.literal(true).optional() })
    .strict()
    .refine((r) => (r.id !== undefined) !== (r.all === true), { message: 'give `id` or `all: true`', path: ['id'] }),
  'forecast.get': z
    .object({
      days: z.number().int().min(1).max(365).optional(),
      /** Extra growth multiplier per 30 days on top of the history's trend (1.2 = +20%). */
      growth: z.number().finite().min(0.1).max(10).optional(),
      historyDays: z.number().int().min(7).max(3650).optional(),
    })
    .strict(),
  'report.get': z
    .object({ period: z.enum(REPORT_PERIODS).optional(), range: timeRangeSchema.optional(), top: z.number().int().positive().max(100).optional() })
    .strict(),
  'backup.export': empty,
  /** A document written by backup.export; validated field by field by the handler. */
  'backup.import': z.object({ document: z.record(z.string(), z.unknown()), mode: z.enum(['merge', 'replace']).optional() }).strict(),
  'backup.create': empty,
  'replay.traces': empty,
  /** A RouteLLM GSM8K CSV or a JSONL trace, as text; bad lines are reported with their numbers. */
  'replay.import': z
    .object({
      kind: z.enum(['routellm-gsm8k', 'trace']),
      content: z.string().min(1, 'the file is empty').max(TRACE_IMPORT_MAX_CHARS, traceTooBigMessage(null)),
      name: z.string().trim().min(1).max(120).optional(),
    })
    .strict(),
  'replay.run': z
    .object({
      runId: id.optional(),
      traceId: id,
      /** Model ids of the trace, drafter first. */
      tiers: z.array(z.string().min(1).max(200)).min(2).max(8),
      sweep: z.boolean().optional(),
      threshold: z.number().min(0).max(1).optional(),
      targetQuality: z.number().gt(0).max(1.5).optional(),
      /** Models to price by the energy they use on this machine. */
      local: z.array(z.string().min(1).max(200)).max(8).optional(),
      prices: z.record(z.string().min(1).max(200), priceSchema).optional(),
      /** Answers the drafter draws per query for the consistency check, from the trace's recorded samples; 1 = the draft alone. */
      samples: z.number().int().min(1).max(MAX_SAMPLES).optional(),
    })
    .strict()
    .refine((r) => (r.sweep === true) !== (r.threshold !== undefined), { message: 'give `sweep: true` or one `threshold`', path: ['sweep'] }),
  'replay.apply': z
    .object({
      threshold: z.number().min(0).max(1),
      tiers: tierListSchema.optional(),
      /** The drafter (first tier) draws this many answers per query from now on, as replayed; 1 turns the check off. */
      samples: z.number().int().min(1).max(MAX_SAMPLES).optional(),
    })
    .strict(),
} as const;

export type ApiMethodName = keyof typeof apiInputSchemas;
export type ApiInput<K extends ApiMethodName> = z.input<(typeof apiInputSchemas)[K]>;
export type ApiParsedInput<K extends ApiMethodName> = z.output<(typeof apiInputSchemas)[K]>;

export { complexitySchema };
