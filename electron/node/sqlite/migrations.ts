// Ordered, forward-only schema migrations. A database remembers which ids it has applied in
// `schema_migrations`; those ids must be a prefix of MIGRATIONS, otherwise the file was written
// by a newer (or different) build and writing to it could corrupt data that build relies on.
// Tables are STRICT so a float never sneaks into a money column.
import type Database from 'better-sqlite3';
import { ALERTS_MIGRATION_SQL } from '../monitoring/alerts-migration.ts';
import { CACHE_HIT_MODELS_QUALITY_SQL } from './cache-hit-models-quality-migration.ts';
import { CACHE_HITS_SQL } from './cache-hits-migration.ts';
import { CALLS_SAMPLE_ROLE_SQL } from './calls-sample-role-migration.ts';
import { DOMAIN_ROLLUP_SQL } from './domain-rollup-migration.ts';
import { LEDGER_ROLLUPS_SQL } from './ledger-rollups-migration.ts';
import { UNPRICED_SAVINGS_SQL } from './unpriced-savings-migration.ts';
import { UNVERIFIED_DRAFTS_SQL } from './unverified-drafts-migration.ts';

export interface Migration {
  /** `NNNN_name`, sorted by id. Never rename or edit one that has shipped: add a new one. */
  readonly id: string;
  readonly up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_ledger',
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
    `,
  },
  {
    id: '0002_settings',
    up: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    id: '0003_audits',
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
    `,
  },
  { id: '0004_ledger_rollups', up: LEDGER_ROLLUPS_SQL },
  {
    // Budget reservations of runs in flight (electron/node/budget) and the response cache
    // (electron/node/cache). Reservations are in the file, not in memory, so every process using
    // it sees them. A cache hit is recorded as a call of the cached model with cost 0 and
    // finish_reason 'cache_hit' (the calls role CHECK is left alone: no table rebuild).
    id: '0005_budget_and_cache',
    up: `
      CREATE TABLE budget_reservations (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        user_id TEXT,
        amount_nano INTEGER NOT NULL CHECK (amount_nano >= 0),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX budget_reservations_expires_at ON budget_reservations (expires_at);

      CREATE TABLE response_cache (
        key TEXT PRIMARY KEY,
        entry_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        hits INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX response_cache_expires_at ON response_cache (expires_at);
    `,
  },
  // Raised alerts (electron/node/monitoring).
  { id: '0006_alerts', up: ALERTS_MIGRATION_SQL },
  {
    // The run's tier list (JSON array of model ids), so the ledger says which cascade a query
    // used even when the draft was accepted and the upper tiers never ran.
    id: '0007_query_tier_models',
    up: 'ALTER TABLE queries ADD COLUMN tier_models TEXT',
  },
  // Calls may have the role 'sample' (the consistency check's extra answers): a rebuild of `calls`.
  { id: '0008_calls_sample_role', up: CALLS_SAMPLE_ROLE_SQL },
  // The day rollups count drafts returned unverified apart from accepted ones.
  { id: '0009_unverified_drafts', up: UNVERIFIED_DRAFTS_SQL },
  {
    // A deleted conversation is first only marked (its messages and the ledger's links to it stay
    // as they were), so Undo can bring it back exactly; it is removed for good once the undo
    // window has passed (conversation-store.ts purgeDeleted). The partial index holds only the
    // few marked rows the purge looks for.
    id: '0010_conversation_deleted_at',
    up: `
      ALTER TABLE conversations ADD COLUMN deleted_at INTEGER;
      CREATE INDEX conversations_deleted_at ON conversations (deleted_at) WHERE deleted_at IS NOT NULL;
    `,
  },
  // Cost and drafter acceptance by detected domain, rolled up per day like cost by user.
  { id: '0011_ledger_daily_domain', up: DOMAIN_ROLLUP_SQL },
  // Answers from the response cache are counted apart from the drafter's and the verifier's.
  { id: '0012_query_cache_hit', up: CACHE_HITS_SQL },
  // Nor are they calls of the cached model, nor new measurements of quality.
  { id: '0013_cache_hit_models_quality', up: CACHE_HIT_MODELS_QUALITY_SQL },
  // A query with a call of unknown price has no known saving: the totals leave it out.
  { id: '0014_unpriced_savings', up: UNPRICED_SAVINGS_SQL },
];

/** Thrown when a database's migration history is not a prefix of the known list. */
export class IncompatibleDatabaseError extends Error {
  override readonly name = 'IncompatibleDatabaseError';
}

function checkHistory(applied: readonly string[], known: readonly Migration[]): void {
  const knownIds = new Set(known.map((m) => m.id));
  for (let i = 0; i < applied.length; i++) {
    const id = applied[i] ?? '';
    if (!knownIds.has(id)) {
      throw new IncompatibleDatabaseError(
        `This database was written by a newer CascadeFlow (unknown migration ${id}). Update the app or use another --db.`,
      );
    }
    const expected = known[i]?.id;
    if (id !== expected) {
      throw new IncompatibleDatabaseError(
        `This database's migration history does not match this CascadeFlow (found ${id} where ${expected ?? 'nothing'} was expected). Use another --db.`,
      );
    }
  }
}

/**
 * Applies the pending migrations in one IMMEDIATE transaction (so two processes opening the same
 * file cannot both migrate it) and returns the ids applied now.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
  /** Told the pending ids before an existing database (not a new one) is upgraded: some take a while. */
  onUpgrade?: (pending: string[]) => void,
): string[] {
  const run = db.transaction((): string[] => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT');
    const applied = appliedMigrations(db);
    checkHistory(applied, migrations);
    const pending = migrations.slice(applied.length);
    if (applied.length > 0 && pending.length > 0) onUpgrade?.(pending.map((m) => m.id));
    const record = db.prepare<[string, number]>('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
    for (const m of pending) {
      db.exec(m.up);
      record.run(m.id, now());
    }
    return pending.map((m) => m.id);
  });
  return run.immediate();
}

/** Ordered by id, not by insertion, so a history with a gap still reads as "not a prefix". */
export function appliedMigrations(db: Database.Database): string[] {
  return db
    .prepare<[], { id: string }>('SELECT id FROM schema_migrations ORDER BY id')
    .all()
    .map((r) => r.id);
}
