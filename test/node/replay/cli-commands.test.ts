import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../electron/node/cli/args.ts';
import { evaluateCommand, importCommand, replayCommand, whatifCommand } from '../../../electron/node/cli/replay-commands.ts';
import { toJsonl } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, GUESSING, ITEMS, SURE, VERIFIER } from '../../core/replay/fixtures.ts';
import { tempDir } from '../sqlite/ledger-fixtures.ts';
import { DAY_MS, writeLedgerFixture } from './ledger-fixture.ts';

const DATA = '/work/shared/data/routellm';
const MIXTRAL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const GPT4 = 'gpt-4-1106-preview';

/** Runs a command function as the CLI would, capturing what it prints. */
async function run(command: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await command(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('replay commands', () => {
  let dir: ReturnType<typeof tempDir>;
  let trace: string;
  let noDb: string[];

  beforeAll(async () => {
    dir = tempDir();
    trace = join(dir.dir, 'g.jsonl');
    // An empty data dir: the analysis runs under the default configuration.
    noDb = ['--db', join(dir.dir, 'absent.db')];
    const r = await run(importCommand, ['routellm-gsm8k', join(DATA, 'gsm8k_responses.csv'), '-o', trace]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote 1,319 queries to ${trace}\n`);
  });
  afterAll(() => dir.cleanup());

  it('import writes one JSON line per GSM8K row', () => {
    expect(readFileSync(trace, 'utf8').trimEnd().split('\n')).toHaveLength(1319);
  });

  it('replay --sweep --json prints the documented document', async () => {
    const r = await run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--local', MIXTRAL, '--sweep', '--json', ...noDb]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { points: Record<string, unknown>[]; baselines: Record<string, unknown> & { random: unknown[] } };
    expect(doc.queries).toBe(1319);
    expect(doc.tiers).toEqual([MIXTRAL, GPT4]);
    expect(doc.points.length).toBeGreaterThanOrEqual(50);
    // The keys, plus the additive answered_by.
    const keys = ['answered_by', 'cost_usd', 'escalation_rate', 'quality', 'relative_quality', 'savings_pct', 'threshold'];
    // `recommended` is null when no threshold keeps 95% of the verifier's quality.
    expect('recommended' in doc).toBe(true);
    const recommended = doc.recommended === null ? [] : [doc.recommended];
    for (const p of [...doc.points, ...recommended, doc.baselines.always_drafter, doc.baselines.always_verifier, doc.baselines.oracle, ...doc.baselines.random]) {
      expect(Object.keys(p as object).sort()).toEqual(keys);
    }
    expect(doc.baselines.random).toHaveLength(doc.points.length);
    expect(doc.baselines.always_verifier).toMatchObject({ escalation_rate: 1, relative_quality: 1, savings_pct: 0 });
    expect((doc.baselines.always_verifier as { quality: number }).quality).toBeCloseTo(0.857, 3);
    expect((doc.baselines.always_drafter as { quality: number }).quality).toBeCloseTo(0.638, 3);
  });

  it('replay with one threshold gives one point and a readable table without --json', async () => {
    const json = await run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--local', MIXTRAL, '--threshold', '0.5', '--json', ...noDb]);
    expect((JSON.parse(json.stdout) as { points: { threshold: number }[] }).points.map((p) => p.threshold)).toEqual([0.5]);
    const table = await run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--local', MIXTRAL, ...noDb]);
    expect(table.stdout).toContain('| Threshold | Drafter % | Cost');
    expect(table.stdout).toMatch(/\| 0\.70 +\|/);
    expect(table.stdout).toContain('always verifier');
    expect(table.stdout).toContain('oracle');
  });

  it('replay shows its progress on a terminal, clears it before the report, and writes none into a pipe', async () => {
    const args = [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--local', MIXTRAL, '--threshold', '0.7', ...noDb];
    const piped = await run(replayCommand, args);
    expect(piped.stderr).toBe('');
    const wasTTY = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const tty = await run(replayCommand, args);
      // The first query's line at once, redrawn in place (at most every 100 ms), then cleared.
      const CLEAR = '\r\x1b[2K';
      expect(tty.stderr.startsWith(`${CLEAR}replaying [`)).toBe(true);
      expect(tty.stderr.split(CLEAR)[1]).toMatch(/^replaying \[\.+\] 1\/1319 /);
      expect(tty.stderr.endsWith(CLEAR)).toBe(true);
      expect(tty.stdout).toBe(piped.stdout);
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: wasTTY, configurable: true });
    }
  });

  it('evaluate shows its progress on a terminal as replay does, clears it before the report, and writes none into a pipe', async () => {
    const args = [trace, '--drafters', MIXTRAL, '--verifier', GPT4, '--local', MIXTRAL, '--threshold', '0.7', ...noDb];
    const piped = await run(evaluateCommand, args);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    const wasTTY = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const tty = await run(evaluateCommand, args);
      const CLEAR = '\r\x1b[2K';
      expect(tty.stderr.startsWith(`${CLEAR}evaluating [`)).toBe(true);
      expect(tty.stderr.split(CLEAR)[1]).toMatch(/^evaluating \[\.+\] 1\/1319 /);
      expect(tty.stderr.endsWith(CLEAR)).toBe(true);
      expect(tty.stdout).toBe(piped.stdout);
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: wasTTY, configurable: true });
    }
  });

  it('a three-tier replay shows the share answered by each tier in its table', async () => {
    const three = join(dir.dir, 'three.jsonl');
    const middleAnswers = new Set(['wrong-arithmetic', 'cut-off-draft', 'right-arithmetic', 'good-prose']);
    writeFileSync(three, toJsonl(ITEMS.map((item) => ({ ...item, responses: { ...item.responses, middle: { ...(middleAnswers.has(item.id) ? item.responses[VERIFIER] : item.responses[DRAFTER]) ?? { text: '' }, cost_usd: 0.0001 } } }))));
    const r = await run(replayCommand, [three, '--tiers', `${DRAFTER},middle,${VERIFIER}`, '--local', DRAFTER, '--threshold', '0.7', ...noDb]);
    expect(r.stdout).toContain('| Threshold | Drafter % | Answered by tier 1 / 2 / 3 | Cost');
    expect(r.stdout).toMatch(/\| 0\.70 +\| 33\.3% +\| 33\.3 \/ 33\.3 \/ 33\.3% +\| \$/);
    expect(r.stdout).toMatch(/\| always drafter +\| 100\.0% +\| 100\.0 \/ 0\.0 \/ 0\.0% +\|/);
    // Two tiers keep the table as it was.
    const two = await run(replayCommand, [three, '--tiers', `${DRAFTER},${VERIFIER}`, '--local', DRAFTER, '--threshold', '0.7', ...noDb]);
    expect(two.stdout).toMatch(/\| Threshold \| Drafter % \| Cost +\| Quality/);
    expect(two.stdout).not.toContain('Answered by');
  });

  it('states the generation speed an energy-priced drafter is costed at, which --tokens-per-second sets', async () => {
    type Doc = { pricing: { model: string; description: string; tokens_per_second?: number }[]; baselines: { always_drafter: { cost_usd: number } } };
    const at = async (extra: string[]) => JSON.parse((await run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--threshold', '0.7', '--json', ...extra, ...noDb])).stdout) as Doc;
    const assumed = await at([]);
    expect(assumed.pricing[0]).toMatchObject({ model: MIXTRAL, tokens_per_second: 30 });
    expect(assumed.pricing[0]?.description).toContain('generating 30 tokens/s (assumed)');
    // Priced per token, or the verifier: no speed enters the cost.
    expect(assumed.pricing[1]).not.toHaveProperty('tokens_per_second');
    expect((await at(['--price', `${MIXTRAL}=0.6/0.6`])).pricing[0]).not.toHaveProperty('tokens_per_second');
    const faster = await at(['--tokens-per-second', '60']);
    expect(faster.pricing[0]?.tokens_per_second).toBe(60);
    expect(faster.baselines.always_drafter.cost_usd).toBeCloseTo(assumed.baselines.always_drafter.cost_usd / 2, 6);
    const text = await run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--threshold', '0.7', ...noDb]);
    expect(text.stdout).toContain('--tokens-per-second sets it');
  });

  it('shows no oracle figures for a trace without labels, and counts one query as one query', async () => {
    const unlabelled = join(dir.dir, 'unlabelled.jsonl');
    writeFileSync(unlabelled, toJsonl(ITEMS.map((item) => ({ ...item, responses: Object.fromEntries(Object.entries(item.responses).map(([model, { correct: _, ...rest }]) => [model, rest])) }))));
    const r = await run(replayCommand, [unlabelled, '--tiers', `${DRAFTER},${VERIFIER}`, '--local', DRAFTER, '--threshold', '0.7', ...noDb]);
    expect(r.stdout).toContain(`: ${ITEMS.length} queries, `);
    // Without labels the oracle cannot tell where to escalate: no saving is claimed for it.
    expect(r.stdout).toMatch(/\| oracle \(needs labels\) \| — +\| — +\| — +\| — +\| — +\|/);
    const one = join(dir.dir, 'one.jsonl');
    writeFileSync(one, toJsonl(ITEMS.slice(0, 1)));
    const single = await run(replayCommand, [one, '--tiers', `${DRAFTER},${VERIFIER}`, '--local', DRAFTER, '--threshold', '0.7', ...noDb]);
    expect(single.stdout).toContain(`Replay of ${one}: 1 query, `);
    expect(single.stdout).toMatch(/\| oracle +\| 0\.0% +\| \$/);
  });

  it('refuses a model without a price, naming it', async () => {
    // The imported trace without the importer's local marks: nothing says what Mixtral costs.
    const unmarked = join(dir.dir, 'unmarked.jsonl');
    writeFileSync(unmarked, readFileSync(trace, 'utf8').replaceAll(',"local":true', ''));
    const error = await run(replayCommand, [unmarked, '--tiers', `${MIXTRAL},${GPT4}`, '--json', ...noDb]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`no price is known for the model "${MIXTRAL}"`);
  });

  it('refuses a trace with a bad line, naming the line', async () => {
    const bad = join(dir.dir, 'bad.jsonl');
    const lines = readFileSync(trace, 'utf8').split('\n').slice(0, 20);
    lines[16] = JSON.stringify({ id: 'x', messages: [{ role: 'user', content: 'q' }], responses: { 'gpt-4': { text: 7 } } });
    writeFileSync(bad, lines.join('\n'));
    const error = await run(replayCommand, [bad, '--tiers', `${MIXTRAL},${GPT4}`, '--local', MIXTRAL, ...noDb]).catch((e: unknown) => e);
    expect((error as Error).message).toContain('line 17: responses.gpt-4.text: expected string');
  });

  it('warns on stderr when the first of --tiers costs more than the last: the order is cheapest first', async () => {
    const wrong = await run(replayCommand, [trace, '--tiers', `${GPT4},${MIXTRAL}`, '--local', MIXTRAL, '--threshold', '0.7', ...noDb]);
    expect(wrong.stdout).toMatch(/saves -\d/);
    expect(wrong.stderr).toMatch(new RegExp(`^warning: the first of --tiers, ${GPT4}, costs more over this trace than the last, ${MIXTRAL.replace('.', '\\.')} \\(\\$[\\d.,]+ vs \\$[\\d.,]+\\): `));
    expect(wrong.stderr).toContain(`--tiers goes cheapest first (the drafter first, the verifier last), e.g. --tiers ${MIXTRAL},${GPT4}\n`);
    const json = await run(replayCommand, [trace, '--tiers', `${GPT4},${MIXTRAL}`, '--local', MIXTRAL, '--threshold', '0.7', '--json', ...noDb]);
    expect(json.stderr).toContain('--tiers goes cheapest first');
    const right = await run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--local', MIXTRAL, '--threshold', '0.7', ...noDb]);
    expect(right.stderr).toBe('');
  });

  it('evaluate compares drafters in front of the verifier', async () => {
    const r = await run(evaluateCommand, [trace, '--drafters', MIXTRAL, '--verifier', GPT4, '--local', MIXTRAL, '--json', ...noDb]);
    const doc = JSON.parse(r.stdout) as { verifier: string; threshold: number; drafters: { drafter: string; acceptance_rate: number; drafter_quality: number }[] };
    expect(doc.verifier).toBe(GPT4);
    expect(doc.threshold).toBe(0.7);
    expect(doc.drafters.map((d) => d.drafter)).toEqual([MIXTRAL]);
    expect(doc.drafters[0]?.drafter_quality).toBeCloseTo(0.638, 3);
    expect(doc.drafters[0]?.acceptance_rate).toBeGreaterThanOrEqual(0);
  });

  it('evaluate says how many queries every drafter was measured on and why the best one is best', async () => {
    const r = await run(evaluateCommand, [trace, '--drafters', MIXTRAL, '--verifier', GPT4, '--local', MIXTRAL, ...noDb]);
    expect(r.stdout).toContain(`Drafters in front of ${GPT4} on 1,319 queries at threshold 0.70 (verifier alone: 85.7%, $5.73)`);
    expect(r.stdout).toContain(`Best drafter: ${MIXTRAL}: no drafter keeps 95% of the verifier's quality at threshold 0.70; it comes closest (92.2%).`);
    const lenient = await run(evaluateCommand, [trace, '--drafters', MIXTRAL, '--verifier', GPT4, '--local', MIXTRAL, '--target-quality', '0.9', ...noDb]);
    expect(lenient.stdout).toContain(`Best drafter: ${MIXTRAL}: of the drafters keeping 90% of the verifier's quality at threshold 0.70, the cheapest cascade (then the one whose drafts are accepted most).`);
  });

  it('usage errors name the flag', async () => {
    await expect(run(replayCommand, [trace, ...noDb])).rejects.toThrow(/--tiers needs at least one model/);
    // A single model cannot escalate: refused before a report full of "saves 0.0%".
    await expect(run(replayCommand, [trace, '--tiers', MIXTRAL, ...noDb])).rejects.toThrow(`--tiers needs at least two models, the drafter first and the verifier last, e.g. --tiers ${MIXTRAL},big-model`);
    await expect(run(replayCommand, [trace, '--tiers', 'a,b', '--sweep', '--threshold', '0.5', ...noDb])).rejects.toThrow(/--threshold or --sweep, not both/);
    await expect(run(replayCommand, [trace, '--tiers', 'a,b', '--threshold', '2', ...noDb])).rejects.toThrow(/--threshold must be a number from 0 to 1/);
    await expect(run(replayCommand, [trace, '--tiers', 'a,b', '--price', 'a=1', ...noDb])).rejects.toThrow(/--price must look like MODEL=IN\/OUT/);
    await expect(run(importCommand, ['nonsense', 'x'])).rejects.toThrow("cannot import 'nonsense': the kinds are routellm-gsm8k, routellm-mtbench, ledger");
    await expect(run(importCommand, [])).rejects.toThrow(/give what to import: cascadeflow import <routellm-gsm8k\|routellm-mtbench\|ledger>/);
  });

  it('import refuses a flag of another kind of import, naming the flag and the kind, rather than ignoring it', async () => {
    const csv = join(DATA, 'gsm8k_responses.csv');
    await expect(run(importCommand, ['ledger', join(dir.dir, 'L.db'), '--history-model', 'x', '--questions', 'y'])).rejects.toThrow(
      '--questions does not apply to import ledger: it is an option of import routellm-mtbench',
    );
    await expect(run(importCommand, ['ledger', join(dir.dir, 'L.db'), '--history-model', 'x'])).rejects.toThrow('--history-model does not apply to import ledger: it is an option of import routellm-mtbench');
    await expect(run(importCommand, ['routellm-gsm8k', csv, '--history-model', 'x'])).rejects.toThrow('--history-model does not apply to import routellm-gsm8k');
    await expect(run(importCommand, ['routellm-gsm8k', csv, '--days', '3'])).rejects.toThrow('--days does not apply to import routellm-gsm8k: it is an option of import ledger');
    await expect(run(importCommand, ['routellm-mtbench', 'j.jsonl', '--questions', 'q.jsonl', '--days', '3'])).rejects.toThrow('--days does not apply to import routellm-mtbench');
  });

  it('refuses a --price or --local for a model that is not replayed, rather than ignoring it', async () => {
    await expect(run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--price', 'mixtral=0.6/0.6', ...noDb])).rejects.toThrow(
      `--price names "mixtral", which is not one of --tiers (${MIXTRAL}, ${GPT4}): check the model id`,
    );
    await expect(run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--local', 'gpt-4', ...noDb])).rejects.toThrow(/--local names "gpt-4", which is not one of --tiers/);
    await expect(run(evaluateCommand, [trace, '--drafters', MIXTRAL, '--verifier', GPT4, '--price', 'gpt-4o=1/1', ...noDb])).rejects.toThrow(
      /--price names "gpt-4o", which is not one of --drafters or the --verifier/,
    );
  });

  it('replay --samples draws recorded samples and refuses what the trace does not have', async () => {
    const sampled = join(dir.dir, 'sampled.jsonl');
    writeFileSync(sampled, toJsonl([GUESSING, SURE]));
    const r = await run(replayCommand, [sampled, '--tiers', `${DRAFTER},${VERIFIER}`, '--local', DRAFTER, '--samples', '3', '--threshold', '0.7', ...noDb]);
    expect(r.stdout).toContain('each drafter drew 3 answers per query for the consistency check');
    const json = await run(replayCommand, [sampled, '--tiers', `${DRAFTER},${VERIFIER}`, '--local', DRAFTER, '--samples', '3', '--threshold', '0.7', '--json', ...noDb]);
    expect(JSON.parse(json.stdout)).toMatchObject({ samples: 3, points: [{ escalation_rate: 0.5, relative_quality: 1 }] });
    await expect(run(replayCommand, [sampled, '--tiers', `${DRAFTER},${VERIFIER}`, '--local', DRAFTER, '--samples', '4', ...noDb])).rejects.toThrow(/record them with `cascadeflow record --samples 4`/);
    await expect(run(replayCommand, [sampled, '--tiers', `${DRAFTER},${VERIFIER}`, '--samples', '2.5', ...noDb])).rejects.toThrow(/--samples must be a whole number from 1 to 8/);
    await expect(run(replayCommand, [trace, '--tiers', `${MIXTRAL},${GPT4}`, '--samples', '2', ...noDb])).rejects.toThrow(/no query of the trace has 1 extra samples/);
  });

  it('import names the file it cannot import and why, as a usage error', async () => {
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);
    const wrong = await err(run(importCommand, ['routellm-gsm8k', trace]));
    expect(wrong).toBeInstanceOf(UsageError);
    expect((wrong as Error).message).toBe(`cannot import ${trace} as RouteLLM's GSM8K CSV (gsm8k_responses.csv): line 1: unexpected character ":" after a closing quote`);
    const judgements = join(DATA, 'mt_bench_judgements.jsonl');
    const questions = join(DATA, 'mt_bench_questions.jsonl');
    // The two files swapped.
    const swapped = await err(run(importCommand, ['routellm-mtbench', questions, '--questions', judgements]));
    expect(swapped).toBeInstanceOf(UsageError);
    expect((swapped as Error).message).toMatch(new RegExp(`^cannot import the MT-Bench judgements ${questions} with the questions ${judgements}: questions line 1: turns`));
  });

  it('a trace with a bad line is a usage error (exit code 2), like a missing file', async () => {
    const empty = join(dir.dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const error = await run(replayCommand, [empty, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`${empty} is not a valid trace`);
  });

  it('a file that is not a trace at all is said once, with the import that converts it', async () => {
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);
    const csv = join(DATA, 'gsm8k_responses.csv');
    const fromCsv = await err(run(replayCommand, [csv, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb]));
    expect(fromCsv).toBeInstanceOf(UsageError);
    expect(fromCsv?.message).toBe(
      `${csv} is not a valid trace (1 problem):\n  line 1: this looks like RouteLLM's GSM8K CSV, not a trace: convert it with \`cascadeflow import routellm-gsm8k ${csv} -o trace.jsonl\``,
    );
    const judgements = join(DATA, 'mt_bench_judgements.jsonl');
    expect((await err(run(replayCommand, [judgements, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb])))?.message).toContain(
      `this looks like RouteLLM's MT-Bench judgements, not a trace: convert them with \`cascadeflow import routellm-mtbench ${judgements} --questions`,
    );
    const prose = join(dir.dir, 'notes.txt');
    writeFileSync(prose, 'my notes\nmore notes\nand more\n');
    const notJson = await err(run(replayCommand, [prose, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb]));
    expect(notJson?.message).toMatch(/\(1 problem\):\n {2}line 1: not JSON, so this is not a JSONL trace \(.*examples\/README\.md\); if it is RouteLLM's GSM8K CSV, convert it with `cascadeflow import routellm-gsm8k /);
    const empty = join(dir.dir, 'empty-trace.jsonl');
    writeFileSync(empty, '\n');
    expect((await err(run(replayCommand, [empty, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb])))?.message).toContain('the trace has no items: a trace is one JSON object a line');
    expect((await err(run(replayCommand, [empty, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb])))?.message).toContain('examples/README.md');
  });

  it('a folder or a non-database where a file or a ledger belongs is said in words, before any work', async () => {
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);
    expect((await err(run(replayCommand, [dir.dir, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb])))?.message).toBe(`cannot read the trace ${dir.dir}: it is a folder, not a file`);
    // SQLite alone says "disk I/O error" and "file is not a database".
    expect((await err(run(whatifCommand, ['--db', dir.dir])))?.message).toBe(`${dir.dir} is a folder, not a ledger database: give its cascadeflow.db file`);
    const notDb = await err(run(whatifCommand, ['--db', trace]));
    expect(notDb).toBeInstanceOf(UsageError);
    expect(notDb?.message).toBe(`${trace} is not a SQLite database, so not a CascadeFlow ledger (the app's is cascadeflow.db in its data folder)`);
    const missingFolder = join(dir.dir, 'no-such-folder', 'g.jsonl');
    expect((await err(run(importCommand, ['routellm-gsm8k', join(DATA, 'gsm8k_responses.csv'), '-o', missingFolder])))?.message).toBe(
      `cannot write -o ${missingFolder}: the folder ${join(dir.dir, 'no-such-folder')} does not exist (create it first)`,
    );
    expect((await err(run(importCommand, ['routellm-gsm8k', join(DATA, 'gsm8k_responses.csv'), '-o', dir.dir])))?.message).toMatch(/is a folder: give a file in it/);
  });

  it('an -o that cannot be written is said before any work, naming the flag, whoever runs it (root too)', async () => {
    const err = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);
    const csv = join(DATA, 'gsm8k_responses.csv');
    const underFile = join(trace, 'g.jsonl');
    const notADir = await err(run(importCommand, ['routellm-gsm8k', csv, '-o', underFile]));
    expect(notADir).toBeInstanceOf(UsageError);
    expect(notADir?.message).toBe(`cannot write -o ${underFile}: a part of the path is a file, not a folder`);
    // Permission bits would let root through; only opening the file tells.
    expect((await err(run(importCommand, ['routellm-gsm8k', csv, '-o', '/proc/g.jsonl'])))?.message).toBe('cannot write -o /proc/g.jsonl: the folder /proc does not take new files');
    // The check leaves nothing behind when the import then fails.
    const out = join(dir.dir, 'never-written.jsonl');
    expect(await err(run(importCommand, ['ledger', join(dir.dir, 'no-ledger.db'), '-o', out]))).toBeInstanceOf(UsageError);
    expect(existsSync(out)).toBe(false);
  });

  it('a ledger database given as a trace is named as one, with the import that converts it', async () => {
    const sub = join(dir.dir, 'ledger-as-trace');
    mkdirSync(sub);
    const db = writeLedgerFixture(sub, Date.now() - DAY_MS);
    const error = await run(replayCommand, [db, '--tiers', `${MIXTRAL},${GPT4}`, ...noDb]).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `${db} is not a valid trace (1 problem):\n  line 1: this is a SQLite database (the app's ledger?), not a trace: turn its queries answered by more than one model into one with \`cascadeflow import ledger ${db} -o trace.jsonl\``,
    );
  });

  it('import routellm-mtbench writes 160 queries', async () => {
    const out = join(dir.dir, 'm.jsonl');
    const r = await run(importCommand, ['routellm-mtbench', join(DATA, 'mt_bench_judgements.jsonl'), '--questions', join(DATA, 'mt_bench_questions.jsonl'), '-o', out, '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'routellm-mtbench', queries: 160, output: out });
  });

  it('import ledger and whatif read the app database', async () => {
    const db = writeLedgerFixture(dir.dir, Date.now() - DAY_MS);
    const imported = await run(importCommand, ['ledger', db]);
    expect(imported.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['ledger-q-esc', 'ledger-q-audited']);
    const r = await run(whatifCommand, ['--days', '30', '--verifier', 'gpt-4.1', '--electricity', '0.30', '--db', db, '--json']);
    const doc = JSON.parse(r.stdout) as { days: number; queries: number; whatif_cost_usd: number; verifier: { model: string } };
    expect(doc).toMatchObject({ days: 30, queries: 3, verifier: { model: 'gpt-4.1' } });
    expect(doc.whatif_cost_usd).toBeCloseTo((3 * 22_500 + 880_000) / 1e9, 15);
  });

  it('import ledger and its replay say plainly that the set is biased, and where the labels came from', async () => {
    const sub = join(dir.dir, 'ledger-bias');
    mkdirSync(sub);
    const db = writeLedgerFixture(sub, Date.now() - DAY_MS);
    const out = join(sub, 'ledger.jsonl');
    const imported = await run(importCommand, ['ledger', db, '-o', out]);
    // q-esc: the verifier's answer rated down, so the draft (another answer) stays unlabelled; q-audited: the draft rated up, and the audit agreeing with it.
    expect(imported.stderr).toBe(
      `wrote 2 queries to ${out} (of 3 queries on the ledger, those answered by more than one model)\n` +
        'biased sample: a ledger trace holds only the queries the live validator escalated or that were audited (answered by more than one tier), not a sample of all your traffic: escalation rate and savings measured on it are not those of your whole traffic.\n' +
        "labels: 3 answers by your ratings (one you rated, or one agreeing with it), 0 answers by agreement with the top tier's answer, 1 answer unlabelled (their query has no answer of the top tier, or one rated wrong, so agreeing with it says nothing; a replay leaves these queries out).\n",
    );
    const asJson = await run(importCommand, ['ledger', db, '-o', out, '--json']);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ kind: 'ledger', queries: 2, from_ledger: { note: expect.stringContaining('not a sample of all your traffic') as unknown, labels: { feedback: 3, agreement: 0, none: 1 } } });

    const table = await run(replayCommand, [out, '--tiers', 'llama3.2:3b,gpt-4o', '--threshold', '0.7', ...noDb]);
    expect(table.stdout).toContain('  left out 1 query without a label for every tier\'s answer (e.g. ledger-q-esc): quality, escalation and cost are all measured on the 1 labelled query\n');
    expect(table.stdout).toContain('  biased sample: a ledger trace holds only the queries the live validator escalated or that were audited');
    expect(table.stdout).toContain("  labels: 2 answers by your ratings (one you rated, or one agreeing with it), 0 answers by agreement with the top tier's answer (a rating wins over agreement)\n");
    const doc = JSON.parse((await run(replayCommand, [out, '--tiers', 'llama3.2:3b,gpt-4o', '--threshold', '0.7', '--json', ...noDb])).stdout) as { queries: number; unlabelled: unknown; from_ledger: unknown };
    expect(doc.queries).toBe(1);
    expect(doc.unlabelled).toEqual({ count: 1, ids: ['ledger-q-esc'] });
    expect(doc.from_ledger).toMatchObject({ queries: 1, labels: { feedback: 2, agreement: 0 }, note: expect.stringMatching(/^a ledger trace holds only/) as unknown });
  });

  it('whatif re-prices the calls of a model given --price or --local, not only the verifier', async () => {
    const sub = join(dir.dir, 'whatif-prices');
    mkdirSync(sub);
    const db = writeLedgerFixture(sub, Date.now() - DAY_MS);
    const r = await run(whatifCommand, ['--days', '30', '--price', 'llama3.2:3b=2/4', '--local', 'gpt-4o', '--db', db, '--json']);
    const doc = JSON.parse(r.stdout) as { repriced_models: string[]; whatif_cost_usd: number; by_model: { model: string; calls: number; whatif_cost_usd: number; repriced_as: string }[] };
    expect(doc.repriced_models).toEqual(['gpt-4o', 'llama3.2:3b']);
    // Three drafter calls of 100 in / 50 out at $2/$4 per 1M: 400,000 nano each (recorded: 1,000).
    const llama = doc.by_model.find((l) => l.model === 'llama3.2:3b');
    expect(llama).toMatchObject({ calls: 3, repriced_as: 'your price' });
    expect(llama?.whatif_cost_usd).toBeCloseTo((3 * 400_000) / 1e9, 15);
    expect(doc.by_model.find((l) => l.model === 'gpt-4o')?.repriced_as).toBe('local: energy at $0.15/kWh');
    const text = await run(whatifCommand, ['--days', '30', '--price', 'llama3.2:3b=2/4', '--db', db]);
    expect(text.stdout).toContain('what-if: your prices for llama3.2:3b');
    const both = await run(whatifCommand, ['--days', '30', '--price', 'llama3.2:3b=2/4', '--local', 'gpt-4o', '--db', db]);
    expect(both.stdout).toContain('what-if: your prices for llama3.2:3b, gpt-4o run locally\n');
  });

  it('whatif labels a --local model by the price it was priced at: a price of the user\'s wins over electricity', async () => {
    const sub = join(dir.dir, 'whatif-local-priced');
    mkdirSync(sub);
    const db = writeLedgerFixture(sub, Date.now() - DAY_MS);
    const config = join(sub, 'config.json');
    writeFileSync(config, JSON.stringify({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama' }, { model: 'gpt-4o', provider: 'openai' }], prices: { 'gpt-4o': { inputPerMTok: 1, outputPerMTok: 2 } } }));
    const r = await run(whatifCommand, ['--local', 'gpt-4o', '--db', db, '--config', config]);
    // 120 in x 1,000 nano + 80 out x 2,000 nano = 280,000 nano: the configured price, not electricity.
    expect(r.stdout).toContain('what-if: your prices for gpt-4o\n');
    expect(r.stdout).toMatch(/\| gpt-4o +\| 1 +\| 120\/80 +\| \$0\.0003 +\| \$0\.00028 +\| your price +\|/);
    expect(r.stdout).not.toContain('run locally');
  });

  it('whatif refuses a --price or --local for a model with no call on the ledger, rather than reporting no change', async () => {
    const sub = join(dir.dir, 'whatif-typo');
    mkdirSync(sub);
    const db = writeLedgerFixture(sub, Date.now() - DAY_MS);
    await expect(run(whatifCommand, ['--price', 'llama3.2-3b=2/4', '--db', db])).rejects.toThrow(
      '--price names "llama3.2-3b", which has no calls on the ledger in the last 30 days (its models: gpt-4o, llama3.2:3b): check the model id, or --days',
    );
    await expect(run(whatifCommand, ['--local', 'gpt4o', '--db', db])).rejects.toThrow(/^--local names "gpt4o", which has no calls on the ledger/);
    // The what-if verifier need not be on the ledger: pricing it is the point.
    const priced = await run(whatifCommand, ['--verifier', 'my-model', '--price', 'my-model=1/2', '--db', db, '--json']);
    expect(JSON.parse(priced.stdout)).toMatchObject({ verifier: { model: 'my-model' } });
  });
});
