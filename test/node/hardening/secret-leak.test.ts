// A full browser-mode session with a known API key, then a search for that key in everything the
// app produced: the database and its WAL, every other file in the data folder (backups included),
// the server's stdout and stderr, the exports, every API response and every server-sent event.
// The 0600 secrets file is the only place allowed to hold it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeOllama, startFakeOpenAI, type FakeOllama, type FakeOpenAI } from '../../fakes/index.ts';
import { callApi, startServe, type ServeProcess } from './serve-process.ts';

const KEY = `sk-proj-LEAKCANARY${randomBytes(16).toString('hex')}`;
// A truncated or reformatted echo ("sk-...abcd") would still carry parts of the random tail.
const FRAGMENTS = [KEY, KEY.slice(-24), KEY.slice(-12, -4)];

let ollama: FakeOllama;
let openai: FakeOpenAI;
let dir: string;

beforeAll(async () => {
  [ollama, openai] = await Promise.all([startFakeOllama({ models: ['llama3.2:3b'] }), startFakeOpenAI({ models: ['gpt-4o'], requireApiKey: KEY })]);
  ollama.setDefault({ text: 'We get 6 * 7 = 48, so the answer is 48.' });
  openai.setDefault({ text: 'We get 6 * 7 = 42, so the answer is 42.', usage: { input: 30, output: 14 } });
  dir = mkdtempSync(join(tmpdir(), 'cf-leak-'));
});
afterAll(async () => {
  await Promise.all([ollama.close(), openai.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(root, e.name)) : [join(root, e.name)]));
}

function leaks(where: string, text: string | Buffer): string[] {
  const s = typeof text === 'string' ? text : text.toString('latin1');
  return FRAGMENTS.filter((f) => s.includes(f)).map((f) => `${where} contains ${f === KEY ? 'the key' : `a fragment of the key (${f})`}`);
}

it('keeps the api key out of everything but the secrets file', { timeout: 120_000 }, async () => {
  const dataDir = join(dir, 'data');
  const dbPath = join(dataDir, 'cascadeflow.db');
  const serve: ServeProcess = await startServe({ args: ['--db', dbPath], env: { HOME: dir, CASCADEFLOW_DATA_DIR: dataDir }, token: 'leak-test-token' });
  const responses: string[] = [];
  const call = async (method: string, input: unknown) => {
    const r = await callApi(serve, method, input);
    responses.push(`${method}: ${r.text}`);
    return r.result;
  };

  // Every event of the session, as the browser would receive it.
  const sse = new AbortController();
  let events = '';
  const stream = await fetch(`${serve.url}api/events?token=${serve.token}`, { signal: sse.signal });
  const reading = (async () => {
    const reader = stream.body?.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        events += decoder.decode(chunk.value, { stream: true });
      }
    } catch {
      // aborted at the end
    }
  })();

  try {
    expect((await call('secrets.set', { name: 'OPENAI_API_KEY', value: KEY })).ok).toBe(true);
    const config = {
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: ollama.url, local: true },
        { model: 'gpt-4o', provider: 'openai', baseUrl: openai.url },
      ],
    };
    expect((await call('config.set', { config })).ok).toBe(true);
    const chat = await call('conversations.create', { title: 'math' });
    const conversationId = (chat.value as { id: string }).id;
    for (const prompt of ['What is 6 * 7?', 'Again: what is 6 * 7?', 'Once more, 6 * 7?']) {
      const r = await call('cascade.run', { prompt, conversationId });
      expect(r.ok).toBe(true);
      expect((r.value as { model: string; status: string }).model).toBe('gpt-4o');
    }
    // The key really was used, and only with the provider that needs it.
    expect(openai.chatRequests().every((q) => q.headers['authorization'] === `Bearer ${KEY}`)).toBe(true);
    expect(openai.chatRequests().length).toBe(3);
    expect(JSON.stringify(ollama.requests)).not.toContain(KEY);

    const range = { from: 0, to: 8.64e15 };
    const exports: string[] = [];
    for (const format of ['csv', 'json'] as const) {
      const r = await call('ledger.prepareExport', { range, format });
      const download = await fetch(`${serve.url}api/downloads/${(r.value as { downloadId: string }).downloadId}`);
      expect(download.status).toBe(200);
      const content = await download.text();
      expect(content).toContain('6 * 7');
      exports.push(content);
    }
    const backup = await call('backup.export', {});
    exports.push((backup.value as { content: string }).content);
    expect((await call('backup.create', {})).ok).toBe(true);
    for (const [method, input] of [
      ['app.info', {}],
      ['config.get', {}],
      ['models.list', { discover: true }],
      ['secrets.list', {}],
      ['providers.test', { provider: 'openai', baseUrl: openai.url }],
      ['conversations.list', {}],
      ['conversations.get', { id: conversationId }],
      ['ledger.summary', { range }],
      ['ledger.topQueries', { range }],
      ['cascade.estimate', { prompt: 'hi' }],
    ] as const) {
      expect((await call(method, input)).ok, method).toBe(true);
    }
    const tested = responses.find((r) => r.startsWith('providers.test'));
    expect(tested).toMatch(/"ok":true/);

    // An internal error, so the server writes its log: a secrets file it cannot parse.
    const secretsPath = join(dataDir, 'secrets.json');
    const saved = readFileSync(secretsPath, 'utf8');
    writeFileSync(secretsPath, '{ this is not json');
    const broken = await call('secrets.list', {});
    expect(broken).toMatchObject({ ok: false, error: { code: 'internal' } });
    writeFileSync(secretsPath, saved, { mode: 0o600 });
    expect(serve.stderr()).toMatch(/secrets\.list failed/);

    // The database files while the server is still running (the WAL holds the latest writes).
    const found: string[] = [];
    for (const file of filesUnder(dataDir)) if (file !== secretsPath) found.push(...leaks(file, readFileSync(file)));

    sse.abort();
    await reading;
    expect(await serve.stop('SIGTERM')).toBe(0);
    for (const file of filesUnder(dataDir)) if (file !== secretsPath) found.push(...leaks(`${file} (after exit)`, readFileSync(file)));
    found.push(...leaks('stdout', serve.stdout()), ...leaks('stderr', serve.stderr()), ...leaks('the event stream', events));
    responses.forEach((r) => found.push(...leaks(`the response of ${r.slice(0, r.indexOf(':'))}`, r)));
    exports.forEach((e, i) => found.push(...leaks(`export ${i}`, e)));
    expect(found).toEqual([]);

    // The session was real: events streamed, rows and a backup were written.
    expect(events).toContain('event: cascade.event');
    expect(filesUnder(join(dataDir, 'backups')).length).toBeGreaterThan(0);
    expect(readFileSync(dbPath).length).toBeGreaterThan(0);
    // The one place it is allowed, readable by the user only.
    expect(readFileSync(secretsPath, 'utf8')).toContain(KEY);
    expect(statSync(secretsPath).mode & 0o777).toBe(0o600);
  } finally {
    sse.abort();
    await serve.stop('SIGKILL');
  }
});
