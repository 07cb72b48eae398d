// The `budget` section of the configuration. Absent = no budgets (today's behaviour); present =
// on unless `enabled: false`, so the settings screen can switch budgets off without losing them.
import { z } from 'zod';

export const AT_LIMIT_ACTIONS = ['drafter-only', 'refuse'] as const;
export type AtLimitAction = (typeof AT_LIMIT_ACTIONS)[number];

export const budgetLimitSchema = z
  .object({
    limitUsd: z.number().finite().nonnegative().max(1_000_000_000),
    /**
     * How far past the limit the last admitted query may go, as a share of the limit (0.1 = 10%).
     * A query whose worst-case cost would end beyond limit × (1 + graceRatio) is not admitted.
     */
    graceRatio: z.number().finite().min(0).max(10).default(0),
  })
  .strict();
export type BudgetLimitConfig = z.infer<typeof budgetLimitSchema>;

export const budgetLimitPairSchema = z
  .object({ daily: budgetLimitSchema.optional(), monthly: budgetLimitSchema.optional() })
  .strict();
export type BudgetLimitPair = z.infer<typeof budgetLimitPairSchema>;

/** Same rule as the API's userId tag, so every user that can be tagged can be given a limit. */
const userTag = z.string().min(1).max(100).regex(/^[\w.@:-]+$/, 'letters, digits and . _ - @ : only');

export const budgetConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** All queries together, per UTC day / UTC calendar month. */
    daily: budgetLimitSchema.optional(),
    monthly: budgetLimitSchema.optional(),
    /** Limits every user (queries with a userId / --user) gets on their own. */
    perUser: budgetLimitPairSchema.optional(),
    /** Limits for named users; they replace perUser for that user. */
    users: z.record(userTag, budgetLimitPairSchema).default({}),
    /** From this share of a limit on, the cascade prefers the drafter. */
    nearLimitRatio: z.number().min(0).max(1).default(0.8),
    /** The acceptance threshold used near a limit (never raises a lower one). */
    nearLimitThreshold: z.number().min(0).max(1).default(0.5),
    /** At a limit: answer with the first tier only, or refuse with `budget_exceeded`. */
    atLimit: z.enum(AT_LIMIT_ACTIONS).default('refuse'),
    /** Output tokens assumed for the worst-case estimate when a request gives no maxTokens. */
    expectedOutputTokens: z.number().int().positive().max(1_000_000).default(1024),
  })
  .strict();
export type BudgetConfig = z.infer<typeof budgetConfigSchema>;
export type BudgetConfigInput = z.input<typeof budgetConfigSchema>;
