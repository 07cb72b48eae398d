// `cascadeflow serve` with the metrics endpoint on port 0: the port it picked is printed under the
// app's own address, so Prometheus can be pointed at it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CASCADEFLOW_BIN } from '../helpers/run-cli.ts';

const TOKEN = 'serve-metrics-test-token';
const withMetrics = (enabled: boolean) => ({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: 'http://127.0.0.1:9' }], metrics: { enabled, port: 0 } });

it('prints the address the metrics endpoint bound when its port is 0, and again when it moves', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-serve-metrics-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(withMetrics(true)));
  const child = spawn(process.execPath, [CASCADEFLOW_BIN, 'serve', '--port', '0', '--db', join(dir, 'x.db'), '--config', config], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, CASCADEFLOW_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const metricsLines = () => [...out.matchAll(/^Prometheus metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)$/gm)].map((m) => m[1] ?? '');
  const nthMetricsUrl = (n: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const url = metricsLines()[n - 1];
        if (url) resolve(url);
      };
      child.stdout.on('data', check);
      child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
      check();
    });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const metricsUrl = await nthMetricsUrl(1);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^CascadeFlow is running at http:\/\/127\.0\.0\.1:\d+\//);
    expect(lines[1]).toMatch(/^Database: /);
    expect(lines[2]).toBe(`Prometheus metrics: ${metricsUrl}`);
    expect(new URL(metricsUrl).port).not.toBe('0');
    const scrape = await fetch(metricsUrl);
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toContain('# TYPE ');

    // Switched off and on again through the API, it listens anew: the new address is printed.
    const app = /running at (\S+)/.exec(out)?.[1] ?? '';
    for (const enabled of [false, true]) {
      const r = await fetch(`${app}api/config.set`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-cascadeflow-token': TOKEN }, body: JSON.stringify({ config: withMetrics(enabled) }) });
      expect(((await r.json()) as { ok: boolean }).ok).toBe(true);
    }
    const moved = await nthMetricsUrl(2);
    expect((await fetch(moved)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
