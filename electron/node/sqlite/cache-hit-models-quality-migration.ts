// Migration 0013: an answer served from the response cache is no call of a model, and its quality
// is not a new measurement. 0012 took hits out of the drafter's acceptance, the escalations and
// "who answered"; two figures still counted them:
// - cost by model: a hit's one call (the cached model's, $0, no tokens) counted as a call of that
//   model, inflating its calls and lowering its average cost per call;
// - average quality: a hit replays the validator's score of the answer it serves, measured once
//   when that answer was produced; averaging it again weighs a question by how often it is asked.
//
// As 0012 did, 0004's rollups are left as they are and the new columns say what to take out of
// them: ledger_daily_model counts each day's hit calls per model with their tokens and cost
// (0 and $0 from the app's writer, but a backup may carry anything), and ledger_daily the hits'
// answer quality. The analytics subtract them.
//
// The triggers do not depend on the order SQLite fires them in beside 0004's and 0012's: the model
// row is upserted (0004's call trigger may come second), and the quality moves by the difference
// of "hit and scored" before and after each update of cache_hit or answer_quality, whichever of
// the two is set first when a hit's call arrives.
//
// Frozen like every migration: 'cache_hit' restates CACHE_HIT_FINISH_REASON.
export const CACHE_HIT_MODELS_QUALITY_SQL = `
  ALTER TABLE ledger_daily_model ADD COLUMN cache_calls INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_model ADD COLUMN cache_input_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_model ADD COLUMN cache_output_tokens INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_model ADD COLUMN cache_cost_nano INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_model ADD COLUMN cache_unknown_price INTEGER NOT NULL DEFAULT 0;

  ALTER TABLE ledger_daily ADD COLUMN cache_quality_sum REAL NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily ADD COLUMN cache_quality_n INTEGER NOT NULL DEFAULT 0;

  UPDATE ledger_daily_model SET
    cache_calls = h.calls, cache_input_tokens = h.input_tokens, cache_output_tokens = h.output_tokens,
    cache_cost_nano = h.cost_nano, cache_unknown_price = h.unknown_price
  FROM (
    SELECT q.created_at / 86400000 AS day, c.model, c.provider, c.local, COUNT(*) AS calls,
      SUM(c.input_tokens) AS input_tokens, SUM(c.output_tokens) AS output_tokens,
      COALESCE(SUM(c.cost_nano), 0) AS cost_nano, SUM(c.cost_nano IS NULL) AS unknown_price
    FROM calls c JOIN queries q ON q.id = c.query_id
    WHERE q.created_at >= 0 AND c.finish_reason = 'cache_hit'
    GROUP BY 1, 2, 3, 4
  ) AS h
  WHERE ledger_daily_model.day = h.day AND ledger_daily_model.model = h.model
    AND ledger_daily_model.provider = h.provider AND ledger_daily_model.local = h.local;

  UPDATE ledger_daily SET cache_quality_sum = h.quality_sum, cache_quality_n = h.quality_n
  FROM (
    SELECT created_at / 86400000 AS day, COALESCE(SUM(answer_quality), 0.0) AS quality_sum, COUNT(answer_quality) AS quality_n
    FROM queries WHERE created_at >= 0 AND cache_hit = 1
    GROUP BY 1
  ) AS h
  WHERE ledger_daily.day = h.day;

  CREATE TRIGGER ledger_rollup_cache_hit_model_insert AFTER INSERT ON calls WHEN NEW.finish_reason = 'cache_hit'
  BEGIN
    INSERT INTO ledger_daily_model (day, model, provider, local, calls, input_tokens, output_tokens, cost_nano, unknown_price,
      cache_calls, cache_input_tokens, cache_output_tokens, cache_cost_nano, cache_unknown_price)
    SELECT q.created_at / 86400000, NEW.model, NEW.provider, NEW.local, 0, 0, 0, 0, 0,
      1, NEW.input_tokens, NEW.output_tokens, COALESCE(NEW.cost_nano, 0), NEW.cost_nano IS NULL
    FROM queries q WHERE q.id = NEW.query_id AND q.created_at >= 0
    ON CONFLICT (day, model, provider, local) DO UPDATE SET
      cache_calls = cache_calls + excluded.cache_calls,
      cache_input_tokens = cache_input_tokens + excluded.cache_input_tokens,
      cache_output_tokens = cache_output_tokens + excluded.cache_output_tokens,
      cache_cost_nano = cache_cost_nano + excluded.cache_cost_nano,
      cache_unknown_price = cache_unknown_price + excluded.cache_unknown_price;
  END;

  -- A call deleted by the cascade of its query finds no parent: the query took its figures along.
  CREATE TRIGGER ledger_rollup_cache_hit_model_delete AFTER DELETE ON calls WHEN OLD.finish_reason = 'cache_hit'
  BEGIN
    UPDATE ledger_daily_model SET
      cache_calls = cache_calls - 1,
      cache_input_tokens = cache_input_tokens - OLD.input_tokens,
      cache_output_tokens = cache_output_tokens - OLD.output_tokens,
      cache_cost_nano = cache_cost_nano - COALESCE(OLD.cost_nano, 0),
      cache_unknown_price = cache_unknown_price - (OLD.cost_nano IS NULL)
    WHERE day = (SELECT created_at FROM queries WHERE id = OLD.query_id AND created_at >= 0) / 86400000
      AND model = OLD.model AND provider = OLD.provider AND local = OLD.local;
  END;

  -- created_at cannot change (0004), so OLD's day is NEW's.
  CREATE TRIGGER ledger_rollup_cache_hit_quality AFTER UPDATE OF cache_hit, answer_quality ON queries
  WHEN NEW.created_at >= 0 AND (NEW.cache_hit = 1 OR OLD.cache_hit = 1)
    AND (NEW.cache_hit IS NOT OLD.cache_hit OR NEW.answer_quality IS NOT OLD.answer_quality)
  BEGIN
    UPDATE ledger_daily SET
      cache_quality_sum = cache_quality_sum + NEW.cache_hit * COALESCE(NEW.answer_quality, 0) - OLD.cache_hit * COALESCE(OLD.answer_quality, 0),
      cache_quality_n = cache_quality_n + (NEW.cache_hit = 1 AND NEW.answer_quality IS NOT NULL) - (OLD.cache_hit = 1 AND OLD.answer_quality IS NOT NULL)
    WHERE day = NEW.created_at / 86400000;
  END;

  -- BEFORE: the calls are still there to be subtracted from the model rollup.
  CREATE TRIGGER ledger_rollup_cache_hit_figures_query_delete BEFORE DELETE ON queries
  WHEN OLD.created_at >= 0 AND OLD.cache_hit = 1
  BEGIN
    UPDATE ledger_daily SET
      cache_quality_sum = cache_quality_sum - COALESCE(OLD.answer_quality, 0),
      cache_quality_n = cache_quality_n - (OLD.answer_quality IS NOT NULL)
    WHERE day = OLD.created_at / 86400000;
    UPDATE ledger_daily_model SET
      cache_calls = ledger_daily_model.cache_calls - h.calls,
      cache_input_tokens = ledger_daily_model.cache_input_tokens - h.input_tokens,
      cache_output_tokens = ledger_daily_model.cache_output_tokens - h.output_tokens,
      cache_cost_nano = ledger_daily_model.cache_cost_nano - h.cost_nano,
      cache_unknown_price = ledger_daily_model.cache_unknown_price - h.unknown_price
    FROM (
      SELECT model, provider, local, COUNT(*) AS calls, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
        COALESCE(SUM(cost_nano), 0) AS cost_nano, SUM(cost_nano IS NULL) AS unknown_price
      FROM calls WHERE query_id = OLD.id AND finish_reason = 'cache_hit' GROUP BY model, provider, local
    ) AS h
    WHERE ledger_daily_model.day = OLD.created_at / 86400000 AND ledger_daily_model.model = h.model
      AND ledger_daily_model.provider = h.provider AND ledger_daily_model.local = h.local;
  END;
`;
