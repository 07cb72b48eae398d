// Migration 0009: a draft returned unverified (the validator rejected it and no tier above could
// answer: status 'unverified', final tier 0) is the drafter's answer but not an accepted one, yet
// 0004's rollups count it in `drafted`, so the Savings view called it "Drafter accepted" and the
// acceptance rate rose whenever the verifier failed. ledger_daily gains `drafts_unverified`, the
// day's count of such queries, and the analytics subtract it: accepted = drafted - drafts_unverified.
//
// 0004's triggers stay as they are (0008 recreates some of them from their frozen text); two
// small triggers of this migration's own keep the new column. The insert one upserts, so the count
// is right whichever of the two insert triggers on `queries` SQLite fires first. Frozen like every
// migration: the condition restates DRAFT_UNVERIFIED_SQL on purpose.
export const UNVERIFIED_DRAFTS_SQL = `
  ALTER TABLE ledger_daily ADD COLUMN drafts_unverified INTEGER NOT NULL DEFAULT 0;

  UPDATE ledger_daily SET drafts_unverified = u.n
  FROM (
    SELECT created_at / 86400000 AS day, COUNT(*) AS n FROM queries
    WHERE created_at >= 0 AND status = 'unverified' AND top_tier > 0 AND final_tier = 0
    GROUP BY 1
  ) AS u
  WHERE ledger_daily.day = u.day;

  CREATE TRIGGER ledger_rollup_unverified_insert AFTER INSERT ON queries
  WHEN NEW.created_at >= 0 AND NEW.status = 'unverified' AND NEW.top_tier > 0 AND NEW.final_tier = 0
  BEGIN
    INSERT INTO ledger_daily (day, drafts_unverified) VALUES (NEW.created_at / 86400000, 1)
    ON CONFLICT (day) DO UPDATE SET drafts_unverified = drafts_unverified + 1;
  END;

  CREATE TRIGGER ledger_rollup_unverified_delete BEFORE DELETE ON queries
  WHEN OLD.created_at >= 0 AND OLD.status = 'unverified' AND OLD.top_tier > 0 AND OLD.final_tier = 0
  BEGIN
    UPDATE ledger_daily SET drafts_unverified = drafts_unverified - 1 WHERE day = OLD.created_at / 86400000;
  END;
`;
