// The monitoring service on a real SQLite file, without the engine: seeding from the ledger,
// checks between queries, and the digest read back from SQL matching the one made live.
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/node/events.ts';
import { createMonitoringService, type MonitoringService } from '../../../electron/node/monitoring/monitoring-service.ts';
import { loadRecentDigests } from '../../../electron/node/monitoring/recent-digests.ts';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase, type Database } from '../../../electron/node/sqlite/open-database.ts';
import { appConfigSchema, type AppConfig, type AppConfigInput } from '../../../shared/core/config/schema.ts';
import { digestFromRecord } from '../../../shared/core/monitoring/digest.ts';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import { counterIds, type Clock } from '../../../shared/core/ports.ts';
import { cacheHitQuery, escalatedQuery, makeCall, makeQuery, T0 } from '../sqlite/ledger-fixtures.ts';

const MINUTE = 60_000;

let db: Database | null = null;
let service: MonitoringService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
  db?.close();
  db = null;
});

function setup(extra: Partial<AppConfigInput> = {}, now = T0 + 12 * 60 * MINUTE) {
  db = openDatabase(':memory:');
  const ledger = createLedgerStore(db);
  let config: AppConfig = appConfigSchema.parse({ tiers: [{ model: 'm', provider: 'openai' }], ...extra });
  const clock: Clock & { t: number } = { t: now, now: () => clock.t, monotonic: () => clock.t };
  const events = createEventBus();
  const raised: unknown[] = [];
  events.subscribe((e) => e.name === 'alert.raised' && raised.push(e.payload));
  const open = () =>
    createMonitoringService({ db: db!, config: () => config, events, clock, ids: counterIds('alert'), lookupSecret: () => undefined, log: () => {}, serveMetrics: false });
  return {
    ledger,
    clock,
    raised,
    open,
    setConfig: (c: Partial<AppConfigInput>) => (config = appConfigSchema.parse({ tiers: [{ model: 'm', provider: 'openai' }], ...c })),
    record(q: QueryRecord) {
      ledger.recordQuery(q);
      service?.onQueryRecorded(q);
    },
  };
}

describe('monitoring service', () => {
  it('reads back the same digest from the ledger as from a live record', () => {
    const s = setup();
    const rows: QueryRecord[] = [
      makeQuery({ id: 'a', createdAt: T0 + 1 }),
      escalatedQuery('b', T0 + 2),
      makeQuery({ id: 'c', createdAt: T0 + 3, status: 'failed', calls: [makeCall({ accepted: false, status: 'error', qualityScore: null })] }),
      // Only an audit call above the drafter: not verifier usage.
      makeQuery({ id: 'd', createdAt: T0 + 4, calls: [makeCall(), makeCall({ seq: 1, tier: 1, role: 'audit', accepted: false, qualityScore: 0.4, provider: 'openai', model: 'gpt-4o', local: false })] }),
      // b's verifier answer served again from the cache: its call is at the verifier's tier, but nothing was called.
      cacheHitQuery(escalatedQuery('b', T0 + 2), 'e', T0 + 5),
    ];
    for (const r of rows) s.ledger.recordQuery(r);
    const fromSql = loadRecentDigests(db!, { count: 10, since: T0 });
    expect(fromSql).toEqual(rows.map(digestFromRecord));
    expect(fromSql.map((d) => [d.id, d.usedVerifier, d.cacheHit, d.quality])).toEqual([['a', false, false, 0.9], ['b', true, false, null], ['c', false, false, null], ['d', false, false, 0.9], ['e', false, true, null]]);
    // The answering model and where it ran, for a cost spike's message; an audit above the draft is not it.
    expect(fromSql.map((d) => [d.id, d.finalModel, d.finalLocal])).toEqual([['a', 'llama3.2:3b', true], ['b', 'gpt-4o', false], ['c', 'llama3.2:3b', true], ['d', 'llama3.2:3b', true], ['e', 'gpt-4o', false]]);
  });

  it('loads every query of the last day and at least the last n', () => {
    const s = setup();
    for (let i = 0; i < 5; i++) s.ledger.recordQuery(makeQuery({ id: `old-${i}`, runId: `r-old-${i}`, createdAt: T0 - 10 * 86_400_000 + i }));
    for (let i = 0; i < 8; i++) s.ledger.recordQuery(makeQuery({ id: `day-${i}`, runId: `r-day-${i}`, createdAt: T0 + i * MINUTE }));
    expect(loadRecentDigests(db!, { count: 3, since: T0 }).map((d) => d.id)).toEqual(Array.from({ length: 8 }, (_, i) => `day-${i}`));
    expect(loadRecentDigests(db!, { count: 10, since: T0 }).map((d) => d.id)).toEqual(['old-3', 'old-4', ...Array.from({ length: 8 }, (_, i) => `day-${i}`)]);
  });

  it('fires a less than rule on a check between queries', () => {
    const s = setup({ alerts: { rules: [{ name: 'traffic stopped', metric: 'hourly_cost', condition: 'less_than', threshold: 0.000001, cooldownMinutes: 30 }] } });
    s.ledger.recordQuery(makeQuery({ id: 'q', createdAt: s.clock.t - 5 * MINUTE, costNano: 1_000_000 }));
    service = s.open();
    service.checkNow();
    expect(s.raised).toEqual([]);
    s.clock.t += 56 * MINUTE;
    service.checkNow();
    expect(s.raised).toEqual([expect.objectContaining({ name: 'traffic stopped', metric: 'hourly_cost', value: 0, threshold: 0.000001, queryId: null })]);
    s.clock.t += 10 * MINUTE;
    service.checkNow();
    expect(s.raised).toHaveLength(1);
  });

  it('seeds the anomaly window from the ledger at startup', () => {
    const s = setup({ anomaly: { window: 10, minSamples: 5 } });
    for (let i = 0; i < 10; i++) s.ledger.recordQuery(makeQuery({ id: `q-${i}`, runId: `r-${i}`, createdAt: s.clock.t - (20 - i) * MINUTE, costNano: 1_000 }));
    service = s.open();
    s.record(makeQuery({ id: 'spike', runId: 'r-spike', createdAt: s.clock.t, costNano: 1_000_000 }));
    expect(s.raised).toEqual([expect.objectContaining({ source: 'anomaly', metric: 'query_cost', queryId: 'spike' })]);
    expect(service.alerts.list({ limit: 10, includeDismissed: true }).map((a) => a.queryId)).toEqual(['spike']);
  });

  it('raises no cost spike below the configured minimum, and follows a change of it', () => {
    const s = setup({ anomaly: { window: 10, minSamples: 5, minSpikeUsd: 0.01 } });
    for (let i = 0; i < 10; i++) s.ledger.recordQuery(makeQuery({ id: `q-${i}`, runId: `r-${i}`, createdAt: s.clock.t - (20 - i) * MINUTE, costNano: 1_000 }));
    service = s.open();
    s.record(makeQuery({ id: 'spike', runId: 'r-spike', createdAt: s.clock.t, costNano: 5_000_000 }));
    expect(s.raised).toEqual([]);
    s.setConfig({ anomaly: { window: 10, minSamples: 5, minSpikeUsd: 0.001 } });
    // The window, read again from the ledger, holds the first spike: the second is ten times dearer.
    s.record(makeQuery({ id: 'spike-2', runId: 'r-spike-2', createdAt: s.clock.t, costNano: 50_000_000 }));
    expect(s.raised).toEqual([expect.objectContaining({ queryId: 'spike-2', message: expect.stringMatching(/^Cost spike: llama3\.2:3b \(local\) answered a query for \$0\.05,/) })]);
  });

  it('does nothing when anomaly detection is off', () => {
    const s = setup({ anomaly: { enabled: false, window: 10, minSamples: 5 } });
    service = s.open();
    for (let i = 0; i < 10; i++) s.record(makeQuery({ id: `q-${i}`, runId: `r-${i}`, createdAt: s.clock.t, costNano: 1_000 }));
    s.record(makeQuery({ id: 'spike', runId: 'r-spike', createdAt: s.clock.t, costNano: 1_000_000 }));
    expect(s.raised).toEqual([]);
    // Turned on later, it judges against the ledger's history.
    s.setConfig({ anomaly: { enabled: true, window: 10, minSamples: 5 } });
    s.record(makeQuery({ id: 'spike-2', runId: 'r-spike-2', createdAt: s.clock.t, costNano: 50_000_000 }));
    expect(s.raised).toEqual([expect.objectContaining({ queryId: 'spike-2' })]);
  });
});
