// Offline cost analysis on the command line:
//   cascadeflow import <routellm-gsm8k|routellm-mtbench|ledger> <file> [-o out.jsonl]
//   cascadeflow replay <trace> --tiers a,b [--threshold X | --sweep] [--target-quality 0.95]
//   cascadeflow evaluate <trace> --drafters a,b --verifier v
//   cascadeflow whatif [--days 30] [--verifier model] [--electricity 0.30]
// Recorded answers go through the real engine and validator; no model is called.
import type { AppConfig, PriceOverride } from '../../../shared/core/config/schema.ts';
import { SWEEP_THRESHOLDS, type ReplayReport } from '../../../shared/core/replay/analyze.ts';
import { evaluateDrafters } from '../../../shared/core/replay/evaluate.ts';
import { MAX_SAMPLES } from '../../../shared/core/cascade/sampling.ts';
import { DEFAULT_REPLAY_TOKENS_PER_SECOND } from '../../../shared/core/replay/recorded-provider.ts';
import { parsePriceFlag, ReplayInputError, type ReplayPricingOptions } from '../../../shared/core/replay/replay-pricing.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import { toJsonl, TraceFormatError, type TraceItem } from '../../../shared/core/replay/trace.ts';
import { LEDGER_BIAS_NOTE, ledgerLabelCounts } from '../../../shared/core/replay/importers/ledger.ts';
import { formatEvaluation, formatReplayReport, formatWhatIf } from '../replay/format.ts';
import { openLedgerReadonly } from '../replay/ledger-source.ts';
import { ledgerWhatIf } from '../replay/ledger-whatif.ts';
import { assertWritableFile, importGsm8kFile, importLedgerFile, importMtBenchFiles, readTraceFile, writeTraceFile } from '../replay/trace-files.ts';
import { analysisDbPath, loadAnalysisConfig } from '../replay/user-config.ts';
import { integerFlag, numberFlag, parse, UsageError } from './args.ts';
import { createProgressBar, type ProgressBar } from './progress-bar.ts';
import { counted } from '../../../shared/core/words.ts';
import { formatUsdAmount } from '../../../shared/core/pricing/money.ts';
import { everyTier } from '../../../shared/core/config/every-tier.ts';

const DAY_MS = 86_400_000;

const PRICING_OPTIONS = {
  price: { type: 'string', multiple: true },
  local: { type: 'string', multiple: true },
  electricity: { type: 'string' },
  'gpu-watts': { type: 'string' },
  'tokens-per-second': { type: 'string' },
} as const;

function write(text: string): void {
  process.stdout.write(text);
}

function json(value: unknown): void {
  write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * ReplayInputError (a flag, a price, an input file that cannot be read or imported) and
 * TraceFormatError (a bad trace line) are the user's to fix: usage errors, exit code 2, as
 * `record` reports its prompt set.
 */
async function asUsage<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ReplayInputError || e instanceof TraceFormatError) throw new UsageError(e.message);
    throw e;
  }
}

function listFlag(name: string, value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError(`--${name} needs at least one model id, e.g. --${name} a,b`);
  return list;
}

/**
 * A --price or --local for a model the run does not replay is a typo (or a model the user
 * thinks is in the run): ignoring it would show list or energy prices as if theirs were used.
 */
export function checkPricedModels(values: Pick<PricingFlags, 'price' | 'local'>, models: readonly string[], listedAs: string): void {
  const priced = (values.price ?? []).map((flag) => ['--price', asUsageSync(() => parsePriceFlag(flag)).model] as const);
  const local = (values.local ?? []).map((model) => ['--local', model] as const);
  for (const [flag, model] of [...priced, ...local]) {
    if (!models.includes(model)) throw new UsageError(`${flag} names "${model}", which is not ${listedAs} (${models.join(', ')}): check the model id`);
  }
}

interface PricingFlags {
  price?: string[];
  local?: string[];
  electricity?: string;
  'gpu-watts'?: string;
  'tokens-per-second'?: string;
}

function pricingOptions(values: PricingFlags, config: AppConfig): ReplayPricingOptions & { timing: { tokensPerSecond: number } } {
  const prices: Record<string, PriceOverride> = {};
  for (const flag of values.price ?? []) {
    const { model, price } = asUsageSync(() => parsePriceFlag(flag));
    prices[model] = price;
  }
  return {
    prices,
    local: values.local ?? [],
    configTiers: everyTier(config),
    configPrices: config.prices,
    energy: {
      gpuWatts: numberFlag('gpu-watts', values['gpu-watts'], 0, 100_000) ?? config.local.gpuWatts,
      electricityUsdPerKwh: numberFlag('electricity', values.electricity, 0, 100) ?? config.local.electricityUsdPerKwh,
    },
    timing: { tokensPerSecond: numberFlag('tokens-per-second', values['tokens-per-second'], 0.001, 1_000_000) ?? DEFAULT_REPLAY_TOKENS_PER_SECOND },
  };
}

function asUsageSync<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ReplayInputError) throw new UsageError(e.message);
    throw e;
  }
}

const IMPORT_KINDS = ['routellm-gsm8k', 'routellm-mtbench', 'ledger'] as const;
type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The flags of one kind of import. Given to another kind they would be ignored without a word
 * (`import ledger --history-model x` imports the ledger as if it were not there): refused instead.
 */
const KIND_FLAGS = { questions: ['routellm-mtbench'], 'history-model': ['routellm-mtbench'], days: ['ledger'] } as const satisfies Record<string, readonly ImportKind[]>;

function checkKindFlags(kind: ImportKind, values: Partial<Record<keyof typeof KIND_FLAGS, string>>): void {
  for (const [flag, kinds] of Object.entries(KIND_FLAGS) as [keyof typeof KIND_FLAGS, readonly ImportKind[]][]) {
    if (values[flag] !== undefined && !kinds.includes(kind)) throw new UsageError(`--${flag} does not apply to import ${kind}: it is an option of import ${kinds.join(', ')}`);
  }
}

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    output: { type: 'string', short: 'o' },
    questions: { type: 'string' },
    'history-model': { type: 'string' },
    days: { type: 'string' },
  });
  const [kind, file, extra] = positionals;
  if (!kind) throw new UsageError(`give what to import: cascadeflow import <${IMPORT_KINDS.join('|')}> <file> [-o out.jsonl]`);
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`cannot import '${kind}': the kinds are ${IMPORT_KINDS.join(', ')} (cascadeflow import <kind> <file> [-o out.jsonl])`);
  }
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  checkKindFlags(kind as ImportKind, values);

  if (values.output) {
    const output = values.output;
    await asUsage(() => assertWritableFile(output, '-o'));
  }
  const { items: imported, scanned } = await asUsage((): { items: TraceItem[]; scanned?: number } => {
    if (kind === 'routellm-gsm8k') {
      if (!file) throw new UsageError('give the GSM8K CSV, e.g. cascadeflow import routellm-gsm8k gsm8k_responses.csv -o gsm8k.jsonl');
      return { items: importGsm8kFile(file) };
    }
    if (kind === 'routellm-mtbench') {
      if (!file || !values.questions) throw new UsageError('give the judgements and the questions, e.g. cascadeflow import routellm-mtbench mt_bench_judgements.jsonl --questions mt_bench_questions.jsonl');
      return { items: importMtBenchFiles(file, values.questions, values['history-model'] ? { historyModel: values['history-model'] } : {}) };
    }
    const days = numberFlag('days', values.days, 1, 36_500);
    const now = Date.now();
    return importLedgerFile(file ?? analysisDbPath(values), { from: days === undefined ? null : now - days * DAY_MS, to: now + 1 });
  });
  const fromLedger = kind === 'ledger' ? { note: LEDGER_BIAS_NOTE, labels: ledgerLabelCounts(imported) } : null;
  if (values.output) {
    writeTraceFile(values.output, imported);
    const note = scanned !== undefined ? ` (of ${scanned} queries on the ledger, those answered by more than one model)` : '';
    if (values.json) json({ kind, queries: imported.length, output: values.output, ...(fromLedger ? { from_ledger: fromLedger } : {}) });
    else process.stderr.write(`wrote ${counted(imported.length, 'query', 'queries')} to ${values.output}${note}\n`);
  } else {
    write(toJsonl(imported));
  }
  // On stderr whatever stdout carries (the trace, or the JSON that has it as from_ledger).
  if (fromLedger) process.stderr.write(ledgerImportNote(fromLedger.labels));
  return 0;
}

/** What an import of the ledger measures, and how its answers are labelled. */
export function ledgerImportNote(labels: ReturnType<typeof ledgerLabelCounts>): string {
  const unlabelled = labels.none > 0 ? `, ${counted(labels.none, 'answer')} unlabelled (their query has no answer of the top tier, or one rated wrong, so agreeing with it says nothing; a replay leaves these queries out)` : '';
  return [
    `biased sample: ${LEDGER_BIAS_NOTE}.`,
    `labels: ${counted(labels.feedback, 'answer')} by your ratings (one you rated, or one agreeing with it), ${counted(labels.agreement, 'answer')} by agreement with the top tier's answer${unlabelled}.`,
    '',
  ].join('\n');
}

export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    tiers: { type: 'string' },
    threshold: { type: 'string' },
    sweep: { type: 'boolean' },
    'target-quality': { type: 'string' },
    samples: { type: 'string' },
    ...PRICING_OPTIONS,
  });
  const [path, extra] = positionals;
  if (!path) throw new UsageError('give the trace, e.g. cascadeflow replay gsm8k.jsonl --tiers small-model,big-model --sweep');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const tiers = listFlag('tiers', values.tiers);
  // One model has nothing to escalate to: every row would read "100% drafter, saves 0%".
  if (tiers.length < 2) throw new UsageError(`--tiers needs at least two models, the drafter first and the verifier last, e.g. --tiers ${tiers[0]},big-model (the baselines show each model alone)`);
  checkPricedModels(values, tiers, 'one of --tiers');
  if (values.sweep && values.threshold !== undefined) throw new UsageError('give --threshold or --sweep, not both');
  const threshold = numberFlag('threshold', values.threshold, 0, 1);
  const targetQuality = numberFlag('target-quality', values['target-quality'], 0.01, 1.5);
  const samples = integerFlag('samples', values.samples, 1, MAX_SAMPLES);
  const config = loadAnalysisConfig(values);
  const pricing = { ...pricingOptions(values, config), ...(samples !== undefined ? { samples } : {}) };

  const progress = terminalProgress('replaying');
  const report = await asUsage(async () => {
    const lines = readTraceFile(path);
    return replayTrace(lines, {
      ...pricing,
      tiers,
      thresholds: values.sweep ? SWEEP_THRESHOLDS : [threshold ?? config.quality.threshold],
      baseConfig: config,
      ...(targetQuality !== undefined ? { targetQuality } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
  }).finally(() => progress?.clear());
  warnIfDearestFirst(report);
  if (values.json) json(report);
  else write(formatReplayReport(report, path));
  return 0;
}

/**
 * On a terminal, a progress line on stderr while the engine judges the queries: a trace of tens of
 * thousands of queries takes minutes, which read as a hang without it. It is cleared at the end
 * (the report is the output). Into a pipe or a file nothing is written: a log gets the report only.
 */
function terminalProgress(label: string): { update(done: number, total: number): void; clear(): void } | null {
  const err = process.stderr;
  if (err.isTTY !== true) return null;
  let bar: ProgressBar | null = null;
  return {
    update(done, total) {
      bar ??= createProgressBar({ total, label, write: (t) => err.write(t), isTTY: true, ...(err.columns ? { columns: err.columns } : {}), now: () => performance.now() });
      bar.update({ done, failed: 0 });
    },
    clear() {
      bar?.clear();
    },
  };
}

/**
 * --tiers goes cheapest first. Given the other way round the report is not wrong but reads as
 * nonsense ("saves -10051.4%"): say why on stderr, with the order that was probably meant.
 */
function warnIfDearestFirst(report: ReplayReport): void {
  const { always_drafter: first, always_verifier: last } = report.baselines;
  if (!(first.cost_usd > last.cost_usd)) return;
  const [drafter = '', verifier = ''] = [report.tiers[0], report.tiers[report.tiers.length - 1]];
  process.stderr.write(
    `warning: the first of --tiers, ${drafter}, costs more over this trace than the last, ${verifier} (${formatUsdAmount(first.cost_usd)} vs ${formatUsdAmount(last.cost_usd)}): ` +
      `--tiers goes cheapest first (the drafter first, the verifier last), e.g. --tiers ${[...report.tiers].reverse().join(',')}\n`,
  );
}

export async function evaluateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    drafters: { type: 'string' },
    verifier: { type: 'string' },
    threshold: { type: 'string' },
    'target-quality': { type: 'string' },
    samples: { type: 'string' },
    ...PRICING_OPTIONS,
  });
  const [path, extra] = positionals;
  if (!path) throw new UsageError('give the trace, e.g. cascadeflow evaluate trace.jsonl --drafters a,b --verifier c');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const drafters = listFlag('drafters', values.drafters);
  if (!values.verifier) throw new UsageError('give the verifier with --verifier MODEL');
  const verifier = values.verifier;
  checkPricedModels(values, [...drafters, verifier], 'one of --drafters or the --verifier');
  const threshold = numberFlag('threshold', values.threshold, 0, 1);
  const targetQuality = numberFlag('target-quality', values['target-quality'], 0.01, 1.5);
  const samples = integerFlag('samples', values.samples, 1, MAX_SAMPLES);
  const config = loadAnalysisConfig(values);
  const pricing = { ...pricingOptions(values, config), ...(samples !== undefined ? { samples } : {}) };

  const progress = terminalProgress('evaluating');
  const report = await asUsage(async () =>
    evaluateDrafters(readTraceFile(path), {
      ...pricing,
      drafters,
      verifier,
      threshold: threshold ?? config.quality.threshold,
      baseConfig: config,
      ...(targetQuality !== undefined ? { targetQuality } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    }),
  ).finally(() => progress?.clear());
  if (values.json) json(report);
  else write(formatEvaluation(report));
  return 0;
}

export async function whatifCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    days: { type: 'string' },
    verifier: { type: 'string' },
    price: { type: 'string', multiple: true },
    local: { type: 'string', multiple: true },
    electricity: { type: 'string' },
    'gpu-watts': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const days = numberFlag('days', values.days, 1, 36_500) ?? 30;
  const electricity = numberFlag('electricity', values.electricity, 0, 100);
  const gpuWatts = numberFlag('gpu-watts', values['gpu-watts'], 0, 100_000);
  const prices: Record<string, PriceOverride> = {};
  for (const flag of values.price ?? []) {
    const { model, price } = asUsageSync(() => parsePriceFlag(flag));
    prices[model] = price;
  }
  const config = loadAnalysisConfig(values);

  const report = await asUsage(() => {
    const db = openLedgerReadonly(analysisDbPath(values));
    try {
      return ledgerWhatIf(db, {
        days,
        now: Date.now(),
        config,
        prices,
        local: values.local ?? [],
        ...(values.verifier ? { verifier: values.verifier } : {}),
        ...(electricity !== undefined ? { electricityUsdPerKwh: electricity } : {}),
        ...(gpuWatts !== undefined ? { gpuWatts } : {}),
      });
    } finally {
      db.close();
    }
  });
  if (values.json) json(report);
  else write(formatWhatIf(report, days));
  return 0;
}

/** Lines for the CLI's help text (the lead adds them to main.ts with the commands). */
export const REPLAY_HELP = `  cascadeflow import routellm-gsm8k <gsm8k_responses.csv> [-o out.jsonl]
  cascadeflow import routellm-mtbench <mt_bench_judgements.jsonl> --questions mt_bench_questions.jsonl [--history-model ID] [-o out.jsonl]
  cascadeflow import ledger [ledger.db] [--days N] [-o out.jsonl]
                                                    turn recorded answers into a replay trace
  cascadeflow replay <trace.jsonl> --tiers a,b[,c] [--threshold 0.7 | --sweep] [--target-quality 0.95] [--json]
        [--samples K] [--price ID=IN/OUT] [--local ID] [--electricity 0.15] [--gpu-watts 300] [--tokens-per-second 30]
                                                    quality and cost of the cascade on recorded answers
  cascadeflow evaluate <trace.jsonl> --drafters a,b --verifier v [--threshold 0.7] [--target-quality 0.95] [--samples K] [--json]
        [--price ID=IN/OUT] [--local ID] [--electricity 0.15] [--gpu-watts 300] [--tokens-per-second 30]
                                                    compare drafters in front of one verifier
  cascadeflow whatif [--days 30] [--verifier gpt-4.1] [--electricity 0.30] [--gpu-watts 300] [--json]
        [--price ID=IN/OUT] [--local ID]
                                                    what your ledger would have cost at other prices
`;
