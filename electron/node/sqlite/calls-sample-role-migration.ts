// Migration 0008: `calls.role` may be 'sample', an extra answer of a drafter drawn for the
// consistency check (a tier's `samples`). SQLite cannot alter a CHECK, so the table is rebuilt
// (https://www.sqlite.org/lang_altertable.html#otheralter) inside migrate()'s transaction:
//
// - Foreign keys are ON (open-database.ts) and cannot be turned off inside a transaction. That is
//   fine: nothing references `calls`, and the copy's own reference to `queries` holds for every row
//   of a ledger written with foreign keys on. DROP TABLE's implicit DELETE fires no trigger.
// - Migration 0004's rollup triggers must not see the copy: an insert trigger on the copy would
//   add every call to its query's totals and the day's model rollup a second time. The copy is a
//   new table without triggers, and the old table's triggers go before anything moves.
// - ledger_rollup_query_delete (on `queries`) reads `calls`; while it exists, renaming the copy
//   to `calls` fails ("error in trigger ... no such table: main.calls"), so it is dropped too.
// - Columns are 0001's (no later migration altered `calls`); ids are kept. The only index is the
//   UNIQUE (query_id, seq) one (0004 dropped calls_model), rebuilt by the table definition. The
//   triggers come back from the very text 0004 created them with.
//
// One more CHECK comes with the rebuild: a sample is never accepted. The rollups' answer (and the
// analytics reading `accepted = 1`) is the last accepted call, and a sample must never be taken
// for the answer.
import {
  LEDGER_CALLS_APPEND_ONLY_TRIGGER,
  LEDGER_ROLLUP_CALL_DELETE_TRIGGER,
  LEDGER_ROLLUP_CALL_INSERT_TRIGGER,
  LEDGER_ROLLUP_QUERY_DELETE_TRIGGER,
} from './ledger-rollups-migration.ts';

const COLUMNS = `id, query_id, seq, provider, model, tier, role, local, input_tokens, output_tokens, cached_input_tokens,
    usage_estimated, cost_nano, pricing, ttft_ms, duration_ms, status, accepted, quality_score, quality_json, finish_reason,
    text, error_code, error_message`;

export const CALLS_SAMPLE_ROLE_SQL = `
  DROP TRIGGER ledger_rollup_call_insert;
  DROP TRIGGER ledger_rollup_call_delete;
  DROP TRIGGER ledger_calls_append_only;
  DROP TRIGGER ledger_rollup_query_delete;

  CREATE TABLE calls_new (
    id INTEGER PRIMARY KEY,
    query_id TEXT NOT NULL REFERENCES queries (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    tier INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('draft', 'verify', 'parallel', 'audit', 'sample')),
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
    UNIQUE (query_id, seq),
    CHECK (role <> 'sample' OR accepted = 0)
  ) STRICT;

  INSERT INTO calls_new (${COLUMNS})
  SELECT ${COLUMNS} FROM calls ORDER BY id;

  DROP TABLE calls;
  ALTER TABLE calls_new RENAME TO calls;

  ${LEDGER_ROLLUP_QUERY_DELETE_TRIGGER}

  ${LEDGER_ROLLUP_CALL_INSERT_TRIGGER}

  ${LEDGER_ROLLUP_CALL_DELETE_TRIGGER}

  ${LEDGER_CALLS_APPEND_ONLY_TRIGGER}
`;
