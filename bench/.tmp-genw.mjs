// scripts/generate-ledger.ts
import { existsSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";

// shared/api/result.ts
var ApiFailure = class extends Error {
  constructor(code, message, details) {
    super(message);
    this.code = code;
    this.details = details;
  }
  code;
  details;
};

// shared/core/config/schema.ts
import { z } from "zod";
var PROVIDER_KINDS = ["ollama", "openai", "vllm", "groq", "anthropic", "openai-compatible"];
var providerKindSchema = z.enum(PROVIDER_KINDS);
var COMPLEXITY_LEVELS = ["trivial", "simple", "moderate", "hard", "expert"];
var complexitySchema = z.enum(COMPLEXITY_LEVELS);
var STREAMING_MODES = ["buffer", "draft-then-replace", "parallel"];
var streamingModeSchema = z.enum(STREAMING_MODES);
var usdPerMTok = z.number().finite().nonnegative();
var priceSchema = z.object({
  inputPerMTok: usdPerMTok,
  outputPerMTok: usdPerMTok,
  cachedInputPerMTok: usdPerMTok.optional()
}).strict();
var httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");
var tierSchema = z.object({
  model: z.string().min(1).max(200),
  provider: providerKindSchema,
  baseUrl: httpUrl.optional(),
  /** Name of the environment variable (or stored secret) holding this tier's API key. */
  apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name like MY_API_KEY").optional(),
  price: priceSchema.optional(),
  /** Runs on the user's own hardware: priced by the energy model unless `price` is given. */
  local: z.boolean().optional(),
  /** Per-tier acceptance threshold, overriding quality.threshold. */
  threshold: z.number().min(0).max(1).optional(),
  timeoutMs: z.number().int().positive().max(36e5).optional()
}).strict();
var tierListSchema = z.array(tierSchema).min(1, "needs at least one model").max(8);
var domainSchema = z.object({
  tiers: tierListSchema,
  /** Words or phrases that route a query here (case-insensitive, whole words). */
  keywords: z.array(z.string().min(1).max(100)).max(200).optional(),
  threshold: z.number().min(0).max(1).optional()
}).strict();
var appConfigSchema = z.object({
  tiers: tierListSchema,
  domains: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, "domain names are lower-case words"), domainSchema).default({}),
  quality: z.object({
    threshold: z.number().min(0).max(1).default(0.7),
    /** Fail rather than return an unverified draft when every verifier failed. */
    requireVerified: z.boolean().default(false)
  }).strict().default({ threshold: 0.7, requireVerified: false }),
  routing: z.object({
    /** Send queries rated above this complexity straight past the drafter. Off when absent. */
    skipDrafterAbove: complexitySchema.optional()
  }).strict().default({}),
  streaming: z.object({ mode: streamingModeSchema.default("draft-then-replace") }).strict().default({ mode: "draft-then-replace" }),
  audit: z.object({ rate: z.number().min(0).max(1).default(0) }).strict().default({ rate: 0 }),
  local: z.object({
    gpuWatts: z.number().finite().nonnegative().max(1e5).default(300),
    electricityUsdPerKwh: z.number().finite().nonnegative().max(100).default(0.15)
  }).strict().default({ gpuWatts: 300, electricityUsdPerKwh: 0.15 }),
  /** Per-model price overrides, keyed by model id; win over the bundled price data. */
  prices: z.record(z.string().min(1), priceSchema).default({})
}).strict();
var DEFAULT_CONFIG = appConfigSchema.parse({
  tiers: [
    { model: "llama3.2:3b", provider: "ollama", local: true },
    { model: "gpt-4o", provider: "openai" }
  ]
});

// electron/node/sqlite/ledger-range.ts
var DAY_MS = 864e5;
var NOTHING = 0;
function splitRange({ from, to }) {
  if (!(to > from)) return { fromDay: NOTHING, toDay: NOTHING, lf: NOTHING, lt: NOTHING, rf: NOTHING, rt: NOTHING };
  const fromDay = Math.ceil(Math.max(from, 0) / DAY_MS);
  const toDay = Math.floor(to / DAY_MS);
  if (toDay <= fromDay) return { fromDay: NOTHING, toDay: NOTHING, lf: from, lt: to, rf: NOTHING, rt: NOTHING };
  return { fromDay, toDay, lf: from, lt: fromDay * DAY_MS, rf: toDay * DAY_MS, rt: to };
}

// electron/node/sqlite/ledger-analytics.ts
var DRAFTER_ELIGIBLE_SQL = "(status IN ('ok', 'unverified') AND top_tier > 0)";
var DRAFTER_ACCEPTED_SQL = `(${DRAFTER_ELIGIBLE_SQL} AND final_tier = 0)`;
var ratio = (num, den) => den > 0 ? num / den : null;
function toSummary(q, c, a) {
  return {
    queries: q.queries,
    costNano: q.cost,
    baselineCostNano: q.baseline,
    savingsNano: q.savings,
    savingsRatio: q.with_baseline > 0 ? ratio(q.savings, q.baseline) : null,
    drafterAcceptanceRate: ratio(q.drafted, q.eligible),
    avgCostNano: q.queries > 0 ? Math.round(q.cost / q.queries) : null,
    escalated: q.escalated,
    unknownPriceQueries: q.unknown,
    localTokens: c.local_tokens,
    cloudTokens: c.cloud_tokens,
    localCostNano: c.local_cost,
    cloudCostNano: c.cloud_cost,
    falseAcceptRate: ratio(a.disagreed, a.audited),
    audited: a.audited
  };
}
function toModelCost(r) {
  return {
    model: r.model,
    // The provider column is unconstrained so new kinds need no table rebuild; a chart should
    // not fail over one row an older build does not recognise.
    provider: PROVIDER_KINDS.find((k) => k === r.provider) ?? "openai-compatible",
    local: r.local === 1,
    calls: r.calls,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    costNano: r.cost,
    unknownPriceCalls: r.unknown
  };
}
function toTopQuery(r) {
  return {
    id: r.id,
    createdAt: r.created_at,
    conversationId: r.conversation_id,
    prompt: r.prompt,
    finalModel: r.final_model,
    costNano: r.cost_nano,
    escalated: r.escalated === 1
  };
}
function toTagCost(r) {
  return { tag: r.tag, queries: r.queries, costNano: r.cost, baselineCostNano: r.baseline };
}
var ROLLUP_DAYS = "day >= @fromDay AND day < @toDay";
function edges(select) {
  return [
    select("q.created_at >= @lf AND q.created_at < @lt"),
    select("q.created_at >= @rf AND q.created_at < @rt")
  ].join("\n    UNION ALL\n");
}
var ANSWER_QUALITY = `(SELECT c.quality_score FROM calls c WHERE c.query_id = q.id AND c.accepted = 1 ORDER BY c.seq DESC LIMIT 1)`;
function tagSql(column) {
  return `SELECT tag, SUM(queries) AS queries, SUM(cost) AS cost, SUM(baseline) AS baseline FROM (
    SELECT tag, queries, cost_nano AS cost, baseline_nano AS baseline FROM ledger_daily_tag WHERE kind = @kind AND ${ROLLUP_DAYS}
    UNION ALL
    ${edges((r) => `SELECT COALESCE(q.${column}, '(none)'), 1, q.cost_nano, COALESCE(q.baseline_cost_nano, 0) FROM queries q WHERE ${r}`)}
  ) GROUP BY tag HAVING SUM(queries) > 0 ORDER BY cost DESC, tag`;
}
var ROW_LOOKUP_VS_INDEX_STEP = 8;
function preferCostOrder(limit, total, inRange) {
  if (inRange <= 0) return false;
  return limit * total / inRange < inRange * ROW_LOOKUP_VS_INDEX_STEP;
}
var ANALYTICS_SQL = {
  // Audits are rolled up with their query's day; at the edges they are counted through the query.
  querySummary: `
    SELECT COALESCE(SUM(queries), 0) AS queries, COALESCE(SUM(cost), 0) AS cost, COALESCE(SUM(baseline), 0) AS baseline,
      COALESCE(SUM(savings), 0) AS savings, COALESCE(SUM(with_baseline), 0) AS with_baseline,
      COALESCE(SUM(eligible), 0) AS eligible, COALESCE(SUM(drafted), 0) AS drafted,
      COALESCE(SUM(escalated), 0) AS escalated, COALESCE(SUM(unknown), 0) AS unknown,
      COALESCE(SUM(audited), 0) AS audited, COALESCE(SUM(disagreed), 0) AS disagreed
    FROM (
      SELECT queries, cost_nano AS cost, baseline_nano AS baseline, savings_nano AS savings, with_baseline, eligible, drafted,
        escalated, unknown_price AS unknown, audited, disagreed
      FROM ledger_daily WHERE ${ROLLUP_DAYS}
      UNION ALL
      ${edges(
    (r) => `SELECT COUNT(*), COALESCE(SUM(q.cost_nano), 0), COALESCE(SUM(q.baseline_cost_nano), 0),
        COALESCE(SUM(q.baseline_cost_nano - q.cost_nano), 0), COUNT(q.baseline_cost_nano),
        COALESCE(SUM(q.status IN ('ok', 'unverified') AND q.top_tier > 0), 0),
        COALESCE(SUM(q.status IN ('ok', 'unverified') AND q.top_tier > 0 AND q.final_tier = 0), 0),
        COALESCE(SUM(q.escalated), 0), COALESCE(SUM(q.cost_complete = 0), 0), 0, 0
      FROM queries q WHERE ${r}`
  )}
      UNION ALL
      ${edges((r) => `SELECT 0, 0, 0, 0, 0, 0, 0, 0, 0, COUNT(*), COALESCE(SUM(a.agrees = 0), 0)
      FROM queries q CROSS JOIN audits a ON a.query_id = q.id WHERE ${r}`)}
    )`,
  callSummary: `
    SELECT
      COALESCE(SUM(CASE WHEN local = 1 THEN tokens END), 0) AS local_tokens,
      COALESCE(SUM(CASE WHEN local = 0 THEN tokens END), 0) AS cloud_tokens,
      COALESCE(SUM(CASE WHEN local = 1 THEN cost END), 0) AS local_cost,
      COALESCE(SUM(CASE WHEN local = 0 THEN cost END), 0) AS cloud_cost
    FROM (
      SELECT local, input_tokens + output_tokens AS tokens, cost_nano AS cost FROM ledger_daily_model WHERE ${ROLLUP_DAYS}
      UNION ALL
      ${edges((r) => `SELECT c.local, c.input_tokens + c.output_tokens, c.cost_nano FROM queries q CROSS JOIN calls c ON c.query_id = q.id WHERE ${r}`)}
    )`,
  daily: `
    SELECT day, SUM(queries) AS queries, SUM(cost) AS cost, SUM(baseline) AS baseline, SUM(escalated) AS escalated,
      SUM(quality_sum) AS quality_sum, SUM(quality_n) AS quality_n
    FROM (
      SELECT strftime('%Y-%m-%d', day * 86400, 'unixepoch') AS day, queries, cost_nano AS cost, baseline_nano AS baseline,
        escalated, quality_sum, quality_n
      FROM ledger_daily WHERE ${ROLLUP_DAYS} AND queries > 0
      UNION ALL
      ${edges(
    (r) => `SELECT day, COUNT(*), SUM(cost_nano), COALESCE(SUM(baseline_cost_nano), 0), SUM(escalated),
        COALESCE(SUM(quality), 0.0), COUNT(quality)
      FROM (
        SELECT strftime('%Y-%m-%d', q.created_at / 1000, 'unixepoch') AS day, q.cost_nano, q.baseline_cost_nano, q.escalated,
          ${ANSWER_QUALITY} AS quality
        FROM queries q WHERE ${r}
      ) GROUP BY day`
  )}
    )
    GROUP BY day ORDER BY day`,
  byModel: `
    SELECT model, provider, local, SUM(calls) AS calls, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
      SUM(cost) AS cost, SUM(unknown) AS unknown
    FROM (
      SELECT model, provider, local, calls, input_tokens, output_tokens, cost_nano AS cost, unknown_price AS unknown
      FROM ledger_daily_model WHERE ${ROLLUP_DAYS}
      UNION ALL
      ${edges(
    (r) => `SELECT c.model, c.provider, c.local, 1, c.input_tokens, c.output_tokens, COALESCE(c.cost_nano, 0), c.cost_nano IS NULL
      FROM queries q CROSS JOIN calls c ON c.query_id = q.id WHERE ${r}`
  )}
    )
    GROUP BY model, provider, local HAVING SUM(calls) > 0
    ORDER BY cost DESC, calls DESC, model, provider, local`,
  // "+" keeps the planner off queries_created_at: the cost index already yields the order and
  // checks the range on its own created_at column, so only the `limit` winners touch the table.
  topByCost: `
    SELECT id, created_at, conversation_id, prompt, final_model, cost_nano, escalated
    FROM queries WHERE +created_at >= @from AND +created_at < @to
    ORDER BY cost_nano DESC, created_at DESC, rowid DESC LIMIT @limit`,
  topByTime: `
    SELECT id, created_at, conversation_id, prompt, final_model, cost_nano, escalated
    FROM queries WHERE created_at >= @from AND created_at < @to
    ORDER BY +cost_nano DESC, created_at DESC, rowid DESC LIMIT @limit`,
  byTag: { user: tagSql("user_id"), feature: tagSql("feature") }
};
function createLedgerAnalytics(db) {
  const querySummary = db.prepare(ANALYTICS_SQL.querySummary);
  const callSummary = db.prepare(ANALYTICS_SQL.callSummary);
  const daily = db.prepare(ANALYTICS_SQL.daily);
  const byModel = db.prepare(ANALYTICS_SQL.byModel);
  const topByCost = db.prepare(ANALYTICS_SQL.topByCost);
  const topByTime = db.prepare(ANALYTICS_SQL.topByTime);
  const rangeCount = db.prepare(`
    SELECT COALESCE(SUM(queries), 0) AS total,
      COALESCE(SUM(CASE WHEN day >= @fromDay AND day < @toDay THEN queries END), 0) AS in_range
    FROM ledger_daily`);
  const byTag = {
    user: db.prepare(ANALYTICS_SQL.byTag.user),
    feature: db.prepare(ANALYTICS_SQL.byTag.feature)
  };
  return {
    summary(range) {
      const split = splitRange(range);
      const q = querySummary.get(split);
      const c = callSummary.get(split);
      if (q === void 0 || c === void 0) throw new Error("aggregate query returned no row");
      return toSummary(q, c, q);
    },
    daily(range) {
      return daily.all(splitRange(range)).map((r) => ({
        day: r.day,
        queries: r.queries,
        costNano: r.cost,
        baselineCostNano: r.baseline,
        escalated: r.escalated,
        avgQuality: r.quality_n > 0 ? r.quality_sum / r.quality_n : null
      }));
    },
    costByModel(range) {
      return byModel.all(splitRange(range)).map(toModelCost);
    },
    topQueries(range, limit) {
      const bounds = { from: range.from, to: range.to, limit };
      const counts = rangeCount.get({ fromDay: Math.floor(range.from / DAY_MS), toDay: Math.ceil(range.to / DAY_MS) });
      const byCost = counts !== void 0 && preferCostOrder(limit, counts.total, counts.in_range);
      return (byCost ? topByCost : topByTime).all(bounds).map(toTopQuery);
    },
    costByTag(range, tag) {
      const split = splitRange(range);
      const rows = tag === "user" ? byTag.user.all({ ...split, kind: "user" }) : byTag.feature.all({ ...split, kind: "feature" });
      return rows.map(toTagCost);
    }
  };
}

// electron/node/sqlite/ledger-rows.ts
var ROLES = ["draft", "verify", "parallel", "audit"];
var ATTEMPT_STATUSES = ["ok", "error", "cancelled"];
var RUN_STATUSES = ["ok", "unverified", "failed", "cancelled"];
var PRICINGS = ["list", "override", "energy", "unknown"];
function oneOf(values, value, field) {
  const found = values.find((v) => v === value);
  if (found === void 0) throw new Error(`ledger row has an unknown ${field} "${value}"`);
  return found;
}
var bit = (b) => b ? 1 : 0;
var ms = (n) => Math.round(n);
var msOrNull = (n) => n === null ? null : Math.round(n);
function queryParams(q) {
  return {
    id: q.id,
    run_id: q.runId,
    created_at: q.createdAt,
    conversation_id: q.conversationId,
    user_id: q.userId,
    feature: q.feature,
    domain: q.domain,
    complexity: q.complexity,
    final_model: q.finalModel,
    final_provider: q.finalProvider,
    final_tier: q.finalTier,
    top_tier: q.topTier,
    escalated: bit(q.escalated),
    status: q.status,
    cost_nano: q.costNano,
    cost_complete: bit(q.costComplete),
    baseline_cost_nano: q.baselineCostNano,
    baseline_estimated: bit(q.baselineEstimated),
    latency_ms: ms(q.latencyMs),
    prompt: q.prompt,
    answer: q.answer,
    decision: q.decision
  };
}
function callParams(queryId, c) {
  return {
    query_id: queryId,
    seq: c.seq,
    provider: c.provider,
    model: c.model,
    tier: c.tier,
    role: c.role,
    local: bit(c.local),
    input_tokens: c.inputTokens,
    output_tokens: c.outputTokens,
    cached_input_tokens: c.cachedInputTokens,
    usage_estimated: bit(c.usageEstimated),
    cost_nano: c.costNano,
    pricing: c.pricing,
    ttft_ms: msOrNull(c.ttftMs),
    duration_ms: ms(c.durationMs),
    status: c.status,
    accepted: bit(c.accepted),
    quality_score: c.qualityScore,
    quality_json: c.qualityJson,
    finish_reason: c.finishReason,
    text: c.text,
    error_code: c.errorCode,
    error_message: c.errorMessage
  };
}
function callFromRow(r) {
  return {
    seq: r.seq,
    provider: oneOf(PROVIDER_KINDS, r.provider, "provider"),
    model: r.model,
    tier: r.tier,
    role: oneOf(ROLES, r.role, "role"),
    local: r.local === 1,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cachedInputTokens: r.cached_input_tokens,
    usageEstimated: r.usage_estimated === 1,
    costNano: r.cost_nano,
    pricing: oneOf(PRICINGS, r.pricing, "pricing"),
    ttftMs: r.ttft_ms,
    durationMs: r.duration_ms,
    status: oneOf(ATTEMPT_STATUSES, r.status, "call status"),
    accepted: r.accepted === 1,
    qualityScore: r.quality_score,
    qualityJson: r.quality_json,
    finishReason: r.finish_reason,
    text: r.text,
    errorCode: r.error_code,
    errorMessage: r.error_message
  };
}
function queryFromRow(r, calls) {
  return {
    id: r.id,
    runId: r.run_id,
    createdAt: r.created_at,
    conversationId: r.conversation_id,
    userId: r.user_id,
    feature: r.feature,
    domain: r.domain,
    complexity: oneOf(COMPLEXITY_LEVELS, r.complexity, "complexity"),
    finalModel: r.final_model,
    finalProvider: oneOf(PROVIDER_KINDS, r.final_provider, "provider"),
    finalTier: r.final_tier,
    topTier: r.top_tier,
    escalated: r.escalated === 1,
    status: oneOf(RUN_STATUSES, r.status, "status"),
    costNano: r.cost_nano,
    costComplete: r.cost_complete === 1,
    baselineCostNano: r.baseline_cost_nano,
    baselineEstimated: r.baseline_estimated === 1,
    latencyMs: r.latency_ms,
    prompt: r.prompt,
    answer: r.answer,
    decision: r.decision,
    calls
  };
}
var QUERY_INSERT_COLUMNS = [
  "id",
  "run_id",
  "created_at",
  "conversation_id",
  "user_id",
  "feature",
  "domain",
  "complexity",
  "final_model",
  "final_provider",
  "final_tier",
  "top_tier",
  "escalated",
  "status",
  "cost_nano",
  "cost_complete",
  "baseline_cost_nano",
  "baseline_estimated",
  "latency_ms",
  "prompt",
  "answer",
  "decision"
];
var QUERY_COLUMNS = [...QUERY_INSERT_COLUMNS, "feedback", "feedback_note"].join(", ");
var CALL_COLUMN_LIST = [
  "query_id",
  "seq",
  "provider",
  "model",
  "tier",
  "role",
  "local",
  "input_tokens",
  "output_tokens",
  "cached_input_tokens",
  "usage_estimated",
  "cost_nano",
  "pricing",
  "ttft_ms",
  "duration_ms",
  "status",
  "accepted",
  "quality_score",
  "quality_json",
  "finish_reason",
  "text",
  "error_code",
  "error_message"
];
var CALL_COLUMNS = CALL_COLUMN_LIST.join(", ");

// electron/node/sqlite/ledger-export.ts
var CHUNK_CHARS = 64 * 1024;

// electron/node/sqlite/ledger-store.ts
function createLedgerStore(db) {
  const queryValues = QUERY_INSERT_COLUMNS.map(
    (c) => c === "conversation_id" ? "(SELECT id FROM conversations WHERE id = @conversation_id)" : `@${c}`
  );
  const insertQuery = db.prepare(
    `INSERT INTO queries (${QUERY_INSERT_COLUMNS.join(", ")}) VALUES (${queryValues.join(", ")})`
  );
  const insertCall = db.prepare(
    `INSERT INTO calls (${CALL_COLUMNS}) VALUES (${CALL_COLUMN_LIST.map((c) => `@${c}`).join(", ")})`
  );
  const selectQuery = db.prepare(`SELECT ${QUERY_COLUMNS} FROM queries WHERE id = ?`);
  const selectCalls = db.prepare(`SELECT ${CALL_COLUMNS} FROM calls WHERE query_id = ? ORDER BY seq`);
  const updateFeedback = db.prepare(
    "UPDATE queries SET feedback = @feedback, feedback_note = @note WHERE id = @id"
  );
  const insertAudit = db.prepare(
    `INSERT INTO audits (query_id, top_model, top_answer, agrees, similarity, cost_nano, created_at)
     VALUES (@queryId, @topModel, @topAnswer, @agrees, @similarity, @costNano, @createdAt)`
  );
  const record = db.transaction((q) => {
    insertQuery.run(queryParams(q));
    for (const c of q.calls) insertCall.run(callParams(q.id, c));
  });
  return {
    ...createLedgerAnalytics(db),
    recordQuery(q) {
      record(q);
    },
    getQuery(id) {
      const row = selectQuery.get(id);
      if (row === void 0) return null;
      return queryFromRow(row, selectCalls.all(id).map(callFromRow));
    },
    recordAudit(a) {
      insertAudit.run({ ...a, agrees: a.agrees ? 1 : 0 });
    },
    setFeedback(queryId, rating, note) {
      const changed = updateFeedback.run({ id: queryId, feedback: rating, note: rating === null ? null : note ?? null }).changes;
      if (changed === 0) throw new ApiFailure("not_found", `No query with id ${queryId} in the ledger.`);
    }
  };
}

// electron/node/sqlite/open-database.ts
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";

// electron/node/sqlite/ledger-rollups-migration.ts
var LEDGER_ROLLUPS_SQL = `
  -- Serves topQueries over wide ranges: walk costs from the top, filter the range in the index.
  CREATE INDEX queries_cost_created_at ON queries (cost_nano, created_at);

  CREATE TABLE ledger_daily (
    day INTEGER PRIMARY KEY,
    queries INTEGER NOT NULL DEFAULT 0,
    cost_nano INTEGER NOT NULL DEFAULT 0,
    baseline_nano INTEGER NOT NULL DEFAULT 0,
    savings_nano INTEGER NOT NULL DEFAULT 0,
    with_baseline INTEGER NOT NULL DEFAULT 0,
    eligible INTEGER NOT NULL DEFAULT 0,
    drafted INTEGER NOT NULL DEFAULT 0,
    escalated INTEGER NOT NULL DEFAULT 0,
    unknown_price INTEGER NOT NULL DEFAULT 0,
    quality_sum REAL NOT NULL DEFAULT 0,
    quality_n INTEGER NOT NULL DEFAULT 0,
    audited INTEGER NOT NULL DEFAULT 0,
    disagreed INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE ledger_daily_model (
    day INTEGER NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    local INTEGER NOT NULL,
    calls INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cost_nano INTEGER NOT NULL,
    unknown_price INTEGER NOT NULL,
    PRIMARY KEY (day, model, provider, local)
  ) STRICT, WITHOUT ROWID;

  -- tag is COALESCE(user_id | feature, '(none)'), exactly the grouping key costByTag reports.
  CREATE TABLE ledger_daily_tag (
    kind TEXT NOT NULL CHECK (kind IN ('user', 'feature')),
    day INTEGER NOT NULL,
    tag TEXT NOT NULL,
    queries INTEGER NOT NULL,
    cost_nano INTEGER NOT NULL,
    baseline_nano INTEGER NOT NULL,
    PRIMARY KEY (kind, day, tag)
  ) STRICT, WITHOUT ROWID;

  -- Backfill from the rows already on file.
  INSERT INTO ledger_daily (day, queries, cost_nano, baseline_nano, savings_nano, with_baseline, eligible, drafted,
    escalated, unknown_price, quality_sum, quality_n)
  SELECT created_at / 86400000, COUNT(*), SUM(cost_nano), COALESCE(SUM(baseline_cost_nano), 0),
    COALESCE(SUM(baseline_cost_nano - cost_nano), 0), COUNT(baseline_cost_nano),
    SUM(status IN ('ok', 'unverified') AND top_tier > 0),
    SUM(status IN ('ok', 'unverified') AND top_tier > 0 AND final_tier = 0),
    SUM(escalated), SUM(cost_complete = 0), COALESCE(SUM(quality), 0.0), COUNT(quality)
  FROM (
    SELECT q.*, (SELECT c.quality_score FROM calls c WHERE c.query_id = q.id AND c.accepted = 1 ORDER BY c.seq DESC LIMIT 1) AS quality
    FROM queries q WHERE q.created_at >= 0
  )
  GROUP BY created_at / 86400000;

  UPDATE ledger_daily SET audited = a.audited, disagreed = a.disagreed
  FROM (
    SELECT q.created_at / 86400000 AS day, COUNT(*) AS audited, SUM(a.agrees = 0) AS disagreed
    FROM audits a JOIN queries q ON q.id = a.query_id WHERE q.created_at >= 0 GROUP BY 1
  ) AS a
  WHERE ledger_daily.day = a.day;

  INSERT INTO ledger_daily_model (day, model, provider, local, calls, input_tokens, output_tokens, cost_nano, unknown_price)
  SELECT q.created_at / 86400000, c.model, c.provider, c.local, COUNT(*), SUM(c.input_tokens), SUM(c.output_tokens),
    COALESCE(SUM(c.cost_nano), 0), SUM(c.cost_nano IS NULL)
  FROM calls c JOIN queries q ON q.id = c.query_id WHERE q.created_at >= 0
  GROUP BY 1, 2, 3, 4;

  INSERT INTO ledger_daily_tag (kind, day, tag, queries, cost_nano, baseline_nano)
  SELECT 'user', created_at / 86400000, COALESCE(user_id, '(none)'), COUNT(*), SUM(cost_nano), COALESCE(SUM(baseline_cost_nano), 0)
  FROM queries WHERE created_at >= 0 GROUP BY 2, 3;

  INSERT INTO ledger_daily_tag (kind, day, tag, queries, cost_nano, baseline_nano)
  SELECT 'feature', created_at / 86400000, COALESCE(feature, '(none)'), COUNT(*), SUM(cost_nano), COALESCE(SUM(baseline_cost_nano), 0)
  FROM queries WHERE created_at >= 0 GROUP BY 2, 3;

  CREATE TRIGGER ledger_rollup_query_insert AFTER INSERT ON queries WHEN NEW.created_at >= 0
  BEGIN
    INSERT INTO ledger_daily (day, queries, cost_nano, baseline_nano, savings_nano, with_baseline, eligible, drafted, escalated, unknown_price)
    VALUES (
      NEW.created_at / 86400000, 1, NEW.cost_nano, COALESCE(NEW.baseline_cost_nano, 0),
      COALESCE(NEW.baseline_cost_nano - NEW.cost_nano, 0), NEW.baseline_cost_nano IS NOT NULL,
      NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0,
      NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0 AND NEW.final_tier = 0,
      NEW.escalated, NEW.cost_complete = 0)
    ON CONFLICT (day) DO UPDATE SET
      queries = queries + excluded.queries,
      cost_nano = cost_nano + excluded.cost_nano,
      baseline_nano = baseline_nano + excluded.baseline_nano,
      savings_nano = savings_nano + excluded.savings_nano,
      with_baseline = with_baseline + excluded.with_baseline,
      eligible = eligible + excluded.eligible,
      drafted = drafted + excluded.drafted,
      escalated = escalated + excluded.escalated,
      unknown_price = unknown_price + excluded.unknown_price;
    INSERT INTO ledger_daily_tag (kind, day, tag, queries, cost_nano, baseline_nano)
    VALUES
      ('user', NEW.created_at / 86400000, COALESCE(NEW.user_id, '(none)'), 1, NEW.cost_nano, COALESCE(NEW.baseline_cost_nano, 0)),
      ('feature', NEW.created_at / 86400000, COALESCE(NEW.feature, '(none)'), 1, NEW.cost_nano, COALESCE(NEW.baseline_cost_nano, 0))
    ON CONFLICT (kind, day, tag) DO UPDATE SET
      queries = queries + excluded.queries,
      cost_nano = cost_nano + excluded.cost_nano,
      baseline_nano = baseline_nano + excluded.baseline_nano;
  END;

  -- BEFORE: the calls and audits are still there to be subtracted.
  CREATE TRIGGER ledger_rollup_query_delete BEFORE DELETE ON queries WHEN OLD.created_at >= 0
  BEGIN
    UPDATE ledger_daily SET
      queries = queries - 1,
      cost_nano = cost_nano - OLD.cost_nano,
      baseline_nano = baseline_nano - COALESCE(OLD.baseline_cost_nano, 0),
      savings_nano = savings_nano - COALESCE(OLD.baseline_cost_nano - OLD.cost_nano, 0),
      with_baseline = with_baseline - (OLD.baseline_cost_nano IS NOT NULL),
      eligible = eligible - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0),
      drafted = drafted - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0 AND OLD.final_tier = 0),
      escalated = escalated - OLD.escalated,
      unknown_price = unknown_price - (OLD.cost_complete = 0),
      quality_sum = quality_sum - COALESCE((SELECT quality_score FROM calls WHERE query_id = OLD.id AND accepted = 1 ORDER BY seq DESC LIMIT 1), 0),
      quality_n = quality_n - COALESCE((SELECT quality_score IS NOT NULL FROM calls WHERE query_id = OLD.id AND accepted = 1 ORDER BY seq DESC LIMIT 1), 0),
      audited = audited - (SELECT COUNT(*) FROM audits WHERE query_id = OLD.id),
      disagreed = disagreed - (SELECT COUNT(*) FROM audits WHERE query_id = OLD.id AND agrees = 0)
    WHERE day = OLD.created_at / 86400000;
    UPDATE ledger_daily_tag SET
      queries = queries - 1,
      cost_nano = cost_nano - OLD.cost_nano,
      baseline_nano = baseline_nano - COALESCE(OLD.baseline_cost_nano, 0)
    WHERE kind = 'user' AND day = OLD.created_at / 86400000 AND tag = COALESCE(OLD.user_id, '(none)');
    UPDATE ledger_daily_tag SET
      queries = queries - 1,
      cost_nano = cost_nano - OLD.cost_nano,
      baseline_nano = baseline_nano - COALESCE(OLD.baseline_cost_nano, 0)
    WHERE kind = 'feature' AND day = OLD.created_at / 86400000 AND tag = COALESCE(OLD.feature, '(none)');
    UPDATE ledger_daily_model SET
      calls = ledger_daily_model.calls - c.calls,
      input_tokens = ledger_daily_model.input_tokens - c.input_tokens,
      output_tokens = ledger_daily_model.output_tokens - c.output_tokens,
      cost_nano = ledger_daily_model.cost_nano - c.cost_nano,
      unknown_price = ledger_daily_model.unknown_price - c.unknown_price
    FROM (
      SELECT model, provider, local, COUNT(*) AS calls, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
        COALESCE(SUM(cost_nano), 0) AS cost_nano, SUM(cost_nano IS NULL) AS unknown_price
      FROM calls WHERE query_id = OLD.id GROUP BY model, provider, local
    ) AS c
    WHERE ledger_daily_model.day = OLD.created_at / 86400000 AND ledger_daily_model.model = c.model
      AND ledger_daily_model.provider = c.provider AND ledger_daily_model.local = c.local;
  END;

  CREATE TRIGGER ledger_rollup_call_insert AFTER INSERT ON calls
  WHEN (SELECT created_at FROM queries WHERE id = NEW.query_id) >= 0
  BEGIN
    INSERT INTO ledger_daily_model (day, model, provider, local, calls, input_tokens, output_tokens, cost_nano, unknown_price)
    VALUES (
      (SELECT created_at FROM queries WHERE id = NEW.query_id) / 86400000, NEW.model, NEW.provider, NEW.local, 1,
      NEW.input_tokens, NEW.output_tokens, COALESCE(NEW.cost_nano, 0), NEW.cost_nano IS NULL)
    ON CONFLICT (day, model, provider, local) DO UPDATE SET
      calls = calls + excluded.calls,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cost_nano = cost_nano + excluded.cost_nano,
      unknown_price = unknown_price + excluded.unknown_price;
    -- The new call becomes the answer unless an accepted call with a higher seq exists; it then
    -- replaces the previous answer (the highest accepted seq below it).
    UPDATE ledger_daily SET
      quality_sum = quality_sum + COALESCE(NEW.quality_score, 0)
        - COALESCE((SELECT quality_score FROM calls WHERE query_id = NEW.query_id AND accepted = 1 AND seq < NEW.seq ORDER BY seq DESC LIMIT 1), 0),
      quality_n = quality_n + (NEW.quality_score IS NOT NULL)
        - COALESCE((SELECT quality_score IS NOT NULL FROM calls WHERE query_id = NEW.query_id AND accepted = 1 AND seq < NEW.seq ORDER BY seq DESC LIMIT 1), 0)
    WHERE NEW.accepted = 1
      AND NOT EXISTS (SELECT 1 FROM calls WHERE query_id = NEW.query_id AND accepted = 1 AND seq > NEW.seq)
      AND day = (SELECT created_at FROM queries WHERE id = NEW.query_id) / 86400000;
  END;

  -- A call deleted by the cascade of its query finds no parent: the query's trigger subtracted it.
  CREATE TRIGGER ledger_rollup_call_delete AFTER DELETE ON calls
  WHEN (SELECT created_at FROM queries WHERE id = OLD.query_id) >= 0
  BEGIN
    UPDATE ledger_daily_model SET
      calls = calls - 1,
      input_tokens = input_tokens - OLD.input_tokens,
      output_tokens = output_tokens - OLD.output_tokens,
      cost_nano = cost_nano - COALESCE(OLD.cost_nano, 0),
      unknown_price = unknown_price - (OLD.cost_nano IS NULL)
    WHERE day = (SELECT created_at FROM queries WHERE id = OLD.query_id) / 86400000
      AND model = OLD.model AND provider = OLD.provider AND local = OLD.local;
    UPDATE ledger_daily SET
      quality_sum = quality_sum - COALESCE(OLD.quality_score, 0)
        + COALESCE((SELECT quality_score FROM calls WHERE query_id = OLD.query_id AND accepted = 1 ORDER BY seq DESC LIMIT 1), 0),
      quality_n = quality_n - (OLD.quality_score IS NOT NULL)
        + COALESCE((SELECT quality_score IS NOT NULL FROM calls WHERE query_id = OLD.query_id AND accepted = 1 ORDER BY seq DESC LIMIT 1), 0)
    WHERE OLD.accepted = 1
      AND NOT EXISTS (SELECT 1 FROM calls WHERE query_id = OLD.query_id AND accepted = 1 AND seq > OLD.seq)
      AND day = (SELECT created_at FROM queries WHERE id = OLD.query_id) / 86400000;
  END;

  CREATE TRIGGER ledger_rollup_audit_insert AFTER INSERT ON audits
  BEGIN
    UPDATE ledger_daily SET audited = audited + 1, disagreed = disagreed + (NEW.agrees = 0)
    WHERE day = (SELECT created_at FROM queries WHERE id = NEW.query_id AND created_at >= 0) / 86400000;
  END;

  CREATE TRIGGER ledger_rollup_audit_delete AFTER DELETE ON audits
  BEGIN
    UPDATE ledger_daily SET audited = audited - 1, disagreed = disagreed - (OLD.agrees = 0)
    WHERE day = (SELECT created_at FROM queries WHERE id = OLD.query_id AND created_at >= 0) / 86400000;
  END;

  CREATE TRIGGER ledger_queries_append_only BEFORE UPDATE OF
    created_at, user_id, feature, status, top_tier, final_tier, escalated, cost_nano, cost_complete, baseline_cost_nano ON queries
  WHEN NEW.created_at IS NOT OLD.created_at OR NEW.user_id IS NOT OLD.user_id OR NEW.feature IS NOT OLD.feature
    OR NEW.status IS NOT OLD.status OR NEW.top_tier IS NOT OLD.top_tier OR NEW.final_tier IS NOT OLD.final_tier
    OR NEW.escalated IS NOT OLD.escalated OR NEW.cost_nano IS NOT OLD.cost_nano OR NEW.cost_complete IS NOT OLD.cost_complete
    OR NEW.baseline_cost_nano IS NOT OLD.baseline_cost_nano
  BEGIN
    SELECT RAISE(ABORT, 'ledger figures are append-only: delete the query and record it again');
  END;

  CREATE TRIGGER ledger_calls_append_only BEFORE UPDATE OF
    query_id, seq, provider, model, local, input_tokens, output_tokens, cost_nano, accepted, quality_score ON calls
  WHEN NEW.query_id IS NOT OLD.query_id OR NEW.seq IS NOT OLD.seq OR NEW.provider IS NOT OLD.provider
    OR NEW.model IS NOT OLD.model OR NEW.local IS NOT OLD.local OR NEW.input_tokens IS NOT OLD.input_tokens
    OR NEW.output_tokens IS NOT OLD.output_tokens OR NEW.cost_nano IS NOT OLD.cost_nano OR NEW.accepted IS NOT OLD.accepted
    OR NEW.quality_score IS NOT OLD.quality_score
  BEGIN
    SELECT RAISE(ABORT, 'ledger figures are append-only: delete the query and record it again');
  END;

  CREATE TRIGGER ledger_audits_append_only BEFORE UPDATE OF query_id, agrees ON audits
  WHEN NEW.query_id IS NOT OLD.query_id OR NEW.agrees IS NOT OLD.agrees
  BEGIN
    SELECT RAISE(ABORT, 'ledger figures are append-only: delete the audit and record it again');
  END;
`;

// electron/node/sqlite/migrations.ts
var MIGRATIONS = [
  {
    id: "0001_ledger",
    up: `
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX conversations_updated_at ON conversations (updated_at);

      CREATE TABLE queries (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        conversation_id TEXT REFERENCES conversations (id) ON DELETE SET NULL,
        user_id TEXT,
        feature TEXT,
        domain TEXT NOT NULL,
        complexity TEXT NOT NULL,
        final_model TEXT NOT NULL,
        final_provider TEXT NOT NULL,
        final_tier INTEGER NOT NULL,
        top_tier INTEGER NOT NULL,
        escalated INTEGER NOT NULL CHECK (escalated IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('ok', 'unverified', 'failed', 'cancelled')),
        cost_nano INTEGER NOT NULL,
        cost_complete INTEGER NOT NULL CHECK (cost_complete IN (0, 1)),
        baseline_cost_nano INTEGER,
        baseline_estimated INTEGER NOT NULL CHECK (baseline_estimated IN (0, 1)),
        latency_ms INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        answer TEXT NOT NULL,
        decision TEXT NOT NULL,
        feedback TEXT CHECK (feedback IN ('up', 'down')),
        feedback_note TEXT
      ) STRICT;
      CREATE INDEX queries_created_at ON queries (created_at);
      CREATE INDEX queries_user_created_at ON queries (user_id, created_at);
      CREATE INDEX queries_feature_created_at ON queries (feature, created_at);
      CREATE INDEX queries_conversation ON queries (conversation_id);

      -- UNIQUE (query_id, seq) doubles as the calls-by-query index.
      CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        query_id TEXT NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        tier INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('draft', 'verify', 'parallel', 'audit')),
        local INTEGER NOT NULL CHECK (local IN (0, 1)),
        input_tokens INTEGER NOT NULL CHECK (input_tokens >= 0),
        output_tokens INTEGER NOT NULL CHECK (output_tokens >= 0),
        cached_input_tokens INTEGER NOT NULL CHECK (cached_input_tokens >= 0),
        usage_estimated INTEGER NOT NULL CHECK (usage_estimated IN (0, 1)),
        cost_nano INTEGER,
        pricing TEXT NOT NULL CHECK (pricing IN ('list', 'override', 'energy', 'unknown')),
        ttft_ms INTEGER,
        duration_ms INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'cancelled')),
        accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
        quality_score REAL,
        quality_json TEXT,
        finish_reason TEXT,
        text TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        UNIQUE (query_id, seq)
      ) STRICT;
      CREATE INDEX calls_model ON calls (model);

      -- query_id has no foreign key: the assistant message may be stored before or after its
      -- query row, and the ledger never deletes queries.
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
        content TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        query_id TEXT,
        outcome_json TEXT
      ) STRICT;
      CREATE INDEX messages_conversation_created_at ON messages (conversation_id, created_at);
      CREATE INDEX messages_query ON messages (query_id);
    `
  },
  {
    id: "0002_settings",
    up: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `
  },
  {
    id: "0003_audits",
    up: `
      CREATE TABLE audits (
        id INTEGER PRIMARY KEY,
        query_id TEXT NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
        top_model TEXT NOT NULL,
        top_answer TEXT NOT NULL,
        agrees INTEGER NOT NULL CHECK (agrees IN (0, 1)),
        similarity REAL,
        cost_nano INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX audits_query ON audits (query_id);
    `
  },
  { id: "0004_ledger_rollups", up: LEDGER_ROLLUPS_SQL }
];
var IncompatibleDatabaseError = class extends Error {
  name = "IncompatibleDatabaseError";
};
function checkHistory(applied, known) {
  const knownIds = new Set(known.map((m) => m.id));
  for (let i = 0; i < applied.length; i++) {
    const id = applied[i] ?? "";
    if (!knownIds.has(id)) {
      throw new IncompatibleDatabaseError(
        `This database was written by a newer CascadeFlow (unknown migration ${id}). Update the app or use another --db.`
      );
    }
    const expected = known[i]?.id;
    if (id !== expected) {
      throw new IncompatibleDatabaseError(
        `This database's migration history does not match this CascadeFlow (found ${id} where ${expected ?? "nothing"} was expected). Use another --db.`
      );
    }
  }
}
function migrate(db, migrations = MIGRATIONS, now = Date.now) {
  const run = db.transaction(() => {
    db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT");
    const applied = db.prepare("SELECT id FROM schema_migrations ORDER BY id").all().map((r) => r.id);
    checkHistory(applied, migrations);
    const pending = migrations.slice(applied.length);
    const record = db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)");
    for (const m of pending) {
      db.exec(m.up);
      record.run(m.id, now());
    }
    return pending.map((m) => m.id);
  });
  return run.immediate();
}

// electron/node/sqlite/open-database.ts
function isInMemory(path) {
  return path === ":memory:" || path === "";
}
function openDatabase(path) {
  const memory = isInMemory(path);
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    if (!memory) db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

// shared/core/pricing/money.ts
var NANO_PER_USD = 1e9;

// shared/core/pricing/energy.ts
var MS_PER_HOUR = 36e5;
function energyCostNano(settings, durationMs) {
  const ms2 = Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0;
  return Math.round(settings.gpuWatts * ms2 * settings.electricityUsdPerKwh * NANO_PER_USD / (MS_PER_HOUR * 1e3)) + 0;
}

// bench/ledger/catalog.ts
var LLAMA = { provider: "ollama", model: "llama3.2:3b", local: true, pricing: "energy", inputNano: 0, cachedInputNano: 0, outputNano: 0, ttftMs: 180, tokensPerSecond: 55 };
var MINI = { provider: "openai", model: "gpt-4o-mini", local: false, pricing: "list", inputNano: 150, cachedInputNano: 75, outputNano: 600, ttftMs: 450, tokensPerSecond: 90 };
var GPT4O = {
  provider: "openai",
  model: "gpt-4o",
  local: false,
  pricing: "list",
  inputNano: 2500,
  cachedInputNano: 1250,
  outputNano: 1e4,
  earlier: { inputNano: 5e3, cachedInputNano: 5e3, outputNano: 15e3, until: 0.2 },
  ttftMs: 600,
  tokensPerSecond: 60
};
var CLAUDE = { provider: "anthropic", model: "claude-sonnet-4-5", local: false, pricing: "list", inputNano: 3e3, cachedInputNano: 300, outputNano: 15e3, ttftMs: 900, tokensPerSecond: 55 };
var QWEN = { provider: "openai-compatible", model: "qwen2.5-72b-instruct", local: false, pricing: "unknown", inputNano: 0, cachedInputNano: 0, outputNano: 0, ttftMs: 500, tokensPerSecond: 35 };
var ENERGY = { gpuWatts: 280, electricityUsdPerKwh: 0.17 };
var PROFILES = {
  local2: { tiers: [LLAMA, MINI], since: 0 },
  cloud2: { tiers: [MINI, GPT4O], since: 0 },
  local3: { tiers: [LLAMA, MINI, CLAUDE], since: 0.33, fallback: "cloud2" },
  selfHosted: { tiers: [QWEN, GPT4O], since: 0.5, fallback: "cloud2" }
};
var FEATURES = [
  { name: "chat", weight: 33, profiles: [["local2", 0.7], ["local3", 0.3]], domains: ["general", "writing", "code", "math"], inputTokens: 600, outputTokens: 220, topics: ["a trip to Lisbon", "sourdough starters", "the French revolution", "binary search", "compound interest", "a birthday message"] },
  { name: "code-review", weight: 12, profiles: [["local3", 1]], domains: ["code"], inputTokens: 2800, outputTokens: 380, topics: ["this React hook", "a Go HTTP handler", "the retry loop in sync.ts", "a SQL migration", "this Rust iterator chain"] },
  { name: "summarize", weight: 14, profiles: [["local2", 1]], domains: ["writing", "general"], inputTokens: 3500, outputTokens: 180, topics: ["the Q3 board minutes", "this support thread", "the incident report", "a 20-page RFC", "the customer interview notes"] },
  { name: "support-bot", weight: 16, profiles: [["cloud2", 1]], domains: ["support", "general"], inputTokens: 900, outputTokens: 160, topics: ["a refund request", "password reset", "an invoice in EUR", "SSO setup", "exporting data"] },
  { name: "sql-assistant", weight: 8, profiles: [["cloud2", 0.6], ["local3", 0.4]], domains: ["code", "data"], inputTokens: 700, outputTokens: 140, topics: ["monthly active users", "a slow join", "revenue by region", "churned accounts", "a window function"] },
  { name: "translate", weight: 7, profiles: [["local2", 1]], domains: ["writing"], inputTokens: 350, outputTokens: 300, topics: ["a product page into German", "release notes into Japanese", "an email into Spanish", "a contract clause into French"] },
  { name: "research", weight: 5, profiles: [["selfHosted", 1]], domains: ["general", "data"], inputTokens: 1800, outputTokens: 500, topics: ["battery chemistries", "EU AI Act obligations", "vector databases", "heat pump efficiency"] },
  { name: null, weight: 5, profiles: [["local2", 0.5], ["cloud2", 0.5]], domains: ["general", "math"], inputTokens: 400, outputTokens: 150, topics: ["a quick question", "unit conversion", "a definition"] }
];
var COMPLEXITIES = [
  ["trivial", 0.15],
  ["simple", 0.3],
  ["moderate", 0.3],
  ["hard", 0.18],
  ["expert", 0.07]
];
var REJECT_RATE = { trivial: 0.08, simple: 0.18, moderate: 0.32, hard: 0.5, expert: 0.7 };
var USER_NAMES = [
  "alice",
  "bob",
  "carol",
  "dave",
  "erin",
  "frank",
  "grace",
  "heidi",
  "ivan",
  "judy",
  "mallory",
  "niaj",
  "olivia",
  "peggy",
  "rupert",
  "sybil",
  "trent",
  "uma",
  "victor",
  "walter",
  "xena",
  "yusuf",
  "zoe",
  "amir",
  "bea",
  "chen",
  "dara",
  "emeka",
  "fatima",
  "goran",
  "hana",
  "ines",
  "jonas",
  "kemal",
  "lena",
  "mateo",
  "noor",
  "oskar",
  "priya",
  "quinn"
];
var HOURLY = [0.3, 0.2, 0.15, 0.15, 0.2, 0.35, 0.6, 1, 1.6, 2, 2.2, 2.1, 1.9, 2.1, 2.4, 2.6, 2.5, 2.2, 1.8, 1.4, 1.1, 0.8, 0.6, 0.4];
var WEEKDAY = [0.35, 1, 1.05, 1.05, 1, 0.9, 0.45];
var GROWTH = 6;
var REASONS = [
  "the draft contradicts itself",
  "the arithmetic in the draft is wrong",
  "the draft stops mid-sentence",
  "the draft does not answer the question",
  "low token confidence",
  "the JSON does not match the schema",
  "the code block does not parse"
];
var WORDS = "the a of to and in that is for it with as on be at by this from or an are not have was but which can will one all would there their if more when up so out about into than them some could only other time new these two may then do first any like now over such our even most after also made many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three value query model cost token latency answer draft verifier cache index budget local cloud savings ledger".split(" ");

// bench/ledger/prng.ts
function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = s + 2654435769 >>> 0;
    let z2 = s;
    z2 = Math.imul(z2 ^ z2 >>> 16, 2246822507);
    z2 = Math.imul(z2 ^ z2 >>> 13, 3266489909);
    return (z2 ^ z2 >>> 16) >>> 0;
  };
}
var BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
var hex8 = (n) => `${BYTE_HEX[n >>> 24]}${BYTE_HEX[n >>> 16 & 255]}${BYTE_HEX[n >>> 8 & 255]}${BYTE_HEX[n & 255]}`;
function createPrng(seed) {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const u32 = () => {
    const t = (a + b | 0) + d | 0;
    d = d + 1 | 0;
    a = b ^ b >>> 9;
    b = c + (c << 3) | 0;
    c = c << 21 | c >>> 11;
    c = c + t | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 4294967296;
  const normal = () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick(items) {
      const item = items[Math.floor(next() * items.length)];
      if (item === void 0) throw new Error("pick from an empty list");
      return item;
    },
    normal,
    logNormal: (median, sigma, min, max) => Math.min(max, Math.max(min, median * Math.exp(sigma * normal()))),
    uuid() {
      const x = u32();
      const y = u32();
      const z2 = u32();
      const w = u32();
      const y4 = (y & 4294905855 | 16384) >>> 0;
      const z4 = (z2 & 1073741823 | 2147483648) >>> 0;
      const a2 = hex8(x);
      const b2 = hex8(y4);
      const c2 = hex8(z4);
      return `${a2}-${b2.slice(0, 4)}-${b2.slice(4)}-${c2.slice(0, 4)}-${c2.slice(4)}${hex8(w)}`;
    }
  };
}
function pickCumulative(prng, cumulative, count = cumulative.length) {
  const total = cumulative[count - 1] ?? 0;
  const r = prng.next() * total;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if ((cumulative[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
function cumulativeOf(weights) {
  let sum = 0;
  return weights.map((w) => sum += w);
}

// bench/ledger/synthetic-history.ts
var DAY_MS2 = 864e5;
var HOUR_MS = 36e5;
var SESSION_GAP_MS = 45 * 6e4;
var AUDIT_RATE = 0.03;
var CANCEL_RATE = 4e-3;
var CALL_ERROR_RATE = 8e-3;
var NO_USER_RATE = 0.08;
var MAX_TEXT_CHARS = 400;
var OUTAGE_RATE = 3e-3;
var DEFAULT_END = Date.UTC(2026, 0, 1);
function historySpan(opts) {
  const end = Math.floor((opts.end ?? DEFAULT_END) / DAY_MS2) * DAY_MS2;
  const d = new Date(end);
  d.setUTCMonth(d.getUTCMonth() - opts.months);
  const start = d.getTime();
  return { start, end, days: Math.round((end - start) / DAY_MS2) };
}
function perDayCounts(prng, start, days, total) {
  const spikes = new Set(Array.from({ length: Math.max(1, Math.round(days / 150)) }, () => prng.int(0, days - 1)));
  const weights = Array.from({ length: days }, (_, i) => {
    const date = new Date(start + i * DAY_MS2);
    const t = days > 1 ? i / (days - 1) : 0;
    const holiday = date.getUTCMonth() === 11 && date.getUTCDate() >= 24 || date.getUTCMonth() === 0 && date.getUTCDate() === 1;
    return Math.pow(GROWTH, t) * (WEEKDAY[date.getUTCDay()] ?? 1) * Math.exp(0.12 * prng.normal()) * (spikes.has(i) ? 2.5 : 1) * (holiday ? 0.4 : 1);
  });
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => total * w / sum);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (missing-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
function priceOf(spec, t, input, cached, output, durationMs) {
  if (spec.pricing === "unknown") return { costNano: null, pricing: "unknown" };
  if (spec.pricing === "energy") return { costNano: energyCostNano(ENERGY, durationMs), pricing: "energy" };
  const p = spec.earlier !== void 0 && t < spec.earlier.until ? spec.earlier : spec;
  return { costNano: (input - cached) * p.inputNano + cached * p.cachedInputNano + output * p.outputNano, pricing: "list" };
}
function* syntheticHistory(opts) {
  const prng = createPrng(opts.seed);
  const { start, days } = historySpan(opts);
  const counts = perDayCounts(prng, start, days, opts.queries);
  const hourly = cumulativeOf(HOURLY);
  const features = cumulativeOf(FEATURES.map((f) => f.weight));
  const complexities = cumulativeOf(COMPLEXITIES.map(([, w]) => w));
  const joins = USER_NAMES.map((name, i) => ({ name, day: i < 8 ? 0 : prng.int(0, Math.floor(days * 0.7)) })).sort((a, b) => a.day - b.day);
  const userWeights = cumulativeOf(joins.map((_, i) => 1 / Math.pow(i + 1, 0.9)));
  const corpus = Array.from({ length: 4e4 }, () => prng.pick(WORDS)).join(" ");
  const slice = (chars) => {
    const len = Math.min(Math.max(1, Math.round(chars)), MAX_TEXT_CHARS);
    const from = prng.int(0, corpus.length - len - 1);
    return corpus.slice(from, from + len).trim();
  };
  const sessions = /* @__PURE__ */ new Map();
  let active = 0;
  for (let day = 0; day < days; day++) {
    while (active < joins.length && (joins[active]?.day ?? Infinity) <= day) active++;
    const n = counts[day] ?? 0;
    const dayStart = start + day * DAY_MS2;
    const times = Array.from({ length: n }, () => dayStart + pickCumulative(prng, hourly) * HOUR_MS + Math.floor(prng.next() * HOUR_MS)).sort((a, b) => a - b);
    const t = days > 1 ? day / (days - 1) : 0;
    for (const createdAt of times) {
      const feature = FEATURES[pickCumulative(prng, features)];
      const userId = prng.chance(NO_USER_RATE) ? null : joins[pickCumulative(prng, userWeights, active)]?.name ?? null;
      yield oneQuery(prng, { createdAt, t, feature, userId, complexities, slice, sessions });
    }
  }
}
function chooseProfile(prng, feature, t) {
  const r = prng.next();
  let acc = 0;
  let name = feature.profiles[0]?.[0] ?? "local2";
  for (const [p, w] of feature.profiles) {
    acc += w;
    if (r < acc) {
      name = p;
      break;
    }
  }
  const profile = PROFILES[name];
  return t < profile.since && profile.fallback !== void 0 ? profile.fallback : name;
}
function oneQuery(prng, ctx) {
  const { feature, t, createdAt, slice } = ctx;
  const id = prng.uuid();
  const runId = `run-${prng.uuid()}`;
  const tiers = PROFILES[chooseProfile(prng, feature, t)].tiers;
  const top = tiers.length - 1;
  const complexity = COMPLEXITIES[pickCumulative(prng, ctx.complexities)]?.[0] ?? "simple";
  const domain = prng.pick(feature.domains);
  const inputTokens = Math.round(prng.logNormal(feature.inputTokens, 0.6, 12, 6e4));
  const answerTokens = Math.round(prng.logNormal(feature.outputTokens, 0.6, 1, 8e3));
  const prompt = `${prng.pick(["Can you help with", "Please look at", "Explain", "Write something about", "What do you think of", "Summarise"])} ${prng.pick(feature.topics)}: ${slice(prng.logNormal(110, 0.6, 10, 400))}`;
  const calls = [];
  const trail = [];
  let answerFrom = null;
  let lastRejected = null;
  let cancelled = false;
  let latency = prng.int(2, 15);
  const outage = prng.chance(OUTAGE_RATE);
  for (let tier = 0; tier <= top; tier++) {
    const spec = tiers[tier];
    const seq = calls.length;
    const ttft = Math.round(prng.logNormal(spec.ttftMs, 0.35, 20, 2e4));
    const tps = prng.logNormal(spec.tokensPerSecond, 0.2, 5, 400);
    const cached = !spec.local && inputTokens > 1024 && prng.chance(0.3) ? Math.floor(inputTokens / 2) : 0;
    const call = (fields) => ({
      seq,
      provider: spec.provider,
      model: spec.model,
      tier,
      role: tier === 0 ? "draft" : "verify",
      local: spec.local,
      inputTokens,
      outputTokens: fields.outputTokens,
      cachedInputTokens: fields.cachedInputTokens,
      usageEstimated: fields.usageEstimated,
      costNano: fields.price.costNano,
      pricing: fields.price.pricing,
      ttftMs: fields.ttftMs,
      durationMs: fields.durationMs,
      status: fields.status,
      accepted: fields.accepted,
      qualityScore: fields.qualityScore,
      qualityJson: fields.qualityJson,
      finishReason: fields.finishReason,
      text: fields.text,
      errorCode: fields.errorCode,
      errorMessage: fields.errorMessage
    });
    if (tier === 0 && prng.chance(CANCEL_RATE)) {
      const output2 = Math.round(answerTokens * prng.next() * 0.6);
      const duration2 = ttft + Math.round(output2 / tps * 1e3);
      latency += duration2;
      const stopped = call({
        outputTokens: output2,
        cachedInputTokens: cached,
        usageEstimated: true,
        price: priceOf(spec, t, inputTokens, cached, output2, duration2),
        ttftMs: output2 > 0 ? ttft : null,
        durationMs: duration2,
        status: "cancelled",
        accepted: false,
        qualityScore: null,
        qualityJson: null,
        finishReason: null,
        text: slice(output2 * 4),
        errorCode: "cancelled",
        errorMessage: "Stopped before the answer was complete."
      });
      calls.push(stopped);
      answerFrom = stopped;
      cancelled = true;
      break;
    }
    if (outage || prng.chance(CALL_ERROR_RATE)) {
      const code = prng.pick(["timeout", "provider_error", "rate_limited"]);
      const duration2 = code === "timeout" ? 3e4 : prng.int(50, 900);
      latency += duration2;
      calls.push(
        call({
          outputTokens: 0,
          cachedInputTokens: 0,
          usageEstimated: true,
          price: priceOf(spec, t, inputTokens, 0, 0, duration2),
          ttftMs: null,
          durationMs: duration2,
          status: "error",
          accepted: false,
          qualityScore: null,
          qualityJson: null,
          finishReason: null,
          text: "",
          errorCode: code,
          errorMessage: code === "timeout" ? `${spec.model} did not answer within 30 s` : `${spec.model} returned an error (${code})`
        })
      );
      trail.push(`${spec.model} failed (${code})`);
      continue;
    }
    const output = Math.max(1, Math.round(answerTokens * prng.logNormal(1, 0.15, 0.3, 3)));
    const duration = ttft + Math.round(output / tps * 1e3);
    latency += duration + (tier < top ? prng.int(3, 40) : 0);
    const validated = tier < top;
    const rejected = validated && prng.chance(REJECT_RATE[complexity] * (tier === 0 ? 1 : 0.35));
    const score = validated ? Math.round((rejected ? 0.15 + prng.next() * 0.5 : 0.7 + prng.next() * 0.3) * 1e3) / 1e3 : null;
    const reason = rejected ? prng.pick(REASONS) : null;
    const answered = call({
      outputTokens: output,
      cachedInputTokens: cached,
      usageEstimated: false,
      price: priceOf(spec, t, inputTokens, cached, output, duration),
      ttftMs: ttft,
      durationMs: duration,
      status: "ok",
      accepted: !rejected,
      qualityScore: score,
      qualityJson: score === null ? null : JSON.stringify({ score, threshold: 0.7, accepted: !rejected, reasons: reason === null ? [] : [reason] }),
      finishReason: reason === "the draft stops mid-sentence" ? "length" : "stop",
      text: slice(output * 4),
      errorCode: null,
      errorMessage: null
    });
    calls.push(answered);
    if (!rejected) {
      answerFrom = answered;
      break;
    }
    lastRejected = answered;
    trail.push(`escalated from ${spec.model}: ${reason ?? "rejected"}`);
  }
  const status = cancelled ? "cancelled" : answerFrom !== null ? "ok" : lastRejected !== null ? "unverified" : "failed";
  const from = status === "unverified" ? lastRejected : answerFrom;
  const finalTier = from?.tier ?? top;
  const finalSpec = tiers[finalTier];
  const topSpec = tiers[top];
  const topRun = calls.find((c) => c.tier === top && c.status === "ok");
  const reference = from ?? calls[0];
  const baseline = topRun !== void 0 ? topRun : reference === void 0 ? null : priceOf(topSpec, t, reference.inputTokens, 0, reference.outputTokens, reference.durationMs);
  const known = calls.reduce((s, c) => s + (c.costNano ?? 0), 0);
  const conversation = ctx.userId !== null && feature.name === "chat" ? sessionFor(prng, ctx) : null;
  const query = {
    id,
    runId,
    createdAt,
    conversationId: conversation?.id ?? null,
    userId: ctx.userId,
    feature: feature.name,
    domain,
    complexity,
    finalModel: finalSpec.model,
    finalProvider: finalSpec.provider,
    finalTier,
    topTier: top,
    escalated: finalTier > 0 || status !== "ok" && calls.length > 1,
    status,
    costNano: known,
    costComplete: calls.every((c) => c.costNano !== null),
    baselineCostNano: baseline?.costNano ?? null,
    baselineEstimated: topRun === void 0,
    latencyMs: latency,
    prompt,
    answer: status === "failed" ? "" : from?.text ?? "",
    decision: decisionText(status, from, trail, top),
    calls
  };
  const audit = status === "ok" && finalTier < top && prng.chance(AUDIT_RATE) ? (() => {
    const agrees = prng.chance(0.9);
    return {
      queryId: id,
      topModel: topSpec.model,
      topAnswer: slice(answerTokens * 4),
      agrees,
      similarity: Math.round((agrees ? 0.75 + prng.next() * 0.25 : 0.1 + prng.next() * 0.5) * 1e3) / 1e3,
      costNano: priceOf(topSpec, t, inputTokens, 0, answerTokens, 0).costNano,
      createdAt: createdAt + latency + prng.int(500, 8e3)
    };
  })() : null;
  return { query, audit, conversation: conversation?.isNew === true ? { id: conversation.id, title: prompt.slice(0, 60), createdAt } : null };
}
function sessionFor(prng, ctx) {
  const key = ctx.userId ?? "";
  const current = ctx.sessions.get(key);
  if (current !== void 0 && ctx.createdAt - current.last < SESSION_GAP_MS) {
    current.last = ctx.createdAt;
    return { id: current.id, isNew: false };
  }
  const id = `conv-${prng.uuid()}`;
  ctx.sessions.set(key, { id, last: ctx.createdAt });
  return { id, isNew: true };
}
function decisionText(status, from, trail, top) {
  const steps = trail.length > 0 ? `${trail.join("; ")}. ` : "";
  switch (status) {
    case "cancelled":
      return `Stopped by the user. ${steps}`.trim();
    case "failed":
      return `${steps}No answer: every tier failed`.trim();
    case "unverified":
      return `${steps}Returned ${from?.model ?? "the"}'s draft unverified because the verifier failed.`.trim();
    case "ok":
      if (from !== null && from.tier === top && from.tier > 0) return `${steps}Answered by ${from.model}.`.trim();
      return `${steps}Accepted ${from?.model ?? "the"}'s answer: confident, complete and consistent`.trim();
  }
}

// scripts/generate-ledger.ts
var BATCH = 5e3;
var BULK_CACHE_KIB = 256 * 1024;
function generateLedger(opts) {
  if (existsSync(opts.dbPath)) throw new Error(`${opts.dbPath} already exists`);
  const started = performance.now();
  const db = openDatabase(opts.dbPath);
  let calls = 0;
  let audits = 0;
  let conversations = 0;
  let written = 0;
  try {
    db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    const ledger = createLedgerStore(db);
    const insertConversation = db.prepare(
      "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)"
    );
    const writeBatch = db.transaction((items) => {
      for (const { query, audit, conversation } of items) {
        if (conversation !== null) {
          insertConversation.run(conversation.id, conversation.title, conversation.createdAt, conversation.createdAt);
          conversations++;
        }
        ledger.recordQuery(query);
        calls += query.calls.length;
        if (audit !== null) {
          ledger.recordAudit(audit);
          audits++;
        }
      }
    });
    let batch = [];
    for (const item of syntheticHistory(opts)) {
      batch.push(item);
      if (batch.length === BATCH) {
        writeBatch(batch);
        written += batch.length;
        batch = [];
        opts.onProgress?.(written);
      }
    }
    if (batch.length > 0) {
      writeBatch(batch);
      written += batch.length;
      opts.onProgress?.(written);
    }
    db.exec("UPDATE conversations SET updated_at = COALESCE((SELECT MAX(created_at) FROM queries WHERE conversation_id = conversations.id), updated_at)");
    db.pragma("wal_checkpoint(TRUNCATE)");
  } catch (e) {
    db.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${opts.dbPath}${suffix}`, { force: true });
    throw e;
  }
  db.close();
  return { dbPath: opts.dbPath, queries: written, calls, audits, conversations, ms: performance.now() - started, fileBytes: statSync(opts.dbPath).size };
}
function main() {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      queries: { type: "string", default: "1000000" },
      months: { type: "string", default: "18" },
      seed: { type: "string", default: "42" },
      end: { type: "string" },
      force: { type: "boolean", default: false }
    }
  });
  if (values.db === void 0) throw new Error("usage: generate-ledger --db <file> [--queries N] [--months M] [--seed S] [--end YYYY-MM-DD] [--force]");
  const dbPath = resolve(values.db);
  const num = (name, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const end = values.end === void 0 ? DEFAULT_END : Date.parse(values.end);
  if (Number.isNaN(end)) throw new Error("--end must be a date like 2026-01-01");
  if (values.force) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
  const queries = num("queries", values.queries);
  const result = generateLedger({
    dbPath,
    queries,
    months: Math.max(1, num("months", values.months)),
    seed: num("seed", values.seed),
    end,
    onProgress: (n) => {
      if (n % 1e5 === 0 || n === queries) process.stderr.write(`  ${n.toLocaleString("en-US")} queries
`);
    }
  });
  const mb = (result.fileBytes / 1024 / 1024).toFixed(0);
  console.log(
    `${result.dbPath}: ${result.queries} queries, ${result.calls} calls, ${result.audits} audits, ${result.conversations} conversations, ${mb} MB in ${(result.ms / 1e3).toFixed(1)} s (${Math.round(result.queries / (result.ms / 1e3))} queries/s)`
  );
}
if (process.argv[1] !== void 0 && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
export {
  generateLedger
};
