// `cascadeflow record <prompts.jsonl> --models a,b[,c] -o trace.jsonl`: runs a prompt set
// through live models and writes a replayable trace. Shows the estimated cost first and asks
// (or needs --yes without a terminal); resumable: re-running with the same -o skips the ids
// already recorded, so an interrupted recording continues where it stopped. `--samples k` also
// records k-1 extra answers per model below the top one at a sampling temperature, which replay
// serves to the consistency check of a tier with `samples`: drawn once, then free for every replay.
import { createInterface } from 'node:readline/promises';
import { MAX_SAMPLES } from '../../../shared/core/cascade/sampling.ts';
import { formatCount, formatUsd, nanoToUsd } from '../../../shared/core/pricing/money.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/context.ts';
import { systemClock, type Clock, type ProviderResolver } from '../../../shared/core/ports.ts';
import { parsePromptSet } from '../../../shared/core/replay/prompt-set.ts';
import { DEFAULT_ASSUMED_OUTPUT_TOKENS, estimateRecording, type RecordEstimate } from '../../../shared/core/replay/record-estimate.ts';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import { TraceFormatError } from '../../../shared/core/replay/trace.ts';
import { defaultDataDir } from '../paths.ts';
import { createProviderResolver } from '../providers/index.ts';
import { openRecordingOutput } from '../replay/record-output.ts';
import { recordPrompts, type RecordFailure, type RecordRunResult } from '../replay/record.ts';
import { table } from '../replay/format.ts';
import { assertWritableFile, readTextFile } from '../replay/trace-files.ts';
import { loadAnalysisConfig } from '../replay/user-config.ts';
import { createSecretFileStore } from '../sqlite/secret-file-store.ts';
import { integerFlag, numberFlag, parse, UsageError } from './args.ts';
import { parseTiersFlag } from './ask.ts';
import { checkPricedModels } from './replay-commands.ts';
import { createProgressBar } from './progress-bar.ts';
import { counted } from '../../../shared/core/words.ts';

/** What the command touches outside itself; tests pass their own. */
export interface RecordIo {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  stderrIsTTY: boolean;
  /** The terminal's width when stderr is one (the progress line is fitted to it). */
  stderrColumns?: number;
  stdinIsTTY: boolean;
  /** Asks on the terminal; only called when stdinIsTTY. */
  ask(question: string): Promise<string>;
  signal?: AbortSignal;
  clock?: Clock;
  /** Defaults to the real adapters with the environment's and the app's stored keys. */
  providers?: ProviderResolver;
}

export const RECORD_HELP = `  cascadeflow record <prompts.jsonl> --models a,b[,c] -o trace.jsonl [--yes] [--concurrency 2]
        [--max-tokens N] [--temperature T] [--output-tokens 300] [--samples 1] [--local ID] [--json]
                                                    answer a prompt set with live models into a trace (resumable)
                                                    --samples k: k answers per model below the top one (k-1 extra at
                                                    a sampling temperature) for replaying a drafter's consistency
                                                    check; costs k times for those models
                                                    --local ID: the model runs on this machine (as a local tier of the
                                                    config, or an Ollama one): priced by energy, its answers "local": true
`;

const RECORD_OPTIONS = {
  models: { type: 'string' },
  output: { type: 'string', short: 'o' },
  yes: { type: 'boolean', short: 'y' },
  concurrency: { type: 'string' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  'output-tokens': { type: 'string' },
  samples: { type: 'string' },
  local: { type: 'string', multiple: true },
} as const;

/** " + a, b (price unknown)" after an amount: what these models' answers cost is never added as $0. */
function unpricedSuffix(e: RecordEstimate): string {
  return e.unpriced.length > 0 ? ` + ${e.unpriced.join(', ')} (price unknown)` : '';
}

function formatEstimate(e: RecordEstimate, pending: number, already: number, output: string): string {
  const rows = e.lines.map((l) => [l.model, l.provider, formatCount(l.inputTokens), formatCount(l.outputTokens), l.costNano === null ? 'price unknown' : formatUsd(l.costNano), l.price]);
  const total = `${formatUsd(e.pricedNano)}${unpricedSuffix(e)}`;
  const sampled = e.lines.filter((l) => l.answers > 1).map((l) => l.model);
  const top = e.lines.at(-1)?.model ?? '';
  const answers = sampled.length > 0 ? `, ${e.samples} answers each from ${sampled.join(', ')} (--samples: 1 + ${e.samples - 1} at a sampling temperature; ${top}, the top model, answers once)` : '';
  return [
    `Recording ${formatCount(pending)} prompts with ${e.lines.length} models${answers} into ${output}${already > 0 ? ` (${formatCount(already)} already recorded there are skipped)` : ''}.`,
    '',
    table(['Model', 'Provider', 'Input tokens', 'Output tokens (est.)', 'Est. cost', 'Price'], rows),
    '',
    `Estimated cost: about ${total}, assuming ~${e.outputTokensPerAnswer} output tokens per answer (--output-tokens); the trace records what the providers bill.`,
    '',
  ].join('\n');
}

async function confirm(io: RecordIo, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true;
  if (!io.stdinIsTTY) throw new UsageError('stdin is not a terminal, so nobody can confirm the cost: add --yes to start the recording');
  const reply = await io.ask('Start recording? [y/N] ');
  return /^\s*y(es)?\s*$/i.test(reply);
}

/** "gpt-4o", or "gpt-4o (extra answer 2)" when a sample failed: the item is then left out whole. */
function who(f: RecordFailure): string {
  return f.sample === undefined ? f.model : `${f.model} (extra answer ${f.sample})`;
}

function summary(r: RecordRunResult, output: string, total: number, unknown: string): string {
  // A call cut off mid-answer may still be billed for its input and the tokens it streamed:
  // never shown as part of a "$0.00 spent".
  const inFlight = r.stoppedInFlight > 0 ? `, plus ${counted(r.stoppedInFlight, 'prompt')} stopped mid-answer whose calls' cost is not known` : '';
  const lines = [`Recorded ${r.recorded} of ${total} prompts into ${output} (${formatUsd(r.costNano)}${unknown} spent${inFlight}).`];
  if (r.stoppedBy) lines.push(`Stopped: ${who(r.stoppedBy)} failed on ${r.stoppedBy.id} (${r.stoppedBy.code}): ${r.stoppedBy.message}`);
  const others = r.failed.filter((f) => f !== r.stoppedBy);
  if (others.length > 0) {
    lines.push(`${counted(others.length, 'prompt')} failed and ${others.length === 1 ? 'is' : 'are'} not in the trace:`);
    for (const f of others.slice(0, 10)) lines.push(`  line ${f.line} (${f.id}): ${who(f)}: ${f.message}`);
    if (others.length > 10) lines.push(`  ...and ${others.length - 10} more`);
  }
  if (r.cancelled) lines.push('Interrupted.');
  if (r.cancelled || r.failed.length > 0) lines.push('Run the same command again to record the rest: finished prompts are skipped.');
  return `${lines.join('\n')}\n`;
}

export async function runRecordCommand(argv: string[], io: RecordIo): Promise<number> {
  const { values, positionals } = parse(argv, RECORD_OPTIONS);
  const [promptsPath, extra] = positionals;
  if (!promptsPath) throw new UsageError('give the prompt set, e.g. cascadeflow record prompts.jsonl --models llama3.2:3b,gpt-4o -o trace.jsonl');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (!values.models) throw new UsageError('give the models with --models a,b (configured models, or provider/model)');
  if (!values.output) throw new UsageError('give the trace to write with -o trace.jsonl (an existing one is resumed)');
  const output = values.output;
  const concurrency = integerFlag('concurrency', values.concurrency, 1, 64) ?? 2;
  const maxTokens = numberFlag('max-tokens', values['max-tokens'], 1, 1_000_000);
  const temperature = numberFlag('temperature', values.temperature, 0, 2);
  const samples = integerFlag('samples', values.samples, 1, MAX_SAMPLES) ?? 1;
  const outputTokens = numberFlag('output-tokens', values['output-tokens'], 1, 1_000_000) ?? Math.min(maxTokens ?? DEFAULT_ASSUMED_OUTPUT_TOKENS, DEFAULT_ASSUMED_OUTPUT_TOKENS);

  const config = loadAnalysisConfig(values, io.env);
  const parsedTiers = asUsage(() => parseTiersFlag(values.models ?? '', config), (m) => m.replace(/^--tiers/, '--models'));
  const models = parsedTiers.map((t) => t.model);
  // As replay's --local: a model that is not recorded is a typo, never ignored.
  checkPricedModels({ local: values.local }, models, 'one of --models');
  const local = values.local ?? [];
  const tiers = parsedTiers.map((t) => (local.includes(t.model) ? { ...t, local: true } : t));
  const duplicate = models.find((m, i) => models.indexOf(m) !== i);
  if (duplicate) throw new UsageError(`--models lists "${duplicate}" twice`);
  if (tiers.length < 2) throw new UsageError('--models needs at least two models to compare, e.g. --models llama3.2:3b,gpt-4o');

  const { items: prompts, issues } = parsePromptSet(readPromptFile(promptsPath));
  if (issues.length > 0) throw new UsageError(new TraceFormatError(promptsPath, issues).message.replace('is not a valid trace', 'is not a valid prompt set'));

  const out = asUsage(() => {
    // Before the estimate and the question: a recording that cannot be saved must not start.
    assertWritableFile(output, '-o');
    return openRecordingOutput(output, models, samples);
  });
  if (out.repaired) io.stderr(`${output}: removed an unfinished last line (an interrupted write); that prompt is recorded again.\n`);
  const pending = prompts.filter((p) => !out.done.has(p.id));
  const already = prompts.length - pending.length;
  if (pending.length === 0) {
    io.stderr(`Nothing to record: all ${prompts.length} prompts are already in ${output}.\n`);
    if (values.json) io.stdout(`${JSON.stringify({ output, prompts: prompts.length, samples, recorded: 0, already, failed: [], cost_usd: 0 }, null, 2)}\n`);
    return 0;
  }

  const pricing = pricingContextFromConfig(config);
  const estimate = estimateRecording(pending, tiers, pricing, outputTokens, samples);
  io.stderr(formatEstimate(estimate, pending.length, already, output));
  const unknown = unpricedSuffix(estimate);
  if (!(await confirm(io, values.yes))) {
    io.stderr('Not started.\n');
    return io.signal?.aborted ? exitCodeOfStop(io.signal) : 1;
  }

  const clock = io.clock ?? systemClock;
  const secrets = createSecretFileStore(defaultDataDir(io.env));
  const providers =
    io.providers ??
    createProviderResolver({
      env: io.env,
      setupPlace: 'cli',
      getSecret: (name) => {
        try {
          return secrets.get(name);
        } catch {
          // A damaged secrets file must not stop keys set in the environment from working.
          return undefined;
        }
      },
    });
  const bar = createProgressBar({ total: pending.length, label: 'recording', write: io.stderr, isTTY: io.stderrIsTTY, ...(io.stderrColumns ? { columns: io.stderrColumns } : {}), now: () => clock.monotonic() });
  let done = 0;
  let failed = 0;
  let spent = 0;
  const note = () => `${formatUsd(spent)}${unknown} spent`;
  const result = await recordPrompts({
    prompts: pending,
    tiers,
    providers,
    pricing,
    clock,
    concurrency,
    samples,
    request: { ...(maxTokens !== undefined ? { maxTokens } : {}), ...(temperature !== undefined ? { temperature } : {}) },
    ...(io.signal ? { signal: io.signal } : {}),
    onItem(item, costNano) {
      out.append(item);
      done++;
      spent += costNano;
      bar.update({ done, failed, note: note() });
    },
    onFailure() {
      failed++;
      bar.update({ done, failed, note: note() });
    },
  });
  bar.finish({ done, failed, note: note() });
  io.stderr(summary(result, output, pending.length, unknown));
  if (values.json) {
    io.stdout(
      `${JSON.stringify(
        { output, prompts: prompts.length, samples, recorded: result.recorded, already, failed: result.failed, cost_usd: nanoToUsd(result.costNano), unpriced_models: estimate.unpriced, stopped_by: result.stoppedBy, stopped_in_flight: result.stoppedInFlight, interrupted: result.cancelled },
        null,
        2,
      )}\n`,
    );
  }
  if (result.cancelled && io.signal) return exitCodeOfStop(io.signal);
  return result.failed.length > 0 ? 1 : 0;
}

/**
 * The exit code of a recording stopped by a signal, as a shell reports a process killed by it
 * (128 + the signal's number): 143 for SIGTERM (the abort reason), 130 for Ctrl-C and otherwise.
 */
function exitCodeOfStop(signal: AbortSignal): number {
  return signal.reason === 'SIGTERM' ? 143 : 130;
}

/** Errors the user fixes with a flag or a file become usage errors (exit code 2). */
function asUsage<T>(work: () => T, reword: (message: string) => string = (m) => m): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof UsageError || e instanceof ReplayInputError || e instanceof TraceFormatError) throw new UsageError(reword(e.message));
    throw e;
  }
}

function readPromptFile(path: string): string {
  return asUsage(() => readTextFile(path, 'prompt set'));
}

/**
 * The command as `cascadeflow record` runs it: the real terminal; Ctrl-C (SIGINT) and `kill`
 * (SIGTERM) both stop after saving, print the summary and exit 130 or 143.
 */
export async function recordCommand(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runRecordCommand(argv, {
      env: process.env,
      stdout: (t) => void process.stdout.write(t),
      stderr: (t) => void process.stderr.write(t),
      stderrIsTTY: process.stderr.isTTY === true,
      ...(process.stderr.isTTY && process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
      stdinIsTTY: process.stdin.isTTY === true,
      ask: async (question) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        try {
          // A signal while the question waits: no answer, so not started.
          return await rl.question(question, { signal: controller.signal }).catch(() => '');
        } finally {
          rl.close();
        }
      },
      signal: controller.signal,
    });
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
