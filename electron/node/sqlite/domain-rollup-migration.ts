// Migration 0011: a per-UTC-day rollup by detected domain (code, math, general... or a configured
// domain route's name), so "which kinds of question does the drafter handle, and what do they
// cost" is answered from a few rows per day, as cost by user and by feature are. It is what tells
// a user whether a domain deserves its own drafter (the seed guide's domain routing): code queries
// accepted 40% of the time against 80% elsewhere say so; a report without it cannot.
//
// Same rules as 0004's rollups: inserts add, deletes subtract, a query's domain cannot be changed
// in place (the append-only guard of 0004 predates this table and does not cover the column).
// The counts restate DRAFTER_ELIGIBLE_SQL, DRAFTER_ANSWERED_SQL and DRAFT_UNVERIFIED_SQL on
// purpose: frozen like every migration, a later change there cannot silently change this text.
export const DOMAIN_ROLLUP_SQL = `
  CREATE TABLE ledger_daily_domain (
    day INTEGER NOT NULL,
    domain TEXT NOT NULL,
    queries INTEGER NOT NULL,
    cost_nano INTEGER NOT NULL,
    baseline_nano INTEGER NOT NULL,
    escalated INTEGER NOT NULL,
    eligible INTEGER NOT NULL,
    drafted INTEGER NOT NULL,
    drafts_unverified INTEGER NOT NULL,
    unknown_price INTEGER NOT NULL,
    PRIMARY KEY (day, domain)
  ) STRICT, WITHOUT ROWID;

  INSERT INTO ledger_daily_domain (day, domain, queries, cost_nano, baseline_nano, escalated, eligible, drafted, drafts_unverified, unknown_price)
  SELECT created_at / 86400000, domain, COUNT(*), SUM(cost_nano), COALESCE(SUM(baseline_cost_nano), 0), SUM(escalated),
    SUM(status IN ('ok', 'unverified') AND top_tier > 0),
    SUM(status IN ('ok', 'unverified') AND top_tier > 0 AND final_tier = 0),
    SUM(status = 'unverified' AND top_tier > 0 AND final_tier = 0),
    SUM(cost_complete = 0)
  FROM queries WHERE created_at >= 0
  GROUP BY 1, 2;

  CREATE TRIGGER ledger_rollup_domain_insert AFTER INSERT ON queries WHEN NEW.created_at >= 0
  BEGIN
    INSERT INTO ledger_daily_domain (day, domain, queries, cost_nano, baseline_nano, escalated, eligible, drafted, drafts_unverified, unknown_price)
    VALUES (
      NEW.created_at / 86400000, NEW.domain, 1, NEW.cost_nano, COALESCE(NEW.baseline_cost_nano, 0), NEW.escalated,
      NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0,
      NEW.status IN ('ok', 'unverified') AND NEW.top_tier > 0 AND NEW.final_tier = 0,
      NEW.status = 'unverified' AND NEW.top_tier > 0 AND NEW.final_tier = 0,
      NEW.cost_complete = 0)
    ON CONFLICT (day, domain) DO UPDATE SET
      queries = queries + excluded.queries,
      cost_nano = cost_nano + excluded.cost_nano,
      baseline_nano = baseline_nano + excluded.baseline_nano,
      escalated = escalated + excluded.escalated,
      eligible = eligible + excluded.eligible,
      drafted = drafted + excluded.drafted,
      drafts_unverified = drafts_unverified + excluded.drafts_unverified,
      unknown_price = unknown_price + excluded.unknown_price;
  END;

  CREATE TRIGGER ledger_rollup_domain_delete BEFORE DELETE ON queries WHEN OLD.created_at >= 0
  BEGIN
    UPDATE ledger_daily_domain SET
      queries = queries - 1,
      cost_nano = cost_nano - OLD.cost_nano,
      baseline_nano = baseline_nano - COALESCE(OLD.baseline_cost_nano, 0),
      escalated = escalated - OLD.escalated,
      eligible = eligible - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0),
      drafted = drafted - (OLD.status IN ('ok', 'unverified') AND OLD.top_tier > 0 AND OLD.final_tier = 0),
      drafts_unverified = drafts_unverified - (OLD.status = 'unverified' AND OLD.top_tier > 0 AND OLD.final_tier = 0),
      unknown_price = unknown_price - (OLD.cost_complete = 0)
    WHERE day = OLD.created_at / 86400000 AND domain = OLD.domain;
  END;

  CREATE TRIGGER ledger_queries_domain_append_only BEFORE UPDATE OF domain ON queries
  WHEN NEW.domain IS NOT OLD.domain
  BEGIN
    SELECT RAISE(ABORT, 'ledger figures are append-only: delete the query and record it again');
  END;
`;
