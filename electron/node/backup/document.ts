// The whole-database JSON document of `backup.export` / `backup.import`: the user's data in a
// format they own and can read. Settings (never secrets: those live outside the database),
// conversations with their messages, and the ledger as the same QueryRecords the JSON export
// writes. Import validates every field against the database's own constraints first, so a bad
// document is refused with the path of each bad field before anything is written.
import { z } from 'zod';
import { COMPLEXITY_LEVELS, PROVIDER_KINDS } from '../../../shared/core/config/schema.ts';
import type { AuditRecord, CallRecord, QueryRecord } from '../../../shared/core/ledger/types.ts';

export const BACKUP_FORMAT = 'cascadeflow-backup';
export const BACKUP_FORMAT_VERSION = 1;

const id = z.string().min(1).max(200);
const text = z.string().max(10_000_000);
const epochMs = z.number().int().min(-8.64e15).max(8.64e15);
const count = z.number().int().nonnegative();
const nano = z.number().int();
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

const callSchema = z
  .object({
    seq: count,
    provider: z.enum(PROVIDER_KINDS),
    model: z.string().min(1).max(200),
    tier: count,
    role: z.enum(['draft', 'verify', 'parallel', 'audit', 'sample']),
    local: z.boolean(),
    inputTokens: count,
    outputTokens: count,
    cachedInputTokens: count,
    usageEstimated: z.boolean(),
    costNano: nullable(nano),
    pricing: z.enum(['list', 'override', 'energy', 'unknown']),
    ttftMs: nullable(z.number().int()),
    durationMs: z.number().int(),
    status: z.enum(['ok', 'error', 'cancelled']),
    accepted: z.boolean(),
    qualityScore: nullable(z.number().finite()),
    qualityJson: nullable(text),
    finishReason: nullable(z.string().max(100)),
    text,
    errorCode: nullable(z.string().max(100)),
    errorMessage: nullable(text),
  })
  .strict();

const querySchema = z
  .object({
    id,
    runId: id,
    createdAt: epochMs,
    conversationId: nullable(id),
    userId: nullable(z.string().max(200)),
    feature: nullable(z.string().max(200)),
    domain: z.string().max(100),
    complexity: z.enum(COMPLEXITY_LEVELS),
    finalModel: z.string().min(1).max(200),
    finalProvider: z.enum(PROVIDER_KINDS),
    finalTier: count,
    topTier: count,
    escalated: z.boolean(),
    status: z.enum(['ok', 'unverified', 'failed', 'cancelled']),
    costNano: nano,
    costComplete: z.boolean(),
    baselineCostNano: nullable(nano),
    baselineEstimated: z.boolean(),
    latencyMs: z.number().int(),
    prompt: text,
    answer: text,
    decision: text,
    tierModels: z.array(z.string().min(1).max(200)).max(8).optional(),
    feedback: z.enum(['up', 'down']).nullable(),
    feedbackNote: nullable(z.string().max(2000)),
    calls: z.array(callSchema).max(64),
  })
  .strict()
  .superRefine((q, ctx) => {
    q.calls.forEach((c, i) => {
      if (c.seq !== i) ctx.addIssue({ code: 'custom', path: ['calls', i, 'seq'], message: `calls must be numbered 0, 1, 2... in order (expected ${i})` });
      // The calls table's CHECK (migration 0008): a consistency sample is never the answer.
      if (c.role === 'sample' && c.accepted) ctx.addIssue({ code: 'custom', path: ['calls', i, 'accepted'], message: 'a consistency sample is never accepted' });
    });
    // The app writes a query's cost as its calls' known costs added up (ledger-record.ts), and the
    // rollups count the query's figure while the per-model views count the calls': a document
    // where they differ would make the views disagree with each other.
    const known = q.calls.reduce((sum, c) => sum + (c.costNano ?? 0), 0);
    if (q.costNano !== known) ctx.addIssue({ code: 'custom', path: ['costNano'], message: `must be the sum of its calls' costNano (${known})` });
    const complete = q.calls.every((c) => c.costNano !== null);
    if (q.costComplete !== complete) ctx.addIssue({ code: 'custom', path: ['costComplete'], message: `must be ${complete}: ${complete ? 'every call has a cost' : 'a call has no known cost'}` });
  });

const auditSchema = z
  .object({
    queryId: id,
    topModel: z.string().min(1).max(200),
    topAnswer: text,
    agrees: z.boolean(),
    similarity: nullable(z.number().finite()),
    costNano: nullable(nano),
    createdAt: epochMs,
  })
  .strict();

const messageSchema = z
  .object({
    id,
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: text,
    createdAt: epochMs,
    queryId: nullable(id),
    /** The run's outcome as the chat shows it (assistant messages). */
    outcome: z.record(z.string(), z.unknown()).nullable(),
  })
  .strict();

const conversationSchema = z
  .object({
    id,
    title: z.string().max(1000),
    createdAt: epochMs,
    updatedAt: epochMs,
    messages: z.array(messageSchema),
  })
  .strict();

const settingSchema = z
  .object({
    key: z.string().min(1).max(200),
    value: z.unknown(),
    updatedAt: epochMs,
  })
  .strict();

export const backupDocumentSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    exportedAt: epochMs,
    app: z.object({ version: z.string().max(100) }).strict(),
    /** Migrations the exporting database had applied (informational). */
    schema: z.array(z.string().max(200)).max(10_000),
    settings: z.array(settingSchema).max(10_000),
    conversations: z.array(conversationSchema),
    queries: z.array(querySchema),
    audits: z.array(auditSchema),
  })
  .strict()
  .superRefine((doc, ctx) => {
    unique(doc.settings.map((s) => s.key), ['settings'], 'key', ctx);
    doc.settings.forEach((s, i) => {
      if (s.value === undefined) ctx.addIssue({ code: 'custom', path: ['settings', i, 'value'], message: 'a setting needs a value' });
    });
    unique(doc.conversations.map((c) => c.id), ['conversations'], 'id', ctx);
    unique(doc.queries.map((q) => q.id), ['queries'], 'id', ctx);
    const messageIds = new Map<string, string>();
    doc.conversations.forEach((c, ci) =>
      c.messages.forEach((m, mi) => {
        const first = messageIds.get(m.id);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['conversations', ci, 'messages', mi, 'id'], message: `"${m.id}" is already used by ${first}` });
        else messageIds.set(m.id, `conversations.${ci}.messages.${mi}`);
      }),
    );
  });

export type BackupDocument = z.infer<typeof backupDocumentSchema>;
export type BackupQuery = BackupDocument['queries'][number];
export type BackupConversation = BackupDocument['conversations'][number];

// The document carries exactly the ledger's records: a field added to them must be added here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _calls: Same<z.infer<typeof callSchema>, CallRecord> = true;
const _queries: Same<Omit<BackupQuery, 'feedback' | 'feedbackNote'>, QueryRecord> = true;
const _audits: Same<z.infer<typeof auditSchema>, AuditRecord> = true;
void [_calls, _queries, _audits];

function unique(values: string[], path: (string | number)[], field: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const first = seen.get(v);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [...path, i, field], message: `"${v}" is already used by ${path.join('.')}.${first}` });
    else seen.set(v, i);
  });
}
