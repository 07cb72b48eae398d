// Reads the app's SQLite ledger for offline analysis, read-only: importing or re-pricing never
// writes to (or migrates) the user's database.
import { existsSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { RunStatus } from '../../../shared/core/cascade/types.ts';
import type { ChatMessage } from '../../../shared/core/model.ts';
import type { LedgerQueryInput } from '../../../shared/core/replay/importers/ledger.ts';
import type { WhatIfQuery } from '../../../shared/core/replay/whatif.ts';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';

export type ReadonlyLedger = BetterSqlite3.Database;

export function openLedgerReadonly(path: string): ReadonlyLedger {
  if (!existsSync(path)) throw new ReplayInputError(`no ledger database at ${path}`);
  // SQLite's own words for these ("disk I/O error", "file is not a database") name neither the file nor the fix.
  if (statSync(path).isDirectory()) throw new ReplayInputError(`${path} is a folder, not a ledger database: give its cascadeflow.db file`);
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  let names: string[];
  try {
    names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => r.name);
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new ReplayInputError(`${path} is not a SQLite database, so not a CascadeFlow ledger (the app's is cascadeflow.db in its data folder)`);
    throw e;
  }
  const tables = new Set(names);
  if (!tables.has('queries') || !tables.has('calls')) {
    db.close();
    throw new ReplayInputError(`${path} is not a CascadeFlow ledger (no queries/calls tables)`);
  }
  return db;
}

function hasTable(db: ReadonlyLedger, name: string): boolean {
  return db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?").get(name)?.n === 1;
}

interface QueryRow {
  id: string;
  created_at: number;
  conversation_id: string | null;
  domain: string;
  prompt: string;
  /** The queries table's CHECK keeps it to these. */
  status: RunStatus;
  final_model: string;
  escalated: number;
  feedback: string | null;
  top_tier: number;
  baseline_cost_nano: number | null;
}

interface CallRow {
  query_id: string;
  seq: number;
  provider: string;
  model: string;
  tier: number;
  role: string;
  status: string;
  accepted: number;
  text: string;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  duration_ms: number;
  cost_nano: number | null;
  pricing: 'list' | 'override' | 'energy' | 'unknown';
}

export interface LedgerRange {
  /** Inclusive epoch ms; null = from the beginning. */
  from: number | null;
  /** Exclusive epoch ms. */
  to: number;
}

function queriesIn(db: ReadonlyLedger, range: LedgerRange): QueryRow[] {
  return db
    .prepare<{ from: number; to: number }, QueryRow>(`
      SELECT id, created_at, conversation_id, domain, prompt, status, final_model, escalated, feedback, top_tier, baseline_cost_nano
      FROM queries WHERE created_at >= @from AND created_at < @to ORDER BY created_at, rowid`)
    .all({ from: range.from ?? Number.MIN_SAFE_INTEGER, to: range.to });
}

function callsByQuery(db: ReadonlyLedger, range: LedgerRange): Map<string, CallRow[]> {
  const rows = db
    .prepare<{ from: number; to: number }, CallRow>(`
      SELECT c.query_id, c.seq, c.provider, c.model, c.tier, c.role, c.status, c.accepted, c.text,
        c.input_tokens, c.output_tokens, c.cached_input_tokens, c.duration_ms, c.cost_nano, c.pricing
      FROM calls c JOIN queries q ON q.id = c.query_id
      WHERE q.created_at >= @from AND q.created_at < @to ORDER BY c.query_id, c.seq`)
    .all({ from: range.from ?? Number.MIN_SAFE_INTEGER, to: range.to });
  const out = new Map<string, CallRow[]>();
  for (const r of rows) {
    const list = out.get(r.query_id) ?? [];
    list.push(r);
    out.set(r.query_id, list);
  }
  return out;
}

/** The conversation as the models saw it: every turn before this query's answer, ending with the user's. */
function historyOf(db: ReadonlyLedger, q: QueryRow): ChatMessage[] | null {
  if (q.conversation_id === null) return null;
  const anchor = db
    .prepare<[string], { created_at: number; rid: number }>("SELECT created_at, rowid AS rid FROM messages WHERE query_id = ? AND role = 'assistant' ORDER BY rowid LIMIT 1")
    .get(q.id);
  if (!anchor) return null;
  const rows = db
    .prepare<{ conversation: string; at: number; rid: number }, { role: 'user' | 'assistant'; content: string }>(`
      SELECT role, content FROM messages
      WHERE conversation_id = @conversation AND role IN ('user', 'assistant')
        AND (created_at < @at OR (created_at = @at AND rowid < @rid))
      ORDER BY created_at, rowid`)
    .all({ conversation: q.conversation_id, at: anchor.created_at, rid: anchor.rid });
  let last = rows.length - 1;
  while (last >= 0 && rows[last]?.role !== 'user') last--;
  return last < 0 ? null : rows.slice(0, last + 1).map((m) => ({ role: m.role, content: m.content }));
}

export function readLedgerQueries(db: ReadonlyLedger, range: LedgerRange): LedgerQueryInput[] {
  const calls = callsByQuery(db, range);
  const audits = hasTable(db, 'audits')
    ? db.prepare<[string], { top_model: string; top_answer: string; cost_nano: number | null }>('SELECT top_model, top_answer, cost_nano FROM audits WHERE query_id = ? ORDER BY id')
    : null;
  const hasMessages = hasTable(db, 'messages');
  return queriesIn(db, range).map((q) => ({
    id: q.id,
    createdAt: q.created_at,
    domain: q.domain,
    prompt: q.prompt,
    status: q.status,
    finalModel: q.final_model,
    escalated: q.escalated === 1,
    feedback: q.feedback === 'up' || q.feedback === 'down' ? q.feedback : null,
    topTier: q.top_tier,
    history: hasMessages ? historyOf(db, q) : null,
    calls: (calls.get(q.id) ?? []).map((c) => ({
      seq: c.seq,
      provider: c.provider,
      model: c.model,
      tier: c.tier,
      role: c.role,
      status: c.status,
      text: c.text,
      inputTokens: c.input_tokens,
      outputTokens: c.output_tokens,
      cachedInputTokens: c.cached_input_tokens,
      costNano: c.cost_nano,
    })),
    audits: audits ? audits.all(q.id).map((a) => ({ topModel: a.top_model, topAnswer: a.top_answer, costNano: a.cost_nano })) : [],
  }));
}

/**
 * Every query and call of the range with what re-pricing needs. Background audits are not calls
 * (the audits table keeps no token counts), so they are outside the what-if, as in the ledger summary.
 */
export function readWhatIfQueries(db: ReadonlyLedger, range: LedgerRange): WhatIfQuery[] {
  const calls = callsByQuery(db, range);
  return queriesIn(db, range).map((q) => ({
    id: q.id,
    status: q.status,
    topTier: q.top_tier,
    baselineCostNano: q.baseline_cost_nano,
    calls: (calls.get(q.id) ?? []).map((c) => ({
      seq: c.seq,
      model: c.model,
      tier: c.tier,
      role: c.role,
      status: c.status,
      accepted: c.accepted === 1,
      inputTokens: c.input_tokens,
      outputTokens: c.output_tokens,
      cachedInputTokens: c.cached_input_tokens,
      durationMs: c.duration_ms,
      costNano: c.cost_nano,
      pricing: c.pricing,
    })),
  }));
}
