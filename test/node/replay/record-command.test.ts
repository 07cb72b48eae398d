// `cascadeflow record` against the fake Ollama (drafter) and fake OpenAI (verifier) servers,
// through the real provider adapters and SDKs.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/node/cli/args.ts';
import { runRecordCommand, type RecordIo } from '../../../electron/node/cli/record-command.ts';
import { readTraceFile } from '../../../electron/node/replay/trace-files.ts';
import { SAMPLE_TEMPERATURE } from '../../../shared/core/cascade/sampling.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import { parseTrace } from '../../../shared/core/replay/trace.ts';
import type { ChatCall, RecordedRequest } from '../../fakes/index.ts';
import { startFakes, TEST_KEY_ENV, type Fakes } from '../helpers/harness.ts';
import { countTokensCached } from '../../../shared/core/replay/token-counts.ts';

const DRAFTER = 'llama3.2:3b';
const VERIFIER = 'gpt-4o';

const PROMPTS = [
  { id: 'mult', prompt: 'What is 17 * 23?', expected: 391 },
  { id: 'capital', prompt: 'What is the capital of France?', expected: 'Paris' },
  { id: 'choice', prompt: 'Which is even? A) 3 B) 4', expected: 'B' },
  { id: 'poem', prompt: 'Write one line about autumn leaves.', category: 'writing' },
];

const DRAFTS: Record<string, string> = {
  'What is 17 * 23?': '17 * 23 = 381\n#### 381',
  'What is the capital of France?': 'The capital of France is Paris.',
  'Which is even? A) 3 B) 4': 'The answer is B',
  'Write one line about autumn leaves.': 'Red leaves.',
};
const VERIFIED: Record<string, string> = {
  'What is 17 * 23?': '17 * 23 = 391\n#### 391',
  'What is the capital of France?': 'Paris.',
  'Which is even? A) 3 B) 4': 'Answer: B',
  'Write one line about autumn leaves.': 'Golden autumn leaves drift slowly down to the quiet ground.',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('cascadeflow record', () => {
  let fakes: Fakes;
  let dir: string;
  let promptsPath: string;
  let configPath: string;
  let out: string;

  beforeAll(async () => {
    fakes = await startFakes();
    dir = mkdtempSync(join(tmpdir(), 'cf-record-'));
    promptsPath = join(dir, 'prompts.jsonl');
    writeFileSync(promptsPath, `${PROMPTS.map((p) => JSON.stringify(p)).join('\n')}\n`);
    configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        tiers: [
          { model: DRAFTER, provider: 'ollama', baseUrl: fakes.ollama.url, local: true },
          { model: VERIFIER, provider: 'openai', baseUrl: fakes.openai.url, apiKeyEnv: TEST_KEY_ENV },
        ],
      }),
    );
  });
  afterAll(async () => {
    await fakes.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  beforeEach(() => {
    out = join(dir, `trace-${++n}.jsonl`);
    fakes.ollama.script(DRAFTER, (call: ChatCall) => ({ text: DRAFTS[call.prompt] ?? 'no idea' }));
    fakes.openai.script(VERIFIER, (call: ChatCall) => ({ text: VERIFIED[call.prompt] ?? 'no idea' }));
  });

  const chatCalls = () => fakes.ollama.chatRequests().length + fakes.openai.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
  const promptsAsked = (since: number) =>
    fakes.openai.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .slice(since)
      .map((r) => ((r.body as { messages: { content: string }[] }).messages.at(-1)?.content ?? ''));

  /** The temperature each chat request asked for (undefined: none), and its prompt. */
  const ollamaAsked = (since: number) =>
    fakes.ollama
      .chatRequests()
      .slice(since)
      .map((r: RecordedRequest) => {
        const body = r.body as { messages: { content: string }[]; options?: { temperature?: number } };
        return { prompt: body.messages.at(-1)?.content ?? '', temperature: body.options?.temperature };
      });
  const openaiAsked = (since: number) =>
    fakes.openai.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .slice(since)
      .map((r) => {
        const body = r.body as { messages: { content: string }[]; temperature?: number };
        return { prompt: body.messages.at(-1)?.content ?? '', temperature: body.temperature };
      });
  /** Extra answers say which they are, so a test sees they were real calls. */
  function scriptSampling(): void {
    let drawn = 0;
    fakes.ollama.script(DRAFTER, (call: ChatCall) => {
      const base = DRAFTS[call.prompt] ?? 'no idea';
      const options = call.body['options'] as { temperature?: number } | undefined;
      return { text: options?.temperature === undefined ? base : `${base} (draw ${++drawn})` };
    });
    fakes.openai.script(VERIFIER, (call: ChatCall) => {
      const base = VERIFIED[call.prompt] ?? 'no idea';
      return { text: call.body['temperature'] === undefined ? base : `${base} (draw ${++drawn})` };
    });
  }

  async function record(args: string[], over: Partial<RecordIo> = {}, onStderr?: (text: string) => void): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const io: RecordIo = {
      env: { [TEST_KEY_ENV]: 'sk-test-openai', CASCADEFLOW_DATA_DIR: join(dir, 'data') },
      stdout: (t) => void (stdout += t),
      stderr: (t) => {
        stderr += t;
        onStderr?.(stderr);
      },
      stderrIsTTY: false,
      stdinIsTTY: false,
      ask: () => Promise.reject(new Error('asked without a terminal')),
      ...over,
    };
    const code = await runRecordCommand([promptsPath, '--models', `${DRAFTER},${VERIFIER}`, '-o', out, '--config', configPath, ...args], io);
    return { code, stdout, stderr };
  }

  it('records every prompt with usage, cost and labels, and the trace replays', async () => {
    const r = await record(['--yes', '--json']);
    expect(r.code).toBe(0);
    const lines = readTraceFile(out);
    expect(lines.map((l) => l.item.id).sort()).toEqual(['capital', 'choice', 'mult', 'poem']);
    const byId = new Map(lines.map((l) => [l.item.id, l.item]));
    const mult = byId.get('mult');
    expect(mult?.responses[DRAFTER]).toMatchObject({ text: DRAFTS['What is 17 * 23?'], correct: false, provider: 'ollama', finish_reason: 'stop' });
    expect(mult?.responses[VERIFIER]).toMatchObject({ correct: true, provider: 'openai' });
    expect(mult).toMatchObject({ expected: '391', label: 'expected' });
    // The fakes report usage; gpt-4o is billed at its list price ($2.50 / $10 per 1M tokens).
    const usage = mult?.responses[VERIFIER]?.usage;
    expect(usage?.input_tokens).toBeGreaterThan(0);
    expect(mult?.responses[VERIFIER]?.cost_usd).toBeCloseTo(((usage?.input_tokens ?? 0) * 2.5 + (usage?.output_tokens ?? 0) * 10) / 1e6, 12);
    expect(typeof mult?.responses[DRAFTER]?.cost_usd).toBe('number');
    expect(byId.get('capital')?.responses[DRAFTER]?.correct).toBe(true);
    expect(byId.get('choice')?.responses[DRAFTER]?.correct).toBe(true);
    const poem = byId.get('poem');
    expect(poem).toMatchObject({ label: 'agreement', reference_model: VERIFIER, category: 'writing' });
    expect(poem?.responses[DRAFTER]?.agrees_with_top).toBe(false);
    expect(poem?.responses[VERIFIER]?.agrees_with_top).toBe(true);

    const summary = JSON.parse(r.stdout) as { recorded: number; already: number; failed: unknown[]; cost_usd: number };
    expect(summary).toMatchObject({ recorded: 4, already: 0, failed: [] });
    expect(summary.cost_usd).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/recording \[#+\] 4\/4/);

    // The Ollama drafter ran on this machine: its answers say so, as the RouteLLM importers mark
    // Mixtral, so the recording replays elsewhere (no config, no --local) priced by energy.
    for (const { item } of lines) {
      expect(item.responses[DRAFTER]?.local).toBe(true);
      expect(item.responses[VERIFIER]).not.toHaveProperty('local');
    }
    const report = await replayTrace(lines, { tiers: [DRAFTER, VERIFIER], thresholds: [0.7], energy: { gpuWatts: 300, electricityUsdPerKwh: 0.15 }, timing: { tokensPerSecond: 30 } });
    expect(report.pricing.map((p) => [p.model, p.pricing])).toEqual([[DRAFTER, 'energy'], [VERIFIER, 'list']]);
    expect(report.metric).toBe('accuracy');
    expect(report.labelled).toBe(3);
    expect(report.baselines.always_drafter.quality).toBeCloseTo(2 / 3, 12);
  });

  it('--local marks a model served on this machine (an OpenAI-compatible server) local: priced by energy, "local": true', async () => {
    const SERVED = 'my-served-model';
    fakes.openai.script(SERVED, (call: ChatCall) => ({ text: DRAFTS[call.prompt] ?? 'no idea' }));
    const served = join(dir, 'served-config.json');
    writeFileSync(
      served,
      JSON.stringify({
        tiers: [
          { model: SERVED, provider: 'openai', baseUrl: fakes.openai.url, apiKeyEnv: TEST_KEY_ENV },
          { model: VERIFIER, provider: 'openai', baseUrl: fakes.openai.url, apiKeyEnv: TEST_KEY_ENV },
        ],
      }),
    );
    const models = ['--models', `${SERVED},${VERIFIER}`, '--config', served];
    const r = await record(['--yes', ...models, '--local', SERVED]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('price unknown');
    const lines = readTraceFile(out);
    expect(lines.every(({ item }) => item.responses[SERVED]?.local === true && !('local' in (item.responses[VERIFIER] ?? {})))).toBe(true);
    await expect(record(['--yes', ...models, '--local', 'my-servd-model'])).rejects.toThrow(`--local names "my-servd-model", which is not one of --models (${SERVED}, ${VERIFIER}): check the model id`);
  });

  it("records a reasoning model's answer without its thinking, counting the thinking when the server reports no usage", async () => {
    const thinking = 'Seventeen times twenty is three hundred forty; seventeen times three is fifty-one; together three hundred ninety-one.';
    fakes.openai.script(VERIFIER, (call: ChatCall) => ({ thinking: [thinking], text: VERIFIED[call.prompt] ?? 'no idea', usage: null }));
    expect((await record(['--yes'])).code).toBe(0);
    const mult = readTraceFile(out).find((l) => l.item.id === 'mult')?.item.responses[VERIFIER];
    const answer = VERIFIED['What is 17 * 23?'] ?? '';
    expect(mult?.text).toBe(answer);
    expect(mult?.usage?.output_tokens).toBe(countTokensCached(thinking + answer));
  });

  it('shows the estimated cost first and calls nothing without --yes when nobody can answer', async () => {
    const before = chatCalls();
    const error = await record([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('add --yes');
    expect(chatCalls()).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  it('prints the estimate per model before asking on a terminal, and starts nothing on "no"', async () => {
    const before = chatCalls();
    let asked = '';
    const r = await record([], {
      stdinIsTTY: true,
      ask: (q) => {
        asked = q;
        return Promise.resolve('n');
      },
    });
    expect(r.code).toBe(1);
    expect(asked).toBe('Start recording? [y/N] ');
    expect(r.stderr).toContain('Recording 4 prompts with 2 models');
    expect(r.stderr).toMatch(/\| gpt-4o\s+\| openai\s+\|/);
    expect(r.stderr).toContain('$2.50 in / $10.00 out per 1M tokens');
    expect(r.stderr).toContain('local: energy');
    expect(r.stderr).toMatch(/Estimated cost: about \$[\d.]+, assuming ~300 output tokens per answer/);
    expect(r.stderr).toContain('Not started.');
    expect(chatCalls()).toBe(before);

    const yes = await record([], { stdinIsTTY: true, ask: () => Promise.resolve('y') });
    expect(yes.code).toBe(0);
    expect(readTraceFile(out)).toHaveLength(4);
  });

  it('resumes after an interruption and a half-written line, asking only for the prompts not yet recorded', async () => {
    const stop = new AbortController();
    // Ctrl-C once two prompts are saved (the progress line says 2/4).
    const first = await record(['--yes', '--concurrency', '1'], { signal: stop.signal }, (err) => {
      if (/ 2\/4/.test(err)) stop.abort();
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('Interrupted.');
    const saved = readTraceFile(out).map((l) => l.item.id);
    expect(saved).toEqual(['mult', 'capital']);
    // A crash in the middle of writing the third line leaves half of it.
    appendFileSync(out, '{"id":"choice","messages":[{"role":"us');

    const asked = fakes.openai.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    const second = await record(['--yes']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('removed an unfinished last line');
    expect(second.stderr).toContain('(2 already recorded there are skipped)');
    expect(promptsAsked(asked).sort()).toEqual(['Which is even? A) 3 B) 4', 'Write one line about autumn leaves.']);
    const ids = readTraceFile(out).map((l) => l.item.id);
    expect(ids.sort()).toEqual(['capital', 'choice', 'mult', 'poem']);

    const third = await record(['--yes']);
    expect(third.code).toBe(0);
    expect(third.stderr).toContain('Nothing to record: all 4 prompts are already in');
    expect(promptsAsked(asked)).toHaveLength(2);
  });

  it('leaves out a prompt whose call failed, says so, and records it on the next run', async () => {
    fakes.openai.script(VERIFIER, (call: ChatCall) => (call.prompt.includes('France') ? { httpError: { status: 400, message: 'bad request for this prompt' } } : { text: VERIFIED[call.prompt] ?? '' }));
    const r = await record(['--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 prompt failed and is not in the trace:');
    expect(r.stderr).toMatch(/line 2 \(capital\): gpt-4o: .*bad request for this prompt/);
    expect(readTraceFile(out).map((l) => l.item.id).sort()).toEqual(['choice', 'mult', 'poem']);

    fakes.openai.script(VERIFIER, (call: ChatCall) => ({ text: VERIFIED[call.prompt] ?? '' }));
    const again = await record(['--yes']);
    expect(again.code).toBe(0);
    expect(readTraceFile(out).map((l) => l.item.id).sort()).toEqual(['capital', 'choice', 'mult', 'poem']);
  });

  it('stops at an error every call would repeat, keeping what is saved', async () => {
    fakes.openai.script(VERIFIER, { httpError: { status: 401, message: 'Incorrect API key provided', code: 'invalid_api_key' } });
    const asked = promptsAsked(0).length;
    const r = await record(['--yes', '--concurrency', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Stopped: gpt-4o failed on mult \(auth_failed\)/);
    // Only the first prompt was tried: the others would have failed the same way.
    expect(promptsAsked(asked)).toEqual(['What is 17 * 23?']);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to resume a trace recorded with other models, and names a bad prompt line', async () => {
    writeFileSync(out, `${JSON.stringify({ id: 'mult', messages: [{ role: 'user', content: 'q' }], responses: { a: { text: 'x' }, b: { text: 'y' } } })}\n`);
    await expect(record(['--yes'])).rejects.toThrow(/line 1 was recorded with a, b, not llama3\.2:3b, gpt-4o/);

    const bad = join(dir, 'bad-prompts.jsonl');
    writeFileSync(bad, `${JSON.stringify({ id: 'a', prompt: 'ok' })}\n${JSON.stringify({ id: 'b' })}\n`);
    const io: RecordIo = { env: {}, stdout: () => {}, stderr: () => {}, stderrIsTTY: false, stdinIsTTY: false, ask: () => Promise.resolve('') };
    await expect(runRecordCommand([bad, '--models', `${DRAFTER},${VERIFIER}`, '-o', join(dir, 'x.jsonl'), '--config', configPath, '--yes'], io)).rejects.toThrow(
      /bad-prompts\.jsonl is not a valid prompt set \(1 problem\):\n {2}line 2: prompt: give either "prompt" or "messages"/,
    );
    // Zod alone says "Invalid input": the message says what the field must be.
    const vague = join(dir, 'vague-prompts.jsonl');
    writeFileSync(vague, [{ id: 'a', prompt: 'ok' }, { id: 'b', prompt: 'q', expected: [1] }, { prompt: 'no id' }].map((l) => JSON.stringify(l)).join('\n'));
    const vagueError = await runRecordCommand([vague, '--models', `${DRAFTER},${VERIFIER}`, '-o', join(dir, 'x.jsonl'), '--config', configPath, '--yes'], io).then(() => new Error('recorded'), (e: unknown) => e as Error);
    expect(vagueError.message).toContain('line 2: expected: a string or a number (the right answer, e.g. "42" or "B")');
    expect(vagueError.message).toContain('line 3: id: required, a non-empty string (at most 200 characters) or a whole number');
    expect(vagueError.message).not.toContain('Invalid input');
    await expect(runRecordCommand([promptsPath, '--models', 'nonsense', '-o', join(dir, 'x.jsonl'), '--config', configPath], io)).rejects.toThrow(/^--models: "nonsense" is not a configured model/);
    await expect(runRecordCommand([promptsPath, '--models', DRAFTER, '-o', join(dir, 'x.jsonl'), '--config', configPath], io)).rejects.toThrow(/at least two models/);
  });

  it('--samples 3 records two extra answers of the drafter, drawn at the sampling temperature, with usage and cost; the top model answers once', async () => {
    scriptSampling();
    const sinceOllama = fakes.ollama.chatRequests().length;
    const sinceOpenai = openaiAsked(0).length;
    const r = await record(['--yes', '--json', '--samples', '3']);
    expect(r.code).toBe(0);

    // Per prompt: the drafter's main answer as before (no temperature asked), then two more at
    // the sampling temperature. The top model never drafts in a replay: it is asked once.
    const drafterAsked = ollamaAsked(sinceOllama);
    expect(drafterAsked).toHaveLength(12);
    for (const p of PROMPTS) {
      const forPrompt = drafterAsked.filter((a) => a.prompt === p.prompt).map((a) => a.temperature);
      expect(forPrompt.sort()).toEqual([SAMPLE_TEMPERATURE, SAMPLE_TEMPERATURE, undefined]);
    }
    expect(openaiAsked(sinceOpenai).map((a) => a.temperature)).toEqual(PROMPTS.map(() => undefined));

    // The trace parser reads the file and keeps the samples.
    const { items, issues } = parseTrace(readFileSync(out, 'utf8'));
    expect(issues).toEqual([]);
    expect(items).toHaveLength(4);
    let spent = 0;
    for (const { item } of items) {
      expect(item.responses[VERIFIER]).not.toHaveProperty('samples');
      spent += item.responses[VERIFIER]?.cost_usd ?? Number.NaN;
      for (const model of [DRAFTER]) {
        const response = item.responses[model];
        const samples = response?.samples ?? [];
        expect(samples).toHaveLength(2);
        spent += response?.cost_usd ?? 0;
        for (const s of samples) {
          expect(s.text).toMatch(/\(draw \d+\)$/);
          expect(s).toMatchObject({ finish_reason: 'stop' });
          expect(s.usage?.input_tokens).toBeGreaterThan(0);
          expect(s.usage?.output_tokens).toBeGreaterThan(0);
          expect(s).not.toHaveProperty('correct');
          expect(s).not.toHaveProperty('agrees_with_top');
          spent += s.cost_usd ?? Number.NaN;
        }
        // The main answer is the one drawn without a sampling temperature.
        expect(response?.text).not.toMatch(/draw/);
      }
      expect(typeof item.responses[DRAFTER]?.samples?.[0]?.cost_usd).toBe('number');
    }
    // Labels are the main answers', as with one answer.
    const mult = items.find((l) => l.item.id === 'mult')?.item;
    expect(mult?.responses[DRAFTER]).toMatchObject({ text: DRAFTS['What is 17 * 23?'], correct: false });
    expect(mult?.responses[VERIFIER]?.correct).toBe(true);
    const poem = items.find((l) => l.item.id === 'poem')?.item;
    expect(poem?.responses[DRAFTER]?.agrees_with_top).toBe(false);

    // The spend reported counts the extra answers.
    const summary = JSON.parse(r.stdout) as { samples: number; recorded: number; cost_usd: number };
    expect(summary).toMatchObject({ samples: 3, recorded: 4 });
    expect(summary.cost_usd).toBeCloseTo(spent, 9);
  });

  it('shows an estimate with k times the drafter\'s calls for --samples k, and the top model\'s once', async () => {
    const estimate = async (args: string[]) => {
      const r = await record(args, { stdinIsTTY: true, ask: () => Promise.resolve('n') });
      expect(r.code).toBe(1);
      const usd = Number(/Estimated cost: about \$([\d.]+)/.exec(r.stderr)?.[1]);
      // The input tokens of each model: each answer sends the prompt again.
      const inputs = [DRAFTER, VERIFIER].map((m) => Number(new RegExp(`\\| ${m.replace(/\./g, '\\.')}\\s+\\| \\S+\\s+\\| ([\\d,]+)`).exec(r.stderr)?.[1]?.replace(/,/g, '')));
      return { usd, inputs, stderr: r.stderr };
    };
    const before = chatCalls();
    const one = await estimate([]);
    const three = await estimate(['--samples', '3']);
    expect(chatCalls()).toBe(before);
    expect(one.usd).toBeGreaterThan(0);
    expect(one.inputs.every((n) => n > 0)).toBe(true);
    expect(three.inputs).toEqual([(one.inputs[0] ?? 0) * 3, one.inputs[1]]);
    // Shown to three significant digits; the local drafter's energy is a small part of it.
    expect(three.usd).toBeGreaterThan(one.usd);
    expect(three.usd / one.usd).toBeLessThan(1.5);
    expect(three.stderr).toContain(`Recording 4 prompts with 2 models, 3 answers each from ${DRAFTER} (--samples: 1 + 2 at a sampling temperature; ${VERIFIER}, the top model, answers once)`);
    expect(one.stderr).not.toContain('answers each');
  });

  it('refuses to resume a trace recorded with another --samples, naming the flag and the line', async () => {
    scriptSampling();
    expect((await record(['--yes', '--samples', '2'])).code).toBe(0);
    const before = chatCalls();
    await expect(record(['--yes', '--samples', '3'])).rejects.toThrow(
      /line 1 was recorded with --samples 2 \(2 answers of llama3\.2:3b\), not --samples 3: resume with the same --samples, or write to another file with -o/,
    );
    await expect(record(['--yes'])).rejects.toThrow(/line 1 was recorded with --samples 2 .*not --samples 1/);
    expect(chatCalls()).toBe(before);
    const same = await record(['--yes', '--samples', '2']);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain('Nothing to record');

    // Recordings made before the top model stopped sampling carry its extra answers: they resume.
    const older = readTraceFile(out).map(({ item }) => {
      const top = item.responses[VERIFIER];
      return JSON.stringify({ ...item, responses: { ...item.responses, [VERIFIER]: { ...top, samples: [{ text: top?.text ?? '' }] } } });
    });
    writeFileSync(out, `${older.join('\n')}\n`);
    const resumed = await record(['--yes', '--samples', '2']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('Nothing to record');

    // A trace recorded without --samples is not resumed with it either.
    out = join(dir, `trace-${++n}.jsonl`);
    expect((await record(['--yes'])).code).toBe(0);
    await expect(record(['--yes', '--samples', '2'])).rejects.toThrow(/line 1 was recorded with --samples 1 \(1 answer of llama3\.2:3b\), not --samples 2/);
  });

  it('refuses a --samples that is not a whole number from 1 to 8, before calling anything', async () => {
    const before = chatCalls();
    for (const bad of ['0', '9', '2.5', 'three', '']) {
      const error = await record(['--yes', '--samples', bad]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(`--samples must be a whole number from 1 to 8 (got "${bad}")`);
    }
    expect(chatCalls()).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an -o it cannot write (a folder, a folder that does not exist) before the estimate and before calling anything', async () => {
    const before = chatCalls();
    const stderrs: string[] = [];
    for (const [target, message] of [
      [dir, `-o ${dir} is a folder: give a file in it, e.g. -o ${join(dir, 'trace.jsonl')}`],
      [join(dir, 'no-such-folder', 't.jsonl'), `cannot write -o ${join(dir, 'no-such-folder', 't.jsonl')}: the folder ${join(dir, 'no-such-folder')} does not exist (create it first)`],
    ] as const) {
      out = target;
      let stderr = '';
      const error = await record(['--yes'], {}, (t) => void (stderr = t)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(message);
      stderrs.push(stderr);
    }
    // Nothing was estimated, asked or spent for a recording that could not have been saved.
    expect(stderrs).toEqual(['', '']);
    expect(chatCalls()).toBe(before);
  });

  it('says a model without a known price is not in the amount spent, rather than totalling it as $0', async () => {
    const HOUSE = 'house-model-v2';
    const houseConfig = join(dir, 'house-config.json');
    writeFileSync(
      houseConfig,
      JSON.stringify({
        tiers: [
          { model: DRAFTER, provider: 'ollama', baseUrl: fakes.ollama.url, local: true },
          { model: HOUSE, provider: 'openai', baseUrl: fakes.openai.url, apiKeyEnv: TEST_KEY_ENV },
        ],
      }),
    );
    fakes.openai.script(HOUSE, (call: ChatCall) => ({ text: VERIFIED[call.prompt] ?? 'no idea' }));
    const r = await record(['--yes', '--json', '--config', houseConfig, '--models', `${DRAFTER},${HOUSE}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Recorded 4 of 4 prompts into ${out} ($`);
    expect(r.stderr).toMatch(new RegExp(`\\(\\$[\\d.]+ \\+ ${HOUSE} \\(price unknown\\) spent\\)\\.`));
    expect(JSON.parse(r.stdout)).toMatchObject({ recorded: 4, unpriced_models: [HOUSE] });
  });

  it('leaves out a prompt whose extra answer failed, naming it, and records it whole on the next run', async () => {
    scriptSampling();
    const sampled = (call: ChatCall) => (call.body['options'] as { temperature?: number } | undefined)?.temperature !== undefined;
    fakes.ollama.script(DRAFTER, (call: ChatCall) =>
      call.prompt.includes('France') && sampled(call) ? { httpError: { status: 400, message: 'no sampling for this prompt' } } : { text: DRAFTS[call.prompt] ?? '' },
    );
    const r = await record(['--yes', '--samples', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 2 \(capital\): llama3\.2:3b \(extra answer 1\): .*no sampling for this prompt/);
    expect(readTraceFile(out).map((l) => l.item.id).sort()).toEqual(['choice', 'mult', 'poem']);

    fakes.ollama.script(DRAFTER, (call: ChatCall) => ({ text: DRAFTS[call.prompt] ?? '' }));
    expect((await record(['--yes', '--samples', '2'])).code).toBe(0);
    const capital = readTraceFile(out).find((l) => l.item.id === 'capital')?.item;
    expect(capital?.responses[VERIFIER]).not.toHaveProperty('samples');
    expect(capital?.responses[DRAFTER]?.samples).toHaveLength(1);
  });
});
