// `cascadeflow breakeven` as a user runs it: the Break-even view's fields as flags, its verdict
// and figures on stdout, and "use my numbers" read from a real SQLite ledger file.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerStore } from '../../../electron/node/sqlite/ledger-store.ts';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';
import type { BreakEvenResult } from '../../../shared/core/breakeven/types.ts';
import type { CostPerMillionTokens } from '../../../shared/core/breakeven/per-million-tokens.ts';
import type { UsageProfile } from '../../../shared/core/breakeven/my-numbers.ts';
import { DAY_MS, makeCall, makeQuery, tempDir } from '../sqlite/ledger-fixtures.ts';
import { runCli, type CliResult } from '../helpers/run-cli.ts';

type BreakEvenJson = BreakEvenResult & {
  perMillionTokens: CostPerMillionTokens;
  fromLedger: { profile: UsageProfile; note: string; measuredSpeed: { value: string; source: string } | null; overriddenBy: string[] } | null;
};

let dir: { dir: string; cleanup(): void };
let ledgerDb: string;
let emptyDb: string;
let configFile: string;

/** The seed guide's example (test/core/breakeven/fixtures.ts) as the view's fields, GPU at $200 a month. */
const SEED_FLAGS = [
  '--monthly-queries', '5,000,000',
  '--input-tokens-per-query', '400',
  '--output-tokens-per-query', '100',
  '--self-host-kind', 'monthly',
  '--usd-per-month', '200',
  '--gpu-watts', '400',
  '--electricity-usd-per-kwh', '0.36',
  '--throughput-tokens-per-sec', '400',
];

/** 101 tokens, the first after 500 ms, done at 2,500 ms: 100 tokens in 2.0 s after the first, 50 tokens/s. */
const TIMED_DRAFT = { inputTokens: 400, outputTokens: 101, ttftMs: 500, durationMs: 2_500, text: 'x'.repeat(500) };

beforeAll(() => {
  dir = tempDir();
  ledgerDb = join(dir.dir, 'ledger.db');
  emptyDb = join(dir.dir, 'empty.db');
  configFile = join(dir.dir, 'config.json');
  // The cascade's verifier has a price of its own ($3 in / $12 out), not the view's default $2.50 / $10.
  writeFileSync(
    configFile,
    JSON.stringify({
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama' },
        { model: 'gpt-4o', provider: 'openai', price: { inputPerMTok: 3, outputPerMTok: 12 } },
      ],
      local: { gpuWatts: 400, electricityUsdPerKwh: 0.36 },
    }),
  );
  const conn = openDatabase(ledgerDb);
  const ledger = createLedgerStore(conn);
  // 10 queries over the last 10 days (the first 9.5 days ago): 8 accepted local drafts and 2
  // escalated to gpt-4o, whose answer is 400 tokens in and 101 out like the drafts'.
  const now = Date.now();
  for (let i = 0; i < 10; i++) {
    const at = now - 9.5 * DAY_MS + i * 3_600_000;
    if (i < 8) {
      ledger.recordQuery(makeQuery({ id: `q${i}`, runId: `r${i}`, createdAt: at, calls: [makeCall(TIMED_DRAFT)] }));
      continue;
    }
    ledger.recordQuery(
      makeQuery({
        id: `q${i}`,
        runId: `r${i}`,
        createdAt: at,
        escalated: true,
        finalModel: 'gpt-4o',
        finalProvider: 'openai',
        finalTier: 1,
        calls: [
          makeCall({ ...TIMED_DRAFT, seq: 0, accepted: false, qualityScore: 0.2 }),
          makeCall({ seq: 1, provider: 'openai', model: 'gpt-4o', tier: 1, role: 'verify', local: false, inputTokens: 400, outputTokens: 101, pricing: 'list', text: 'verified answer' }),
        ],
      }),
    );
  }
  conn.close();
  openDatabase(emptyDb).close();
});
afterAll(() => dir.cleanup());

function cli(args: string[]): Promise<CliResult> {
  return runCli(['breakeven', ...args], { HOME: dir.dir });
}

function json(r: CliResult): BreakEvenJson {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as BreakEvenJson;
}

// Each run is a fresh Node process compiling TypeScript through tsx: allow several per test.
describe('cascadeflow breakeven', { timeout: 90_000 }, () => {
  it('prints the view\'s verdict and figures for the seed example', async () => {
    const r = await cli(SEED_FLAGS);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // By hand (test/core/breakeven/seed-example.test.ts): $10,000 cloud only, $600 of drafts +
    // $3,000 of escalations, $200 GPU + $50 electricity + $100 maintenance + $3,000.
    expect(lines.slice(0, 2)).toEqual([
      'Self-host the drafter, at 5,000,000 queries/month',
      'Self-host: at 5,000,000 queries/month a self-hosted drafter (1 GPU, 48% busy) saves $250.00/month over gpt-4o-mini; break-even at 2,727,273 queries/month.',
    ]);
    expect(r.stdout).toMatch(/^ {2}Cloud only \(every query on gpt-4o\) +\$10,000\.00$/m);
    expect(r.stdout).toMatch(/^ {2}Cascade, cloud drafter \(gpt-4o-mini\) +\$3,600\.00$/m);
    expect(r.stdout).toMatch(/^ {2}Cascade, self-hosted drafter +\$3,350\.00$/m);
    // $10,000 - $3,350 = $6,650 a month, x 12 = $79,800.
    expect(lines).toContain('Best saving vs cloud only: $6,650.00 a month, $79,800.00 a year.');
    // ($200 + $100) / ($0.00012 - $0.00001 per query) = 2,727,272.7.
    expect(lines).toContain('Break-even: 2,727,273 queries/month, from which self-hosting wins.');
    expect(lines).toContain('GPUs needed: 1, 48% busy (plan: at most 70%).');
    // Per 1M tokens (500 a query): $350 / 2.5e9 tokens = $0.14; $0.00012 / 500 = $0.24; $0.002 / 500 = $4.00.
    expect(lines).toContain('Drafting per 1M tokens (input and output): $0.14 on your GPU at this volume, $0.24 on gpt-4o-mini; the verifier gpt-4o costs $4.00.');
    // 5M x 100 tokens / 400 tokens/s = 1,250,000 s = 347 hours.
    expect(r.stdout).toMatch(/^ {2}Electricity \(347 hours of generation\) +\$50\.00$/m);
    expect(r.stdout).toMatch(/^ {2}Verifier for 1,500,000 escalated queries +\$3,000\.00$/m);
  });

  it('--json gives every figure in integer nano-USD, the cost per 1M tokens included', async () => {
    const j = json(await cli([...SEED_FLAGS, '--json']));
    expect(Object.keys(j).sort()).toEqual(
      ['breakEvenQueries', 'cloudDraftingNano', 'costs', 'decision', 'escalatedQueries', 'escalationNano', 'fromLedger', 'hardware', 'inputs', 'noBreakEvenReason', 'payback', 'perMillionTokens', 'recommendation', 'savings', 'selfHost'].sort(),
    );
    expect(j.costs).toEqual({ cloudOnlyNano: 10_000e9, cloudDrafterNano: 3_600e9, selfHostedNano: 3_350e9 });
    expect(j.savings).toEqual({ cloudDrafterVsCloudOnlyNano: 6_400e9, selfHostedVsCloudOnlyNano: 6_650e9, selfHostedVsCloudDrafterNano: 250e9 });
    expect(j.selfHost).toMatchObject({ gpus: 1, gpuNanoPerMonth: 200e9, gpuNano: 200e9, energyNano: 50e9, maintenanceNano: 100e9 });
    expect(j.breakEvenQueries).toBe(2_727_273);
    expect(j.recommendation).toBe('self-host');
    expect(j.perMillionTokens).toEqual({ tokensPerQuery: 500, cloudDrafterNano: 240_000_000, verifierNano: 4_000_000_000, selfHostedNano: 140_000_000 });
    // The view's units in, the core's out: 70% accepted is 0.7; the view's defaults fill the rest.
    expect(j.inputs).toMatchObject({ monthlyQueries: 5_000_000, drafterAcceptanceRate: 0.7, maxUtilization: 0.7, maintenanceUsdPerMonth: 100, cloudDrafterName: 'gpt-4o-mini', verifierName: 'gpt-4o', selfHost: { kind: 'monthly', usdPerMonth: 200 } });
    expect(j.hardware).toBeNull();
    expect(j.payback).toBeNull();
    expect(j.fromLedger).toBeNull();
  });

  it('a bought GPU: the write-off it comes to and when it pays for itself', async () => {
    const r = await cli([...SEED_FLAGS.slice(0, 6), '--gpu-watts', '400', '--electricity-usd-per-kwh', '0.36', '--throughput-tokens-per-sec', '400', '--self-host-kind', 'purchase', '--gpu-price-usd', '2,000', '--write-off-months', '24']);
    expect(r.code).toBe(0);
    // A month saves $600 of drafts - $50 - $100 = $450; $2,000 / $450 = 4.4 -> 5 months.
    expect(r.stdout).toContain('\nThe $2,000 GPU pays for itself after 5 months at 5,000,000 queries/month: it saves $450.00 a month over drafting on gpt-4o-mini, after electricity and maintenance.\n');
    // $2,000 / 24 = $83.33 a month.
    expect(r.stdout).toMatch(/^ {2}GPU \(1\), bought: \$2,000 GPU over 24 months = \$83\.33 a month each +\$83\.33$/m);
  });

  it('names each bad flag with the view\'s message, in the view\'s units', async () => {
    const r = await cli(['--monthly-queries', '-5', '--acceptance-pct', '140', '--verifier-out', 'abc', '--throughput-tokens-per-sec', '']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'cascadeflow breakeven: --monthly-queries must not be negative (got "-5"); --acceptance-pct must be between 0 and 100% (got "140"); --verifier-out must be a number (got "abc"); --throughput-tokens-per-sec is required (got "")\n',
    );
  });

  it('refuses a GPU flag of another way to pay for it, an unknown kind, and says which flag a typo meant', async () => {
    const stray = await cli(['--gpu-price-usd', '3000']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toBe('cascadeflow breakeven: --gpu-price-usd applies to --self-host-kind purchase, and the GPU is hourly here: add --self-host-kind purchase, or leave it out\n');
    const kind = await cli(['--self-host-kind', 'bought']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toBe('cascadeflow breakeven: --self-host-kind must be one of hourly, monthly, purchase (got "bought")\n');
    const typo = await cli(['--write-off-month', '12']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("cascadeflow breakeven: unknown flag --write-off-month: did you mean --write-off-months? (--help lists this command's flags)\n");
  });

  it('a model named without its prices takes its list price, as picking it in the view does', async () => {
    const j = json(await cli([...SEED_FLAGS, '--verifier-name', 'gpt-4.1', '--cloud-drafter-name', 'claude-3-5-haiku-latest', '--json']));
    expect(j.inputs).toMatchObject({ verifierName: 'gpt-4.1', verifierPrice: { inputPerMTok: 2, outputPerMTok: 8 }, cloudDrafterName: 'claude-3-5-haiku-latest', cloudDrafterPrice: { inputPerMTok: 0.8, outputPerMTok: 4 } });
    // Given prices win over the list: the name is then only the label.
    const priced = json(await cli([...SEED_FLAGS, '--verifier-name', 'gpt-4.1', '--verifier-in', '7', '--json']));
    expect(priced.inputs).toMatchObject({ verifierName: 'gpt-4.1', verifierPrice: { inputPerMTok: 7, outputPerMTok: 10 } });
    const unknown = await cli(['--verifier-name', 'my-finetune']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('cascadeflow breakeven: --verifier-name my-finetune has no list price here: give its price with --verifier-in and --verifier-out (USD per 1M tokens)\n');
  });

  it('--help lists every field of the view as a flag, with the view\'s default', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:\n {2}cascadeflow breakeven \[--use-my-numbers \[--days 30\]\] \[--json\]\n/);
    for (const flag of ['--monthly-queries 1,000,000', '--acceptance-pct 70', '--verifier-in 2.5', '--self-host-kind hourly|monthly|purchase', '--gpu-usd-per-hour 0.8', '--usd-per-month 900', '--gpu-price-usd 2000', '--write-off-months 24', '--resale-usd 0', '--throughput-tokens-per-sec 1,200', '--maintenance-usd-per-month 100']) {
      expect(r.stdout).toContain(`[${flag}]`);
    }
    expect(r.stdout).not.toContain('cascadeflow whatif');
  });

  it('--use-my-numbers fills the workload, verifier and measured speed from the ledger, and says from how many drafts', async () => {
    const r = await cli(['--use-my-numbers', '--db', ledgerDb, '--config', configFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // 10 queries over the 10 days covered = 30 a month; 8 of the 10 drafts kept = 80%; every
    // draft 100 tokens in 2.0 s after its first = 50 tokens/s, over all 10 drafts.
    expect(r.stdout.split('\n')[0]).toBe(
      'From your last 30 days: 10 queries (all in the last 10 days: 30 a month at that pace), 400 tokens in and 101 out on average, 80% of drafts accepted. ' +
        "Verifier: your cascade's gpt-4o at $3.00 in / $12.00 out per million tokens (was $2.50 in / $10.00 out). " +
        'Tokens / second: 50, measured on this machine over 10 drafts of llama3.2:3b, timed from its first token. That is one answer at a time; a server answering several at once sustains more.',
    );
    // Per query: drafts 400 x $0.15 + 101 x $0.60 per 1M = 120,600 nano; the verifier 400 x $3 +
    // 101 x $12 per 1M = 2,412,000 nano. Electricity: 101 / 50 = 2.02 s at 400 W and $0.36/kWh =
    // 80,800 nano. A GPU rented at $0.80 x 730 h = $584 a month plus $100 maintenance never pays
    // off: one GPU drafts at most 1,839,600 s / 2.02 s = 910,693 queries a month, saving
    // (120,600 - 80,800) x 910,693 = $36.25, less than its $584.
    expect(r.stdout).toContain(
      '\nCloud drafter: at 30 queries/month drafting on gpt-4o-mini costs $684.00/month less than a self-hosted drafter (1 GPU, 0% busy); self-hosting never pays off: a fully loaded GPU costs more than the cloud drafts it replaces.\n',
    );
    expect(r.stdout).toContain('\nBreak-even: never: self-hosting does not pay off.\n');

    const j = json(await cli(['--use-my-numbers', '--db', ledgerDb, '--config', configFile, '--json']));
    expect(j.inputs).toMatchObject({
      monthlyQueries: 30,
      inputTokensPerQuery: 400,
      outputTokensPerQuery: 101,
      drafterAcceptanceRate: 0.8,
      throughputTokensPerSec: 50,
      gpuWatts: 400,
      electricityUsdPerKwh: 0.36,
      verifierName: 'gpt-4o',
      verifierPrice: { inputPerMTok: 3, outputPerMTok: 12 },
    });
    expect(j.fromLedger?.profile).toMatchObject({ days: 30, queries: 10, coveredDays: 10, monthlyQueries: 30, drafterAcceptanceRate: 0.8 });
    expect(j.fromLedger?.profile.localDrafterSpeed).toEqual({ measured: true, model: 'llama3.2:3b', tokensPerSec: 50, calls: 10, skipped: 0, timing: 'after-first-token' });
    expect(j.fromLedger?.measuredSpeed).toEqual({ value: '50', source: 'measured: 10 drafts of llama3.2:3b' });
    expect(j.fromLedger?.overriddenBy).toEqual([]);
    // 30 x 2,412,000 = 72,360,000; drafts 30 x 120,600 = 3,618,000; escalations 30 x 20% x
    // 2,412,000 = 14,472,000; self-hosted $584 + $100 + 30 x 80,800 (2,424,000) + 14,472,000.
    expect(j.costs).toEqual({ cloudOnlyNano: 72_360_000, cloudDrafterNano: 18_090_000, selfHostedNano: 684_016_896_000 });
    expect(j.breakEvenQueries).toBeNull();
    expect(j.noBreakEvenReason).toBe('gpu-exceeds-savings');
    // Per 1M tokens (501 a query): 120,600 / 501 x 1M = 240,718,563; 2,412,000 / 501 x 1M =
    // 4,814,371,257; the GPU's $684.002424 over 30 x 501 = 15,030 tokens = $45,509.14 per 1M.
    expect(j.perMillionTokens).toMatchObject({ tokensPerQuery: 501, cloudDrafterNano: 240_718_563, verifierNano: 4_814_371_257 });
    expect(j.perMillionTokens.selfHostedNano).toBeCloseTo(45_509_143_313_373, -1);
  });

  it('a flag given with --use-my-numbers wins over the ledger, and says so', async () => {
    const r = await cli(['--use-my-numbers', '--db', ledgerDb, '--config', configFile, '--monthly-queries', '1,000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\nGiven on the command line instead of the ledger\'s: --monthly-queries.\n');
    expect(r.stdout).toContain('\nCloud drafter, at 1,000 queries/month\n');
  });

  it('--use-my-numbers on an empty ledger says what to do instead of using zeros, and a missing --db is refused', async () => {
    const empty = await cli(['--use-my-numbers', '--db', emptyDb, '--config', configFile]);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toBe('cascadeflow breakeven: No queries in the last 30 days to learn from: ask a few questions in Chat first.\n');
    const typo = join(dir.dir, 'typo.db');
    const missing = await cli(['--use-my-numbers', '--db', typo]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no ledger database at ${typo}`);
    rmSync(typo, { force: true });
  });
});
