// Alerts end to end: queries through the real backend and the fake model servers, alerts in
// SQLite, the banner event, the desktop hook and a webhook receiver on 127.0.0.1.
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appConfigSchema, type AppConfigInput } from '../../../shared/core/config/schema.ts';
import { startFakes, TEST_KEY_ENV, twoTierConfig, type Fakes } from '../helpers/harness.ts';
import { openMonitoredBackend, tempDir, type MonitoredBackend } from './monitoring-harness.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

let f: Fakes;
let receiver: WebhookReceiver;
let t: MonitoredBackend | null = null;
beforeAll(async () => {
  f = await startFakes();
});
afterAll(async () => f.close());
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await t?.close();
  t = null;
  await receiver.close();
  for (const fake of [f.ollama, f.openai, f.anthropic]) fake.setDefault(undefined);
});

/** gpt-4o alone on the fake OpenAI: $2.50 / $10 per 1M tokens. */
function verifierOnly(extra: Partial<AppConfigInput> = {}) {
  return appConfigSchema.parse({ tiers: [{ model: 'gpt-4o', provider: 'openai', baseUrl: f.openai.url, apiKeyEnv: TEST_KEY_ENV }], ...extra });
}

const costOf = (input: number, output: number) => input * 2500 + output * 10_000;

describe('alerts through the backend', () => {
  it('raises logs lists and delivers a rule alert to a webhook with a retry', async () => {
    receiver.script(500);
    t = await openMonitoredBackend(
      twoTierConfig(f, {
        alerts: { rules: [{ name: 'any spend', metric: 'hourly_cost', condition: 'greater_than', threshold: 0, actions: ['banner', 'webhook', 'desktop'], webhookUrl: receiver.url }] },
      }),
    );
    f.openai.enqueue('gpt-4o', { text: 'Paris is the capital of France.', usage: { input: 40, output: 12 } });
    const o = await t.run({ prompt: 'What is the capital of France?', forceTop: true });
    expect(o.costNanoUsd).toBe(costOf(40, 12));

    const raised = t.raised();
    expect(raised).toHaveLength(1);
    const alert = raised[0];
    expect(alert).toMatchObject({ source: 'rule', metric: 'hourly_cost', name: 'any spend', condition: 'greater_than', unit: 'usd', threshold: 0, queryId: o.queryId, actions: ['banner', 'webhook', 'desktop'], dismissedAt: null });
    expect(alert?.value).toBeCloseTo(costOf(40, 12) / 1e9, 12);
    expect(t.notifications).toEqual([{ title: 'CascadeFlow: any spend', body: alert?.message, alertId: alert?.id }]);

    await vi.waitFor(async () => expect((await t!.alerts())[0]?.webhook?.status).not.toBe('pending'), { timeout: 15_000, interval: 50 });
    const [listed] = await t.alerts();
    expect(listed).toEqual({ ...alert, webhook: { status: 'delivered', attempts: 2, error: null } });
    expect(receiver.posts).toHaveLength(2);
    const body = receiver.posts[1]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ app: 'cascadeflow', alertId: alert?.id, source: 'rule', metric: 'hourly_cost', name: 'any spend', unit: 'usd', threshold: 0, queryId: o.queryId });
    expect(body.text).toBe(`[CascadeFlow] ${alert?.message}`);
    expect(body.value).toBeCloseTo(costOf(40, 12) / 1e9, 12);
  });

  it('fires once per cooldown even across a restart and can be dismissed', async () => {
    const dir = tempDir();
    const config = verifierOnly({ alerts: { rules: [{ metric: 'hourly_cost', condition: 'greater_than', threshold: 0, cooldownMinutes: 60 }] } });
    t = await openMonitoredBackend(config, { dir });
    f.openai.setDefault({ text: 'ok', usage: { input: 10, output: 5 } });
    await t.run({ prompt: 'one' });
    await t.run({ prompt: 'two' });
    expect(t.raised()).toHaveLength(1);
    await t.close({ keepFiles: true });

    t = await openMonitoredBackend(config, { dir });
    await t.run({ prompt: 'three' });
    expect(t.raised()).toEqual([]);
    const alerts = await t.alerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.message).toMatch(/^hourly_cost > 0: spend in the last hour is \$/);

    const missing = await t.backend.call('alerts.dismiss', { id: 'no-such-alert' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    const dismissed = await t.backend.call('alerts.dismiss', { id: alerts[0]?.id ?? '' });
    expect(dismissed).toEqual({ ok: true, value: { dismissed: 1 } });
    expect(await t.alerts(false)).toEqual([]);
    expect((await t.alerts(true))[0]?.dismissedAt).toBeGreaterThan(0);
    await t.close();
    t = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises an anomaly alert on an injected cost spike and not before', async () => {
    t = await openMonitoredBackend(verifierOnly({ anomaly: { window: 10, minSamples: 3, actions: ['banner', 'desktop'] } }));
    for (let i = 0; i < 5; i++) {
      f.openai.enqueue('gpt-4o', { text: 'steady', usage: { input: 100, output: 50 } });
      await t.run({ prompt: `steady ${i}` });
    }
    expect(await t.alerts()).toEqual([]);
    f.openai.enqueue('gpt-4o', { text: 'a very long answer', usage: { input: 60_000, output: 4_000 } });
    const spike = await t.run({ prompt: 'paste of a whole book' });
    const alerts = await t.alerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ source: 'anomaly', metric: 'query_cost', name: 'Cost spike', unit: 'usd', queryId: spike.queryId, webhook: null });
    expect(alerts[0]?.value).toBeCloseTo(costOf(60_000, 4_000) / 1e9, 12);
    expect(alerts[0]?.zScore).toBeGreaterThan(3);
    // The bound is mean + 3 sigma, sigma floored at 10% of the steady cost.
    expect(alerts[0]?.threshold).toBeCloseTo((costOf(100, 50) * 1.3) / 1e9, 12);
    expect(t.raised().map((a) => a.id)).toEqual([alerts[0]?.id]);
    expect(t.notifications.map((n) => n.title)).toEqual(['CascadeFlow: Cost spike']);
  });

  it('records a webhook it cannot send as failed without the url', async () => {
    t = await openMonitoredBackend(
      verifierOnly({ alerts: { rules: [{ metric: 'daily_cost', condition: 'greater_than', threshold: 0, actions: ['webhook'], webhookUrlEnv: 'CF_TEST_SLACK_URL' }] } }),
    );
    f.openai.enqueue('gpt-4o', { text: 'ok', usage: { input: 10, output: 5 } });
    await t.run({ prompt: 'hello' });
    // No banner action: nothing on the event bus, but the alert is logged.
    expect(t.raised()).toEqual([]);
    const [alert] = await t.alerts();
    expect(alert?.webhook).toEqual({ status: 'failed', attempts: 0, error: 'no webhook URL: CF_TEST_SLACK_URL is not set' });
  });

  it('reads the webhook url from the environment', async () => {
    t = await openMonitoredBackend(
      verifierOnly({ alerts: { rules: [{ metric: 'daily_cost', condition: 'greater_than', threshold: 0, actions: ['webhook'], webhookUrlEnv: 'CF_TEST_SLACK_URL' }] } }),
      { env: { CF_TEST_SLACK_URL: receiver.url } },
    );
    f.openai.enqueue('gpt-4o', { text: 'ok', usage: { input: 10, output: 5 } });
    await t.run({ prompt: 'hello' });
    await vi.waitFor(async () => expect((await t!.alerts())[0]?.webhook?.status).toBe('delivered'), { timeout: 15_000, interval: 50 });
    expect(receiver.posts).toHaveLength(1);
  });

  it('applies rules changed with config set', async () => {
    t = await openMonitoredBackend(verifierOnly());
    f.openai.setDefault({ text: 'ok', usage: { input: 10, output: 5 } });
    await t.run({ prompt: 'before' });
    expect(await t.alerts()).toEqual([]);
    const config = verifierOnly({ alerts: { rules: [{ metric: 'hourly_cost', condition: 'greater_than', threshold: 0 }] } });
    expect((await t.backend.call('config.set', { config })).ok).toBe(true);
    await t.run({ prompt: 'after' });
    const alerts = await t.alerts();
    expect(alerts).toHaveLength(1);
    // Both queries count: the window was seeded from the ledger.
    expect(alerts[0]?.value).toBeCloseTo((2 * costOf(10, 5)) / 1e9, 12);
  });
});
