// Migration 0004: per-UTC-day rollups of the ledger, kept exact by triggers in the writer's own
// transaction, so summaries over a year read a few hundred rows instead of a million.
//
// Frozen like every migration: the expressions below restate DRAFTER_ELIGIBLE_SQL and the
// analytics' definitions on purpose, so a later change there cannot silently change this text.
//
// - day = created_at / 86400000, the UTC day number; queries before 1970 are not rolled up and
//   the analytics read them raw.
// - Inserts add, deletes subtract (a deleted query's calls and audits are subtracted before the
//   cascade removes them; the cascade then finds no parent and adds nothing back).
// - Updates of any rolled-up column are refused: the ledger is append-only, and moving a row's
//   figures between days in triggers is more code than "delete and record again".
// - A query's quality is that of its last accepted call (highest seq), whatever order the calls
//   are inserted in.
// - queries.calls_count / calls_input_tokens / calls_output_tokens are the totals of its calls,
//   kept by the same triggers (the CSV export reads them instead of seeking the calls).
export const LEDGER_ROLLUPS_SQL = `
  -- Serves topQueries over wide ranges: walk costs from the top, filter the range in the index.
  CREATE INDEX queries_cost_created_at ON queries (cost_nano, created_at);

  -- Cost by user, by feature and by model now come from the rollups; nothing else searches these
  -- columns, and every index is one more B-tree page written per recorded query.
  DROP INDEX queries_user_created_at;
  DROP INDEX queries_feature_created_at;
  DROP INDEX calls_model;

  -- Each query carries the totals of its calls, so an export of a million queries reads one row
  -- per query instead of seeking its calls three times.
  ALTER TABLE queries ADD COLUMN calls_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN calls_input_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE queries ADD COLUMN calls_output_tokens INTEGER NOT NULL DEFAULT 0;
  UPDATE queries SET calls_count = c.n, calls_input_tokens = c.input_tokens, calls_output_tokens = c.output_tokens
  FROM (SELECT query_id, COUNT(*) AS n, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens FROM calls GROUP BY query_id) AS c
  WHERE c.query_id = queries.id;

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

  -- One parent lookup per statement; a query before 1970 selects nothing.
  CREATE TRIGGER ledger_rollup_call_insert AFTER INSERT ON calls
  BEGIN
    UPDATE queries SET
      calls_count = calls_count + 1,
      calls_input_tokens = calls_input_tokens + NEW.input_tokens,
      calls_output_tokens = calls_output_tokens + NEW.output_tokens
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
  END;

  -- The new accepted call becomes the answer unless an accepted call with a higher seq exists; it
  -- then replaces the previous answer (the highest accepted seq below it).
  CREATE TRIGGER ledger_rollup_answer_insert AFTER INSERT ON calls WHEN NEW.accepted = 1
  BEGIN
    UPDATE ledger_daily SET
      quality_sum = quality_sum + COALESCE(NEW.quality_score, 0)
        - COALESCE((SELECT quality_score FROM calls WHERE query_id = NEW.query_id AND accepted = 1 AND seq < NEW.seq ORDER BY seq DESC LIMIT 1), 0),
      quality_n = quality_n + (NEW.quality_score IS NOT NULL)
        - COALESCE((SELECT quality_score IS NOT NULL FROM calls WHERE query_id = NEW.query_id AND accepted = 1 AND seq < NEW.seq ORDER BY seq DESC LIMIT 1), 0)
    WHERE day = (SELECT created_at FROM queries WHERE id = NEW.query_id AND created_at >= 0) / 86400000
      AND NOT EXISTS (SELECT 1 FROM calls WHERE query_id = NEW.query_id AND accepted = 1 AND seq > NEW.seq);
  END;

  -- A call deleted by the cascade of its query finds no parent: the query's trigger subtracted it.
  CREATE TRIGGER ledger_call_totals_delete AFTER DELETE ON calls
  BEGIN
    UPDATE queries SET
      calls_count = calls_count - 1,
      calls_input_tokens = calls_input_tokens - OLD.input_tokens,
      calls_output_tokens = calls_output_tokens - OLD.output_tokens
    WHERE id = OLD.query_id;
  END;

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
