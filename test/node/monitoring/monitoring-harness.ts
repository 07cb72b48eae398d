// A real backend (real SQLite file, fake model servers) with the monitoring hooks exposed:
// desktop notifications captured, the metrics endpoint optional, the database reusable across
// a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackendOptions } from '../../../electron/node/backend.ts';
import type { Backend } from '../../../electron/node/backend-types.ts';
import type { DesktopNotification } from '../../../electron/node/monitoring/monitoring-service.ts';
import type { Alert } from '../../../shared/core/monitoring/alert-types.ts';
import type { AppConfig } from '../../../shared/core/config/schema.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { createRecordedBackend, TEST_ANTHROPIC_KEY_ENV, TEST_KEY_ENV, type RecordedBackend } from '../helpers/harness.ts';

export interface MonitoredBackend extends RecordedBackend {
  notifications: DesktopNotification[];
  metricsUrl: () => Promise<string>;
  run(input: Parameters<Backend['call']>[1] & object): Promise<CascadeOutcome>;
  alerts(includeDismissed?: boolean): Promise<Alert[]>;
  raised(): Alert[];
  close(opts?: { keepFiles?: boolean }): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cf-monitoring-'));
}

export async function openMonitoredBackend(config: AppConfig, opts: { dir?: string; env?: Record<string, string> } & Partial<BackendOptions> = {}): Promise<MonitoredBackend> {
  const dir = opts.dir ?? tempDir();
  const notifications: DesktopNotification[] = [];
  let resolveUrl: (url: string) => void = () => {};
  const urlPromise = new Promise<string>((resolve) => (resolveUrl = resolve));
  const { env, dir: _dir, ...rest } = opts;
  const recorded = await createRecordedBackend(dir, config, {
    env: { [TEST_KEY_ENV]: 'sk-test-openai', [TEST_ANTHROPIC_KEY_ENV]: 'sk-ant-test', ...env },
    onDesktopNotification: (n) => notifications.push(n),
    onMetricsListening: (url) => resolveUrl(url),
    ...rest,
  });
  const { backend, events } = recorded;
  return {
    ...recorded,
    notifications,
    metricsUrl: () => urlPromise,
    async run(input) {
      const r = await backend.call('cascade.run', input as never);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as CascadeOutcome;
    },
    async alerts(includeDismissed = true) {
      const r = await backend.call('alerts.list', { includeDismissed });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.alerts;
    },
    raised: () => events.filter((e) => e.name === 'alert.raised').map((e) => e.payload as Alert),
    async close({ keepFiles = false } = {}) {
      await backend.close();
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}
