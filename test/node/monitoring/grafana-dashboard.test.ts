// The shipped Grafana dashboard queries only metrics the app exports, with labels they carry.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPromMetrics } from '../../../electron/node/monitoring/prometheus.ts';
import { escalatedQuery, makeCall, makeQuery, T0 } from '../sqlite/ledger-fixtures.ts';
import { familyOf, parsePromText } from './prom-text.ts';

interface Panel {
  title: string;
  type: string;
  targets: { expr: string }[];
}

const dashboard = JSON.parse(readFileSync(fileURLToPath(new URL('../../../grafana/cascadeflow-dashboard.json', import.meta.url)), 'utf8')) as { panels: Panel[]; uid: string };

describe('grafana dashboard', () => {
  it('has the seed guides five panels', () => {
    const titles = dashboard.panels.map((p) => `${p.type}: ${p.title}`);
    expect(titles).toEqual(
      expect.arrayContaining([
        'timeseries: Cost over time (USD per hour, by model)',
        'piechart: Drafter vs verifier usage',
        'gauge: Savings vs top tier only',
        'timeseries: Answer quality and drafter acceptance',
        'table: Top cost models (per-user costs: cascadeflow report)',
      ]),
    );
  });

  it('queries only exported metrics and labels', async () => {
    const metrics = createPromMetrics();
    metrics.record(escalatedQuery('q-1', T0), 0.8);
    metrics.record(makeQuery({ id: 'q-2', calls: [makeCall({ costNano: null, pricing: 'unknown' })] }), 0.9);
    metrics.setAcceptance(0.5);
    metrics.alertRaised('rule');
    const p = parsePromText(await metrics.text());
    const labels = new Map<string, Set<string>>();
    for (const sample of p.samples) {
      const family = familyOf(sample.name, p.types);
      const set = labels.get(family) ?? new Set<string>();
      for (const l of Object.keys(sample.labels)) set.add(l);
      labels.set(family, set);
    }
    for (const panel of dashboard.panels) {
      for (const { expr } of panel.targets) {
        const families = [...expr.matchAll(/cascadeflow_[a-z_]+/g)].map((m) => familyOf(m[0], p.types));
        expect(families.length, panel.title).toBeGreaterThan(0);
        for (const f of families) expect(p.types.has(f), `${panel.title}: ${f}`).toBe(true);
        const available = new Set(families.flatMap((f) => [...(labels.get(f) ?? [])]));
        for (const by of expr.matchAll(/by \(([^)]*)\)/g)) {
          for (const label of (by[1] ?? '').split(',').map((x) => x.trim())) expect(available.has(label), `${panel.title}: by ${label}`).toBe(true);
        }
      }
    }
  });
});
