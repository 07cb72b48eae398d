// Migration 0014: a query with a call of unknown price has no known saving. Its cost leaves that
// call out ("not in the totals"), yet 0004's rollups added its whole baseline minus that partial
// cost to the savings: a draft of an unpriced model accepted in place of gpt-4o counted as the
// whole of gpt-4o's price saved. The engine says a run's saving is unknown then (outcome.ts) and
// the chat shows none; the Savings and Reports totals, the savings ratio and the per-user and
// per-feature "Saved" did not.
//
// ledger_daily and ledger_daily_tag keep, per day (and tag), what those queries added to the
// savings and, for the ratio, to the baseline and its count; the analytics subtract it, as 0009's
// drafts_unverified is subtracted. The triggers fire only for such queries (cost_complete = 0), so
// recording a priced query writes nothing more. A query's cost_complete, cost and baseline cannot
// change in place (0004's append-only guard), so an insert and a delete are all there is to follow.
// Upserts, as in 0009: the row may not exist yet whichever insert trigger SQLite fires first.
//
// Frozen like every migration: the sums restate 0004's savings and baseline expressions on purpose.
export const UNPRICED_SAVINGS_SQL = `
  ALTER TABLE ledger_daily ADD COLUMN unpriced_savings_nano INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily ADD COLUMN unpriced_baseline_nano INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily ADD COLUMN unpriced_with_baseline INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_tag ADD COLUMN unpriced INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE ledger_daily_tag ADD COLUMN unpriced_savings_nano INTEGER NOT NULL DEFAULT 0;

  UPDATE ledger_daily SET unpriced_savings_nano = u.savings, unpriced_baseline_nano = u.baseline, unpriced_with_baseline = u.with_baseline
  FROM (
    SELECT created_at / 86400000 AS day, COALESCE(SUM(baseline_cost_nano - cost_nano), 0) AS savings,
      COALESCE(SUM(baseline_cost_nano), 0) AS baseline, COUNT(baseline_cost_nano) AS with_baseline
    FROM queries WHERE created_at >= 0 AND cost_complete = 0
    GROUP BY 1
  ) AS u
  WHERE ledger_daily.day = u.day;

  -- The tag rollup's saving is its baseline minus its cost (a query without a baseline adds 0 to one).
  UPDATE ledger_daily_tag SET unpriced = u.n, unpriced_savings_nano = u.savings
  FROM (
    SELECT 'user' AS kind, created_at / 86400000 AS day, COALESCE(user_id, '(none)') AS tag, COUNT(*) AS n,
      SUM(COALESCE(baseline_cost_nano, 0) - cost_nano) AS savings
    FROM queries WHERE created_at >= 0 AND cost_complete = 0 GROUP BY 2, 3
    UNION ALL
    SELECT 'feature', created_at / 86400000, COALESCE(feature, '(none)'), COUNT(*), SUM(COALESCE(baseline_cost_nano, 0) - cost_nano)
    FROM queries WHERE created_at >= 0 AND cost_complete = 0 GROUP BY 2, 3
  ) AS u
  WHERE ledger_daily_tag.kind = u.kind AND ledger_daily_tag.day = u.day AND ledger_daily_tag.tag = u.tag;

  CREATE TRIGGER ledger_rollup_unpriced_insert AFTER INSERT ON queries WHEN NEW.created_at >= 0 AND NEW.cost_complete = 0
  BEGIN
    INSERT INTO ledger_daily (day, unpriced_savings_nano, unpriced_baseline_nano, unpriced_with_baseline)
    VALUES (NEW.created_at / 86400000, COALESCE(NEW.baseline_cost_nano - NEW.cost_nano, 0), COALESCE(NEW.baseline_cost_nano, 0), NEW.baseline_cost_nano IS NOT NULL)
    ON CONFLICT (day) DO UPDATE SET
      unpriced_savings_nano = unpriced_savings_nano + excluded.unpriced_savings_nano,
      unpriced_baseline_nano = unpriced_baseline_nano + excluded.unpriced_baseline_nano,
      unpriced_with_baseline = unpriced_with_baseline + excluded.unpriced_with_baseline;
    INSERT INTO ledger_daily_tag (kind, day, tag, queries, cost_nano, baseline_nano, unpriced, unpriced_savings_nano)
    VALUES ('user', NEW.created_at / 86400000, COALESCE(NEW.user_id, '(none)'), 0, 0, 0, 1, COALESCE(NEW.baseline_cost_nano, 0) - NEW.cost_nano)
    ON CONFLICT (kind, day, tag) DO UPDATE SET
      unpriced = unpriced + 1,
      unpriced_savings_nano = unpriced_savings_nano + excluded.unpriced_savings_nano;
    INSERT INTO ledger_daily_tag (kind, day, tag, queries, cost_nano, baseline_nano, unpriced, unpriced_savings_nano)
    VALUES ('feature', NEW.created_at / 86400000, COALESCE(NEW.feature, '(none)'), 0, 0, 0, 1, COALESCE(NEW.baseline_cost_nano, 0) - NEW.cost_nano)
    ON CONFLICT (kind, day, tag) DO UPDATE SET
      unpriced = unpriced + 1,
      unpriced_savings_nano = unpriced_savings_nano + excluded.unpriced_savings_nano;
  END;

  CREATE TRIGGER ledger_rollup_unpriced_delete BEFORE DELETE ON queries WHEN OLD.created_at >= 0 AND OLD.cost_complete = 0
  BEGIN
    UPDATE ledger_daily SET
      unpriced_savings_nano = unpriced_savings_nano - COALESCE(OLD.baseline_cost_nano - OLD.cost_nano, 0),
      unpriced_baseline_nano = unpriced_baseline_nano - COALESCE(OLD.baseline_cost_nano, 0),
      unpriced_with_baseline = unpriced_with_baseline - (OLD.baseline_cost_nano IS NOT NULL)
    WHERE day = OLD.created_at / 86400000;
    UPDATE ledger_daily_tag SET
      unpriced = unpriced - 1,
      unpriced_savings_nano = unpriced_savings_nano - (COALESCE(OLD.baseline_cost_nano, 0) - OLD.cost_nano)
    WHERE day = OLD.created_at / 86400000
      AND ((kind = 'user' AND tag = COALESCE(OLD.user_id, '(none)')) OR (kind = 'feature' AND tag = COALESCE(OLD.feature, '(none)')));
  END;
`;
