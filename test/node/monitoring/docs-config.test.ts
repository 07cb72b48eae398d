// The configuration documented in docs/monitoring.md is accepted as written, and a config without
// the monitoring sections keeps today's behaviour.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appConfigSchema, DEFAULT_CONFIG } from '../../../shared/core/config/schema.ts';
import { resolveMonitoringConfig } from '../../../shared/core/monitoring/config.ts';

const doc = readFileSync(fileURLToPath(new URL('../../../docs/monitoring.md', import.meta.url)), 'utf8');

describe('monitoring config', () => {
  it('accepts the documented example', () => {
    const block = /```json\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const parsed = appConfigSchema.safeParse(JSON.parse(block));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const m = resolveMonitoringConfig(parsed.data ?? DEFAULT_CONFIG);
    expect(m.alerts.rules.map((r) => [r.metric, r.cooldownMinutes, r.window])).toEqual([
      ['hourly_cost', 60, 100],
      ['avg_quality', 60, 200],
      ['verifier_usage_pct', 240, 100],
      ['daily_cost', 60, 100],
    ]);
    expect(m.metrics).toEqual({ enabled: true, port: 9464 });
  });

  it('keeps todays behaviour without the sections', () => {
    expect(DEFAULT_CONFIG.alerts).toBeUndefined();
    const m = resolveMonitoringConfig(DEFAULT_CONFIG);
    expect(m.alerts).toEqual({ rules: [], webhook: { timeoutMs: 5000, attempts: 3 } });
    expect(m.metrics).toEqual({ enabled: false, port: 9464 });
    expect(m.anomaly).toEqual({ enabled: true, window: 100, threshold: 3, minSamples: 20, recent: 20, minSpikeUsd: 0.001, cooldownMinutes: 15, actions: ['banner'] });
  });

  it('names the field of a bad rule', () => {
    const r = appConfigSchema.safeParse({ ...DEFAULT_CONFIG, alerts: { rules: [{ metric: 'hourly_cost', condition: 'above', threshold: 1 }] } });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['alerts.rules.0.condition']);
  });
});
