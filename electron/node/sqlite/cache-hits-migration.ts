// Migration 0012: a query answered from the response cache is not a draft. Since 0005 a hit is
// recorded as a query whose one call is the cached model's at $0 with finish_reason 'cache_hit',
// and 0004's rollups count it like any other answer: a cached draft raised the drafter's
// acceptance rate, a cached verifier answer counted as "answered above the drafter". The queries
// table could only tell a hit through a join on its calls.
//
// - queries.cache_hit (0/1) says it on the row itself, for the edge reads and the raw definition.
//   It is derived from the calls, as 0004's per-query totals are: the call marked 'cache_hit'
//   sets it, removing that call clears it, and it cannot be written by hand. The ledger writer
//   is unchanged (a hit's call already carries the mark), and so are older files' writers.
// - ledger_daily and ledger_daily_domain count each day's hits and, of them, those 0004 and 0011
//   counted as eligible for the drafter and as drafted; the analytics subtract them, as 0009's
//   drafts_unverified is subtracted. ledger_daily also keeps the hits' saving (baseline - cost,
//   cost being 0) and how many had a baseline, so the cache's own saving can be shown, or said
//   to be unknown.
// - A hit replays an accepted answer: its query is 'ok' and not escalated (hitOutcome). A call
//   marked 'cache_hit' on any other query is refused, so neither drafts_unverified nor escalated
//   need a cache column of their own.
//
// Frozen like every migration: the conditions restate DRAFTER_ELIGIBLE_SQL and DRAFTER_ANSWERED_SQL
// as 0004 wrote them, because these columns count what those rollups counted.
export const CACHE_HITS_SQL = `
  ALTER TABLE queries ADD COLUMN cache_hit INTEGER NOT NULL DEFAULT 0 CHECK (cache_hit IN (0, 1));

  ALTER TABLE ledger_daily ADD COLUMN cache_hits INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily ADD COLUMN cache_hits_eligible INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily ADD COLUMN cache_hits_drafted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily ADD COLUMN cache_savings_nano INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily ADD COLUMN cache_hits_with_baseline INTEGER NOT NULL DEFAULT 0;

  ALTER TABLE ledger_daily_domain ADD COLUMN cache_hits INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_domain ADD COLUMN cache_hits_eligible INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_domain ADD COLUMN cache_hits_drafted INTEGER NOT NULL DEFAULT 0;

  -- Backfill: first the rows, then their days (no trigger of this migration exists yet).
  UPDATE queries SET cache_hit = 1 WHERE id IN (SELECT query_id FROM calls WHERE finish_reason = 'cache_hit');

  UPDATE ledger_daily SET
    cache_hits = h.hits, cache_hits_eligible = h.eligible, cache_hits_drafted = h.drafted,
    cache_savings_nano = h.savings, cache_hits_with_baseline = h.with_baseline
  FROM (
    SELECT created_at / 86400000 AS day, COUNT(*) AS hits,
      SUM(status IN ('ok', 'unverified') AND top_tier > 0) AS eligible,
      SUM(status IN ('ok', 'unverified') AND top_tier > 0 AND final_tier = 0) AS drafted,
      COALESCE(SUM(baseline_cost_nano - cost_nano), 0) AS savings, COUNT(baseline_cost_nano) AS with_baseline
    FROM queries WHERE created_at >= 0 AND cache_hit = 1
    GROUP BY 1
  ) AS h
  WHERE ledger_daily.day = h.day;

  UPDATE ledger_daily_domain SET cache_hits = h.hits, cache_hits_eligible = h.eligible, cache_hits_drafted = h.drafted
  FROM (
    SELECT created_at / 86400000 AS day, domain, COUNT(*) AS hits,
      SUM(status IN ('ok', 'unverified') AND top_tier > 0) AS eligible,
      SUM(status IN ('ok', 'unverified') AND top_tier > 0 AND final_tier = 0) AS drafted
    FROM queries WHERE created_at >= 0 AND cache_hit = 1
    GROUP BY 1, 2
  ) AS h
  WHERE ledger_daily_domain.day = h.day AND ledger_daily_domain.domain = h.domain;

  -- The call is inserted after its query (foreign key): the query is then marked.
  CREATE TRIGGER ledger_cache_hit_call_insert AFTER INSERT ON calls WHEN NEW.finish_reason = 'cache_hit'
  BEGIN
    SELECT RAISE(ABORT, 'a cache hit replays an accepted answer: its query must be ok and not escalated')
    FROM queries WHERE id = NEW.query_id AND (status <> 'ok' OR escalated <> 0);
    UPDATE queries SET cache_hit = 1 WHERE id = NEW.query_id AND cache_hit = 0;
  END;

  -- A call deleted by the cascade of its query finds no parent: the query took its figures along.
  CREATE TRIGGER ledger_cache_hit_call_delete AFTER DELETE ON calls WHEN OLD.finish_reason = 'cache_hit'
  BEGIN
    UPDATE queries SET cache_hit = EXISTS (SELECT 1 FROM calls WHERE query_id = OLD.query_id AND finish_reason = 'cache_hit')
    WHERE id = OLD.query_id;
  END;

  CREATE TRIGGER ledger_calls_cache_hit_append_only BEFORE UPDATE OF finish_reason ON calls
  WHEN (COALESCE(NEW.finish_reason, '') = 'cache_hit') <> (COALESCE(OLD.finish_reason, '') = 'cache_hit')
  BEGIN
    SELECT RAISE(ABORT, 'ledger figures are append-only: delete the query and record it again');
  END;

  -- The flag follows the calls, never a hand-written UPDATE.
  CREATE TRIGGER ledger_queries_cache_hit_from_calls BEFORE UPDATE OF cache_hit ON queries
  WHEN NEW.cache_hit IS NOT (EXISTS (SELECT 1 FROM calls WHERE query_id = NEW.id AND finish_reason = 'cache_hit'))
  BEGIN
    SELECT RAISE(ABORT, 'queries.cache_hit follows the calls marked cache_hit: record the query again');
  END;

  -- The day's row exists: the query's insert created it before any of its calls came.
  CREATE TRIGGER ledger_rollup_cache_hit AFTER UPDATE OF cache_hit ON queries
  WHEN NEW.created_at >= 0 AND NEW.cache_hit IS NOT OLD.cache_hit
  BEGIN
    UPDATE ledger_daily SET
      cache_hits = cache_hits + (NEW.cache_hit - OLD.cache_hit),
      cache_hits_eligible = cache_hits_eligible + (NEW.cache_hit - OLD.cache_hit) * (NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0),
      cache_hits_drafted = cache_hits_drafted + (NEW.cache_hit - OLD.cache_hit) * (NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0 AND NEW.final_tier = 0),
      cache_savings_nano = cache_savings_nano + (NEW.cache_hit - OLD.cache_hit) * COALESCE(NEW.baseline_cost_nano - NEW.cost_nano, 0),
      cache_hits_with_baseline = cache_hits_with_baseline + (NEW.cache_hit - OLD.cache_hit) * (NEW.baseline_cost_nano IS NOT NULL)
    WHERE day = NEW.created_at / 86400000;
    UPDATE ledger_daily_domain SET
      cache_hits = cache_hits + (NEW.cache_hit - OLD.cache_hit),
      cache_hits_eligible = cache_hits_eligible + (NEW.cache_hit - OLD.cache_hit) * (NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0),
      cache_hits_drafted = cache_hits_drafted + (NEW.cache_hit - OLD.cache_hit) * (NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0 AND NEW.final_tier = 0)
    WHERE day = NEW.created_at / 86400000 AND domain = NEW.domain;
  END;

  CREATE TRIGGER ledger_rollup_cache_hit_query_delete BEFORE DELETE ON queries
  WHEN OLD.created_at >= 0 AND OLD.cache_hit = 1
  BEGIN
    UPDATE ledger_daily SET
      cache_hits = cache_hits - 1,
      cache_hits_eligible = cache_hits_eligible - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0),
      cache_hits_drafted = cache_hits_drafted - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0 AND OLD.final_tier = 0),
      cache_savings_nano = cache_savings_nano - COALESCE(OLD.baseline_cost_nano - OLD.cost_nano, 0),
      cache_hits_with_baseline = cache_hits_with_baseline - (OLD.baseline_cost_nano IS NOT NULL)
    WHERE day = OLD.created_at / 86400000;
    UPDATE ledger_daily_domain SET
      cache_hits = cache_hits - 1,
      cache_hits_eligible = cache_hits_eligible - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0),
      cache_hits_drafted = cache_hits_drafted - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0 AND OLD.final_tier = 0)
    WHERE day = OLD.created_at / 86400000 AND domain = OLD.domain;
  END;
`;
