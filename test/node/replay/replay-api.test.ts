// replay.* through the real backend (SQLite file, event bus) and, for progress, the browser
// transport: traces, imports, a sweep on the bundled MT-Bench trace, applying its threshold.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReplayReport } from '../../../shared/core/replay/analyze.ts';
import { appConfigSchema } from '../../../shared/core/config/schema.ts';
import { replayCommand } from '../../../electron/node/cli/replay-commands.ts';
import { startServer } from '../../../electron/node/server/index.ts';
import { openSse } from '../transport/http-helpers.ts';
import { openTestBackend, type TestBackend } from '../helpers/harness.ts';

const MIXTRAL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const GPT4 = 'gpt-4-1106-preview';
const ROOT = join(import.meta.dirname, '../../..');

const CONFIG = appConfigSchema.parse({
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', local: true },
    { model: 'gpt-4o', provider: 'openai' },
  ],
  quality: { threshold: 0.7 },
});

const gsm8kCsv = (rows: string[]) => ['prompt,small,small_response,big,big_response', ...rows].join('\n');

describe('replay API', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await openTestBackend(CONFIG);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the bundled traces with their models, labels and which models have a price', async () => {
    const r = await t.backend.call('replay.traces', {});
    if (!r.ok) throw new Error(r.error.message);
    const byId = new Map(r.value.traces.map((x) => [x.id, x]));
    const mt = byId.get('bundled:mtbench');
    expect(mt).toMatchObject({ source: 'bundled', queries: 160, metric: 'score', importedAt: null });
    expect(mt?.models.map((m) => [m.model, m.answers, m.priced, m.recordedLocal])).toEqual([
      [GPT4, 160, true, false],
      [MIXTRAL, 160, true, true],
    ]);
    expect(mt?.models[0]?.price).toBe('$10.00 in / $30.00 out per 1M tokens');
    expect(mt?.models[1]?.price).toBe('local: energy (300 W at $0.15/kWh) (the recording says it ran locally)');
    expect(byId.get('bundled:gsm8k')).toMatchObject({ queries: 1319, metric: 'accuracy', categories: ['math'] });
    // Replay opens on the first listed: MT-Bench, whose 160 queries sweep in a moment.
    expect(r.value.traces.map((x) => x.id)).toEqual(['bundled:mtbench', 'bundled:gsm8k']);
  });

  it('runs a sweep on the bundled MT-Bench trace: the CLI --json document, with progress events', async () => {
    const events = t.events.length;
    const r = await t.backend.call('replay.run', { runId: 'run-1', traceId: 'bundled:mtbench', tiers: [MIXTRAL, GPT4], sweep: true, local: [MIXTRAL] });
    if (!r.ok) throw new Error(r.error.message);
    const report = r.value;
    expect(report.points).toHaveLength(101);
    expect(report.queries).toBe(160);

    // The same document the command line prints for the same trace, tiers and configuration.
    const configFile = join(t.dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(CONFIG));
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    try {
      await replayCommand([join(ROOT, 'examples/traces/mtbench.jsonl'), '--tiers', `${MIXTRAL},${GPT4}`, '--local', MIXTRAL, '--sweep', '--json', '--config', configFile]);
    } finally {
      spy.mockRestore();
    }
    expect(JSON.parse(JSON.stringify(report))).toEqual(JSON.parse(stdout) as ReplayReport);

    const progress = t.events.slice(events).filter((e) => e.name === 'replay.progress').map((e) => e.payload as { runId: string; done: number; total: number });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThanOrEqual(101);
    expect(progress.every((p) => p.runId === 'run-1' && p.total === 160)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)?.done).toBe(160);
  });

  it('runs one threshold, and explains what it cannot run', async () => {
    const one = await t.backend.call('replay.run', { traceId: 'bundled:mtbench', tiers: [MIXTRAL, GPT4], threshold: 0.5, prices: { [MIXTRAL]: { inputPerMTok: 0.6, outputPerMTok: 0.6 } } });
    expect(one.ok && one.value.points.map((p) => p.threshold)).toEqual([0.5]);
    expect(one.ok && one.value.pricing[0]?.pricing).toBe('override');

    // Its own backend, so the imported sample does not show in the other tests' trace lists.
    const own = await openTestBackend(CONFIG);
    try {
      const sample = await own.backend.call('replay.import', { kind: 'routellm-gsm8k', content: gsm8kCsv(['What is 2+2?,True,#### 4,True,#### 4']), name: 'Unpriced sample' });
      if (!sample.ok) throw new Error(sample.error.message);
      const unpriced = await own.backend.call('replay.run', { traceId: sample.value.id, tiers: ['small', 'big'], sweep: true });
      expect(unpriced.ok ? null : unpriced.error).toMatchObject({ code: 'invalid_input', details: { model: 'small' } });
      expect(unpriced.ok ? '' : unpriced.error.message).toBe('No price is known for small: give it a price (USD per 1M tokens) or mark it as running locally.');

      // A model the price list knows under a close id: asked about, never priced as that id.
      const nearCsv = ['prompt,llama-3.2-3b,llama-3.2-3b_response,gpt-4o,gpt-4o_response', 'What is 2+2?,True,#### 4,True,#### 4'].join('\n');
      const near = await own.backend.call('replay.import', { kind: 'routellm-gsm8k', content: nearCsv, name: 'Near sample' });
      if (!near.ok) throw new Error(near.error.message);
      const nearRun = await own.backend.call('replay.run', { traceId: near.value.id, tiers: ['llama-3.2-3b', 'gpt-4o'], sweep: true });
      expect(nearRun.ok ? '' : nearRun.error.message).toBe('No price is known for llama-3.2-3b (did you mean llama-3.2-3b-preview?): give it a price (USD per 1M tokens) or mark it as running locally.');
    } finally {
      await own.close();
    }
    const missing = await t.backend.call('replay.run', { traceId: 'bundled:nope', tiers: [MIXTRAL, GPT4], sweep: true });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    const wrongModel = await t.backend.call('replay.run', { traceId: 'bundled:mtbench', tiers: ['gpt-4o', GPT4], sweep: true });
    expect(wrongModel.ok ? '' : wrongModel.error.message).toMatch(/no query of the trace has answers from all of gpt-4o/);
    const both = await t.backend.dispatch('replay.run', { traceId: 'bundled:mtbench', tiers: [MIXTRAL, GPT4], sweep: true, threshold: 0.5 });
    expect(both.ok ? null : both.error.message).toContain('give `sweep: true` or one `threshold`');
  });

  it('imports a GSM8K CSV and a JSONL trace into the data folder, once per content', async () => {
    const csv = gsm8kCsv(['"What is 2+2? Answer briefly.",True,"2+2 = 4\n#### 4",True,"#### 4"', 'What is 3*3?,False,#### 6,True,"3*3 = 9\n#### 9"']);
    const r = await t.backend.call('replay.import', { kind: 'routellm-gsm8k', content: csv, name: 'My GSM8K sample' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ name: 'My GSM8K sample', source: 'imported', queries: 2, metric: 'accuracy' });
    expect(r.value.id).toMatch(/^imported:my-gsm8k-sample-[0-9a-f]{8}$/);
    expect(r.value.models.map((m) => [m.model, m.priced])).toEqual([
      ['big', false],
      ['small', false],
    ]);
    expect(readdirSync(join(t.dir, 'traces')).sort()).toEqual([`${r.value.id.slice(9)}.json`, `${r.value.id.slice(9)}.jsonl`]);
    const again = await t.backend.call('replay.import', { kind: 'routellm-gsm8k', content: csv, name: 'My GSM8K sample' });
    expect(again.ok && again.value.id).toBe(r.value.id);

    const jsonl = readFileSync(join(ROOT, 'examples/traces/mtbench.jsonl'), 'utf8').split('\n').slice(0, 10).join('\n');
    const trace = await t.backend.call('replay.import', { kind: 'trace', content: jsonl });
    if (!trace.ok) throw new Error(trace.error.message);
    expect(trace.value).toMatchObject({ name: 'Imported trace', queries: 10, metric: 'score' });

    const list = await t.backend.call('replay.traces', {});
    expect(list.ok && list.value.traces.map((x) => x.id)).toEqual(['bundled:mtbench', 'bundled:gsm8k', ...[r.value.id, trace.value.id].sort()]);
    // Imported traces run like the bundled ones (with a price for the unknown models).
    const run = await t.backend.call('replay.run', { traceId: r.value.id, tiers: ['small', 'big'], threshold: 0.7, local: ['small', 'big'] });
    expect(run.ok && run.value.queries).toBe(2);
  });

  it('refuses a bad import, naming the lines', async () => {
    const good = JSON.stringify({ id: 'a', messages: [{ role: 'user', content: 'q' }], responses: { m: { text: 't' } } });
    const bad = await t.backend.call('replay.import', { kind: 'trace', content: `${good}\n{oops\n${JSON.stringify({ id: 'b', messages: [], responses: {} })}` });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('invalid_input');
    expect(bad.error.message).toMatch(/^The trace has 2 bad lines: line 2: not valid JSON .*; line 3: messages: /);
    expect((bad.error.details?.issues as { line: number }[]).map((i) => i.line)).toEqual([2, 3, 3, 3]);
    const csv = await t.backend.call('replay.import', { kind: 'routellm-gsm8k', content: gsm8kCsv(['q1,True,a,True,b', 'q2,maybe,a,True,b']) });
    expect(csv.ok ? '' : csv.error.message).toBe('The GSM8K CSV cannot be imported: line 3: column "small" must be True or False (got "maybe")');
    const empty = await t.backend.dispatch('replay.import', { kind: 'trace', content: '' });
    expect(empty.ok ? '' : empty.error.message).toContain('the file is empty');
    // Past the limit: said in words, with the way that reads any size.
    const huge = await t.backend.dispatch('replay.import', { kind: 'trace', content: 'x'.repeat(8_000_001) });
    expect(huge.ok ? '' : huge.error.message).toBe(
      'content: The file is larger than 8 MB, the most the app imports. Replay it from the command line, which reads a trace of any size: `cascadeflow replay trace.jsonl --tiers drafter,verifier --sweep`.',
    );
    expect(existsSync(join(t.dir, 'traces', 'trace.jsonl'))).toBe(false);
  });

  it('applies a threshold (and tiers) to the live config and says what keeps its own threshold', async () => {
    const before = t.events.length;
    const r = await t.backend.call('replay.apply', { threshold: 0.42 });
    expect(r.ok && r.value.config.quality.threshold).toBe(0.42);
    expect(r.ok && r.value.notes).toEqual([]);
    const got = await t.backend.call('config.get', {});
    expect(got.ok && got.value.config.quality.threshold).toBe(0.42);
    expect(t.events.slice(before).some((e) => e.name === 'config.changed')).toBe(true);

    const tiers = [
      { model: 'qwen2.5:7b', provider: 'ollama' as const, local: true, threshold: 0.9 },
      { model: 'gpt-4o', provider: 'openai' as const },
    ];
    const withTiers = await t.backend.call('replay.apply', { threshold: 0.55, tiers });
    expect(withTiers.ok && withTiers.value.config.tiers.map((x) => x.model)).toEqual(['qwen2.5:7b', 'gpt-4o']);
    expect(withTiers.ok && withTiers.value.notes).toEqual(['tier "qwen2.5:7b" keeps its own threshold 0.90']);
    const bad = await t.backend.dispatch('replay.apply', { threshold: 1.5 });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input');
  });
});

describe('replay traces: one that cannot be read', () => {
  it('is listed apart with its file and problem, and every other trace stays usable', async () => {
    const t = await openTestBackend(CONFIG);
    try {
      const good = JSON.stringify({ id: 'a', messages: [{ role: 'user', content: 'q' }], responses: { m: { text: 't', score: 5 } } });
      const imported = await t.backend.call('replay.import', { kind: 'trace', content: good, name: 'Damaged later' });
      if (!imported.ok) throw new Error(imported.error.message);
      // Edited by hand after the import: a line that is no JSON.
      const file = join(t.dir, 'traces', `${imported.value.id.slice('imported:'.length)}.jsonl`);
      writeFileSync(file, `${good}\ngarbage\n`);

      const r = await t.backend.call('replay.traces', {});
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.traces.map((x) => x.id)).toEqual(['bundled:mtbench', 'bundled:gsm8k']);
      expect(r.value.unreadable).toEqual([{ id: imported.value.id, name: 'Damaged later', file, problem: expect.stringContaining('line 2: not valid JSON') as string }]);
      // The bundled traces still run.
      const run = await t.backend.call('replay.run', { traceId: 'bundled:mtbench', tiers: [MIXTRAL, GPT4], threshold: 0.7, local: [MIXTRAL] });
      expect(run.ok && run.value.queries).toBe(160);
    } finally {
      await t.close();
    }
  });
});

describe('replay progress over the browser transport', () => {
  it('reaches the page while the sweep is still running', async () => {
    const t = await openTestBackend(CONFIG);
    const server = await startServer({ backend: t.backend, port: 0, rendererDir: mkdtempSync(join(tmpdir(), 'cf-renderer-')) });
    const seen: { done: number; finishedYet: boolean }[] = [];
    let finished = false;
    const stream = await openSse(`${server.url}api/events?token=${encodeURIComponent(server.token)}`, {}, (e) => {
      if (e.name === 'replay.progress') seen.push({ done: (e.payload as { done: number }).done, finishedYet: finished });
    });
    try {
      const res = await fetch(`${server.url}api/replay.run`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CascadeFlow-Token': server.token },
        body: JSON.stringify({ runId: 'r', traceId: 'bundled:gsm8k', tiers: [MIXTRAL, GPT4], threshold: 0.7, local: [MIXTRAL] }),
      });
      const body = (await res.json()) as { ok: boolean };
      finished = true;
      expect(body.ok).toBe(true);
      await vi.waitFor(() => expect(seen.at(-1)?.done).toBe(1319));
      // Progress arrived before the answer did: the run yields to the transport as it goes.
      expect(seen.filter((s) => !s.finishedYet).length).toBeGreaterThan(1);
    } finally {
      stream.close();
      await server.close();
      await t.close();
    }
  });
});
