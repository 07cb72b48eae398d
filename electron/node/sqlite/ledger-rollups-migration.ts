// Migration 0004: per-UTC-day rollups of the ledger plus per-query totals of its calls and audits,
// all kept exact by triggers inside the writer's own transaction. A summary over a year then reads
// a few hundred rollup rows and, for the partial days at its edges, one row per query (no joins).
//
// Frozen like every migration: the expressions below restate DRAFTER_ELIGIBLE_SQL and the
// analytics' definitions on purpose, so a later change there cannot silently change this text.
//
// - day = created_at / 86400000, the UTC day number; queries before 1970 are not rolled up and
//   the analytics read them raw.
// - Per query (derived, never written by hand): calls_count, calls_input_tokens,
//   calls_output_tokens; local/cloud tokens and costs (a call of unknown price adds no cost);
//   answer_seq / answer_quality = the last accepted call (highest seq), whatever order the calls
//   are inserted in; audits_count / audits_disagreed.
// - Calls and audits update their query's totals; any change of a query's totals moves its day's
//   rollup by the difference. Inserts add, deletes subtract (a deleted query's figures leave with
//   it; the cascade to its calls then finds no parent and changes nothing).
// - Updates of a query's, call's or audit's own figures are refused: the ledger is append-only,
//   and moving figures between days and models in triggers is more code than "delete and record
//   again".

// Migration 0008 rebuilds `calls` and must recreate these exactly as they are, so their text is
// kept once, here: the triggers on `calls` and the one on `queries` that reads `calls` (it would
// stop the rename of the rebuilt table). Frozen like the rest: an edit here would edit both migrations.
export const LEDGER_ROLLUP_QUERY_DELETE_TRIGGER = `CREATE TRIGGER ledger_rollup_query_delete BEFORE DELETE ON queries WHEN OLD.created_at >= 0
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
      local_tokens = local_tokens - OLD.local_tokens,
      cloud_tokens = cloud_tokens - OLD.cloud_tokens,
      local_cost_nano = local_cost_nano - OLD.local_cost_nano,
      cloud_cost_nano = cloud_cost_nano - OLD.cloud_cost_nano,
      quality_sum = quality_sum - COALESCE(OLD.answer_quality, 0),
      quality_n = quality_n - (OLD.answer_quality IS NOT NULL),
      audited = audited - OLD.audits_count,
      disagreed = disagreed - OLD.audits_disagreed
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
  END;`;

export const LEDGER_ROLLUP_CALL_INSERT_TRIGGER = `CREATE TRIGGER ledger_rollup_call_insert AFTER INSERT ON calls
  BEGIN
    UPDATE queries SET
      calls_count = calls_count + 1,
      calls_input_tokens = calls_input_tokens + NEW.input_tokens,
      calls_output_tokens = calls_output_tokens + NEW.output_tokens,
      local_tokens = local_tokens + CASE WHEN NEW.local = 1 THEN NEW.input_tokens + NEW.output_tokens ELSE 0 END,
      cloud_tokens = cloud_tokens + CASE WHEN NEW.local = 0 THEN NEW.input_tokens + NEW.output_tokens ELSE 0 END,
      local_cost_nano = local_cost_nano + CASE WHEN NEW.local = 1 THEN COALESCE(NEW.cost_nano, 0) ELSE 0 END,
      cloud_cost_nano = cloud_cost_nano + CASE WHEN NEW.local = 0 THEN COALESCE(NEW.cost_nano, 0) ELSE 0 END,
      answer_quality = CASE WHEN NEW.accepted = 1 AND (answer_seq IS NULL OR NEW.seq > answer_seq) THEN NEW.quality_score ELSE answer_quality END,
      answer_seq = CASE WHEN NEW.accepted = 1 AND (answer_seq IS NULL OR NEW.seq > answer_seq) THEN NEW.seq ELSE answer_seq END
    WHERE id = NEW.query_id;
    INSERT INTO ledger_daily_model (day, model, provider, local, calls, input_tokens, output_tokens, cost_nano, unknown_price)
    SELECT q.created_at / 86400000, NEW.model, NEW.provider, NEW.local, 1, NEW.input_tokens, NEW.output_tokens,
      COALESCE(NEW.cost_nano, 0), NEW.cost_nano IS NULL
    FROM queries q WHERE q.id = NEW.query_id AND q.created_at >= 0
    ON CONFLICT (day, model, provider, local) DO UPDATE SET
      calls = calls + excluded.calls,
      input_tokens = input_tokens + excluded.input_tokens,
      output_tokens = output_tokens + excluded.output_tokens,
      cost_nano = cost_nano + excluded.cost_nano,
      unknown_price = unknown_price + excluded.unknown_price;
  END;`;

export const LEDGER_ROLLUP_CALL_DELETE_TRIGGER = `CREATE TRIGGER ledger_rollup_call_delete AFTER DELETE ON calls
  BEGIN
    UPDATE queries SET
      calls_count = calls_count - 1,
      calls_input_tokens = calls_input_tokens - OLD.input_tokens,
      calls_output_tokens = calls_output_tokens - OLD.output_tokens,
      local_tokens = local_tokens - CASE WHEN OLD.local = 1 THEN OLD.input_tokens + OLD.output_tokens ELSE 0 END,
      cloud_tokens = cloud_tokens - CASE WHEN OLD.local = 0 THEN OLD.input_tokens + OLD.output_tokens ELSE 0 END,
      local_cost_nano = local_cost_nano - CASE WHEN OLD.local = 1 THEN COALESCE(OLD.cost_nano, 0) ELSE 0 END,
      cloud_cost_nano = cloud_cost_nano - CASE WHEN OLD.local = 0 THEN COALESCE(OLD.cost_nano, 0) ELSE 0 END,
      answer_quality = CASE WHEN OLD.seq = answer_seq
        THEN (SELECT quality_score FROM calls WHERE query_id = OLD.query_id AND accepted = 1 ORDER BY seq DESC LIMIT 1)
        ELSE answer_quality END,
      answer_seq = CASE WHEN OLD.seq = answer_seq
        THEN (SELECT seq FROM calls WHERE query_id = OLD.query_id AND accepted = 1 ORDER BY seq DESC LIMIT 1)
        ELSE answer_seq END
    WHERE id = OLD.query_id;
    UPDATE ledger_daily_model SET
      calls = calls - 1,
      input_tokens = input_tokens - OLD.input_tokens,
      output_tokens = output_tokens - OLD.output_tokens,
      cost_nano = cost_nano - COALESCE(OLD.cost_nano, 0),
      unknown_price = unknown_price - (OLD.cost_nano IS NULL)
    WHERE day = (SELECT created_at FROM queries WHERE id = OLD.query_id AND created_at >= 0) / 86400000
      AND model = OLD.model AND provider = OLD.provider AND local = OLD.local;
  END;`;

export const LEDGER_CALLS_APPEND_ONLY_TRIGGER = `CREATE TRIGGER ledger_calls_append_only BEFORE UPDATE OF
    query_id, seq, provider, model, local, input_tokens, output_tokens, cost_nano, accepted, quality_score ON calls
  WHEN NEW.query_id IS NOT OLD.query_id OR NEW.seq IS NOT OLD.seq OR NEW.provider IS NOT OLD.provider
    OR NEW.model IS NOT OLD.model OR NEW.local IS NOT OLD.local OR NEW.input_tokens IS NOT OLD.input_tokens
    OR NEW.output_tokens IS NOT OLD.output_tokens OR NEW.cost_nano IS NOT OLD.cost_nano OR NEW.accepted IS NOT OLD.accepted
    OR NEW.quality_score IS NOT OLD.quality_score
  BEGIN
    SELECT RAISE(ABORT, 'ledger figures are append-only: delete the query and record it again');
  END;`;

export const LEDGER_ROLLUPS_SQL = `
  -- Serves topQueries over wide ranges: walk costs from the top, filter the range in the index.
  CREATE INDEX queries_cost_created_at ON queries (cost_nano, created_at);

  -- Cost by user, by feature and by model now come from the rollups; nothing else searches these
  -- columns, and every index is one more B-tree page written per recorded query.
  DROP INDEX queries_user_created_at;
  DROP INDEX queries_feature_created_at;
  DROP INDEX calls_model;

  ALTER TABLE queries ADD COLUMN calls_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN calls_input_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN calls_output_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN local_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN cloud_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN local_cost_nano INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN cloud_cost_nano INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN answer_seq INTEGER;
  ALTER TABLE queries ADD COLUMN answer_quality REAL;
  ALTER TABLE queries ADD COLUMN audits_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN audits_disagreed INTEGER NOT NULL DEFAULT 0;

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
    local_tokens INTEGER NOT NULL DEFAULT 0,
    cloud_tokens INTEGER NOT NULL DEFAULT 0,
    local_cost_nano INTEGER NOT NULL DEFAULT 0,
    cloud_cost_nano INTEGER NOT NULL DEFAULT 0,
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

  -- Backfill from the rows already on file: first each query's totals, then the days.
  UPDATE queries SET
    calls_count = c.n, calls_input_tokens = c.input_tokens, calls_output_tokens = c.output_tokens,
    local_tokens = c.local_tokens, cloud_tokens = c.cloud_tokens, local_cost_nano = c.local_cost, cloud_cost_nano = c.cloud_cost
  FROM (
    SELECT query_id, COUNT(*) AS n, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
      SUM(CASE WHEN local = 1 THEN input_tokens + output_tokens ELSE 0 END) AS local_tokens,
      SUM(CASE WHEN local = 0 THEN input_tokens + output_tokens ELSE 0 END) AS cloud_tokens,
      SUM(CASE WHEN local = 1 THEN COALESCE(cost_nano, 0) ELSE 0 END) AS local_cost,
      SUM(CASE WHEN local = 0 THEN COALESCE(cost_nano, 0) ELSE 0 END) AS cloud_cost
    FROM calls GROUP BY query_id
  ) AS c
  WHERE c.query_id = queries.id;

  UPDATE queries SET
    answer_seq = (SELECT seq FROM calls WHERE query_id = queries.id AND accepted = 1 ORDER BY seq DESC LIMIT 1),
    answer_quality = (SELECT quality_score FROM calls WHERE query_id = queries.id AND accepted = 1 ORDER BY seq DESC LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM calls WHERE query_id = queries.id AND accepted = 1);

  UPDATE queries SET audits_count = a.n, audits_disagreed = a.disagreed
  FROM (SELECT query_id, COUNT(*) AS n, SUM(agrees = 0) AS disagreed FROM audits GROUP BY query_id) AS a
  WHERE a.query_id = queries.id;

  INSERT INTO ledger_daily (day, queries, cost_nano, baseline_nano, savings_nano, with_baseline, eligible, drafted, escalated,
    unknown_price, local_tokens, cloud_tokens, local_cost_nano, cloud_cost_nano, quality_sum, quality_n, audited, disagreed)
  SELECT created_at / 86400000, COUNT(*), SUM(cost_nano), COALESCE(SUM(baseline_cost_nano), 0),
    COALESCE(SUM(baseline_cost_nano - cost_nano), 0), COUNT(baseline_cost_nano),
    SUM(status IN ('ok', 'unverified') AND top_tier > 0),
    SUM(status IN ('ok', 'unverified') AND top_tier > 0 AND final_tier = 0),
    SUM(escalated), SUM(cost_complete = 0), SUM(local_tokens), SUM(cloud_tokens), SUM(local_cost_nano), SUM(cloud_cost_nano),
    COALESCE(SUM(answer_quality), 0.0), COUNT(answer_quality), SUM(audits_count), SUM(audits_disagreed)
  FROM queries WHERE created_at >= 0
  GROUP BY created_at / 86400000;

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
    INSERT INTO ledger_daily (day, queries, cost_nano, baseline_nano, savings_nano, with_baseline, eligible, drafted, escalated,
      unknown_price, local_tokens, cloud_tokens, local_cost_nano, cloud_cost_nano, quality_sum, quality_n, audited, disagreed)
    VALUES (
      NEW.created_at / 86400000, 1, NEW.cost_nano, COALESCE(NEW.baseline_cost_nano, 0),
      COALESCE(NEW.baseline_cost_nano - NEW.cost_nano, 0), NEW.baseline_cost_nano IS NOT NULL,
      NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0,
      NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0 AND NEW.final_tier = 0,
      NEW.escalated, NEW.cost_complete = 0, NEW.local_tokens, NEW.cloud_tokens, NEW.local_cost_nano, NEW.cloud_cost_nano,
      COALESCE(NEW.answer_quality, 0), NEW.answer_quality IS NOT NULL, NEW.audits_count, NEW.audits_disagreed)
    ON CONFLICT (day) DO UPDATE SET
      queries = queries + excluded.queries,
      cost_nano = cost_nano + excluded.cost_nano,
      baseline_nano = baseline_nano + excluded.baseline_nano,
      savings_nano = savings_nano + excluded.savings_nano,
      with_baseline = with_baseline + excluded.with_baseline,
      eligible = eligible + excluded.eligible,
      drafted = drafted + excluded.drafted,
      escalated = escalated + excluded.escalated,
      unknown_price = unknown_price + excluded.unknown_price,
      local_tokens = local_tokens + excluded.local_tokens,
      cloud_tokens = cloud_tokens + excluded.cloud_tokens,
      local_cost_nano = local_cost_nano + excluded.local_cost_nano,
      cloud_cost_nano = cloud_cost_nano + excluded.cloud_cost_nano,
      quality_sum = quality_sum + excluded.quality_sum,
      quality_n = quality_n + excluded.quality_n,
      audited = audited + excluded.audited,
      disagreed = disagreed + excluded.disagreed;
    INSERT INTO ledger_daily_tag (kind, day, tag, queries, cost_nano, baseline_nano)
    VALUES ('user', NEW.created_at / 86400000, COALESCE(NEW.user_id, '(none)'), 1, NEW.cost_nano, COALESCE(NEW.baseline_cost_nano, 0))
    ON CONFLICT (kind, day, tag) DO UPDATE SET
      queries = queries + excluded.queries,
      cost_nano = cost_nano + excluded.cost_nano,
      baseline_nano = baseline_nano + excluded.baseline_nano;
    INSERT INTO ledger_daily_tag (kind, day, tag, queries, cost_nano, baseline_nano)
    VALUES ('feature', NEW.created_at / 86400000, COALESCE(NEW.feature, '(none)'), 1, NEW.cost_nano, COALESCE(NEW.baseline_cost_nano, 0))
    ON CONFLICT (kind, day, tag) DO UPDATE SET
      queries = queries + excluded.queries,
      cost_nano = cost_nano + excluded.cost_nano,
      baseline_nano = baseline_nano + excluded.baseline_nano;
  END;

  -- A query's totals moved (a call or an audit came or went): its day moves by the difference.
  CREATE TRIGGER ledger_rollup_query_totals AFTER UPDATE OF
    local_tokens, cloud_tokens, local_cost_nano, cloud_cost_nano, answer_quality, audits_count, audits_disagreed ON queries
  WHEN NEW.created_at >= 0
  BEGIN
    UPDATE ledger_daily SET
      local_tokens = local_tokens + NEW.local_tokens - OLD.local_tokens,
      cloud_tokens = cloud_tokens + NEW.cloud_tokens - OLD.cloud_tokens,
      local_cost_nano = local_cost_nano + NEW.local_cost_nano - OLD.local_cost_nano,
      cloud_cost_nano = cloud_cost_nano + NEW.cloud_cost_nano - OLD.cloud_cost_nano,
      quality_sum = quality_sum + COALESCE(NEW.answer_quality, 0) - COALESCE(OLD.answer_quality, 0),
      quality_n = quality_n + (NEW.answer_quality IS NOT NULL) - (OLD.answer_quality IS NOT NULL),
      audited = audited + NEW.audits_count - OLD.audits_count,
      disagreed = disagreed + NEW.audits_disagreed - OLD.audits_disagreed
    WHERE day = NEW.created_at / 86400000;
  END;

  -- BEFORE: the calls are still there to be subtracted from the model rollup.
  ${LEDGER_ROLLUP_QUERY_DELETE_TRIGGER}

  -- A new accepted call becomes the answer unless an accepted call with a higher seq exists.
  ${LEDGER_ROLLUP_CALL_INSERT_TRIGGER}

  -- A call deleted by the cascade of its query finds no parent: the query took its figures along.
  -- When the deleted call was the answer, the highest remaining accepted call takes over.
  ${LEDGER_ROLLUP_CALL_DELETE_TRIGGER}

  CREATE TRIGGER ledger_rollup_audit_insert AFTER INSERT ON audits
  BEGIN
    UPDATE queries SET audits_count = audits_count + 1, audits_disagreed = audits_disagreed + (NEW.agrees = 0)
    WHERE id = NEW.query_id;
  END;

  CREATE TRIGGER ledger_rollup_audit_delete AFTER DELETE ON audits
  BEGIN
    UPDATE queries SET audits_count = audits_count - 1, audits_disagreed = audits_disagreed - (OLD.agrees = 0)
    WHERE id = OLD.query_id;
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

  ${LEDGER_CALLS_APPEND_ONLY_TRIGGER}

  CREATE TRIGGER ledger_audits_append_only BEFORE UPDATE OF query_id, agrees ON audits
  WHEN NEW.query_id IS NOT OLD.query_id OR NEW.agrees IS NOT OLD.agrees
  BEGIN
    SELECT RAISE(ABORT, 'ledger figures are append-only: delete the audit and record it again');
  END;
`;
