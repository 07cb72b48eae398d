// The `alerts` table (appended to MIGRATIONS in sqlite/migrations.ts). Money stays integer
// nano-USD: a cost alert fills the *_nano columns, a ratio alert the *_ratio ones.
export const ALERTS_MIGRATION_SQL = `
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('rule', 'anomaly')),
    -- The rule (or anomaly series) that fired, so its cooldown survives a restart.
    rule_key TEXT NOT NULL,
    name TEXT NOT NULL,
    metric TEXT NOT NULL,
    condition TEXT NOT NULL CHECK (condition IN ('greater_than', 'less_than')),
    unit TEXT NOT NULL CHECK (unit IN ('nano_usd', 'ratio')),
    value_nano INTEGER,
    threshold_nano INTEGER,
    value_ratio REAL,
    threshold_ratio REAL,
    z_score REAL,
    message TEXT NOT NULL,
    query_id TEXT,
    actions_json TEXT NOT NULL,
    webhook_status TEXT CHECK (webhook_status IN ('pending', 'delivered', 'failed')),
    webhook_attempts INTEGER NOT NULL DEFAULT 0,
    webhook_error TEXT,
    dismissed_at INTEGER,
    CHECK ((unit = 'nano_usd') = (value_nano IS NOT NULL AND threshold_nano IS NOT NULL)),
    CHECK ((unit = 'ratio') = (value_ratio IS NOT NULL AND threshold_ratio IS NOT NULL))
  ) STRICT;
  CREATE INDEX alerts_created_at ON alerts (created_at);
  CREATE INDEX alerts_rule_key_created_at ON alerts (rule_key, created_at);
`;
