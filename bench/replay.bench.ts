// Replay benchmark on the bundled RouteLLM recordings (examples/traces): how fast the real engine
// replays a trace, and what the validator achieves against random routing and the oracle —
// the escalation each needs to keep 95% of GPT-4's quality, and the savings there.
// Run: npx tsx bench/replay.bench.ts
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTraceFile } from '../electron/node/replay/trace-files.ts';
import { analyzeReplay, SWEEP_THRESHOLDS, type ReplayReport } from '../shared/core/replay/analyze.ts';
import { judgeTrace } from '../shared/core/replay/judge.ts';
import type { ReplayPoint } from '../shared/core/replay/metrics.ts';
import { prepareReplay, type PrepareOptions } from '../shared/core/replay/prepare.ts';
import { replayTrace } from '../shared/core/replay/replay.ts';

const MIXTRAL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const GPT4 = 'gpt-4-1106-preview';
const DEFAULT_THRESHOLD = 0.7;
const TARGET = 0.95;

/** Mixtral on the user's GPU (energy model, the app's defaults), GPT-4 Turbo at its list price. */
const PRICING: PrepareOptions = {
  local: [MIXTRAL],
  energy: { gpuWatts: 300, electricityUsdPerKwh: 0.15 },
  timing: { tokensPerSecond: 30 },
};

export interface ReplayBenchDataset {
  name: string;
  queries: number;
  metric: string;
  /** Queries through the engine per second (the one pass that judges every draft). */
  itemsPerSecond: number;
  /** Whole replay at one threshold: read, prepare, engine pass, analysis. */
  oneThresholdMs: number;
  /** Whole replay of a 101-point sweep. */
  sweepMs: number;
  sweepPoints: number;
  atDefault: ReplayPoint;
  /** The issue's escalation budget for this dataset (GSM8K 30%, MT-Bench 20%). */
  escalationCap: number;
  /** The sweep's best relative quality within that budget, and random routing at the same rate. */
  bestWithinCap: { validator: ReplayPoint; random: ReplayPoint } | null;
  recommended: ReplayPoint | null;
  atTarget: ReplayReport['at_target'];
  baselines: Omit<ReplayReport['baselines'], 'random'>;
}

export interface ReplayBenchResult {
  target: number;
  datasets: ReplayBenchDataset[];
}

const root = fileURLToPath(new URL('..', import.meta.url));

function bestWithin(report: ReplayReport, cap: number): ReplayBenchDataset['bestWithinCap'] {
  let best: { validator: ReplayPoint; random: ReplayPoint } | null = null;
  report.points.forEach((p, i) => {
    const random = report.baselines.random[i];
    if (!random || p.relative_quality === null || p.escalation_rate > cap) return;
    if (!best || p.relative_quality > (best.validator.relative_quality ?? -Infinity)) best = { validator: p, random };
  });
  return best;
}

async function benchDataset(name: string, file: string, escalationCap: number): Promise<ReplayBenchDataset> {
  const path = `${root}examples/traces/${file}`;
  const tiers = [MIXTRAL, GPT4];

  let t0 = performance.now();
  const single = await replayTrace(readTraceFile(path), { ...PRICING, tiers, thresholds: [DEFAULT_THRESHOLD], targetQuality: TARGET });
  const oneThresholdMs = performance.now() - t0;

  t0 = performance.now();
  const sweep = await replayTrace(readTraceFile(path), { ...PRICING, tiers, thresholds: SWEEP_THRESHOLDS, targetQuality: TARGET });
  const sweepMs = performance.now() - t0;

  const prepared = prepareReplay(readTraceFile(path), tiers, PRICING);
  t0 = performance.now();
  const judgements = await judgeTrace(prepared);
  const passMs = performance.now() - t0;
  analyzeReplay(prepared, judgements, { thresholds: [DEFAULT_THRESHOLD] });

  const { random: _random, ...baselines } = sweep.baselines;
  return {
    name,
    queries: sweep.queries,
    metric: sweep.metric,
    itemsPerSecond: prepared.items.length / (passMs / 1000),
    oneThresholdMs,
    sweepMs,
    sweepPoints: sweep.points.length,
    atDefault: single.points[0] as ReplayPoint,
    escalationCap,
    bestWithinCap: bestWithin(sweep, escalationCap),
    recommended: sweep.recommended,
    atTarget: sweep.at_target,
    baselines,
  };
}

export async function runReplayBench(): Promise<ReplayBenchResult> {
  return {
    target: TARGET,
    datasets: [await benchDataset('GSM8K', 'gsm8k.jsonl', 0.3), await benchDataset('MT-Bench', 'mtbench.jsonl', 0.2)],
  };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const pts = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);

function describe(p: ReplayPoint | null): string {
  return p ? `escalation ${pct(p.escalation_rate)}, relative quality ${pct(p.relative_quality)}, savings ${pts(p.savings_pct)}` : 'does not reach the target';
}

export function formatReplayBench(r: ReplayBenchResult): string {
  const out: string[] = [];
  for (const d of r.datasets) {
    out.push(`${d.name} (${d.queries} queries, quality = ${d.metric}; Mixtral local on energy, GPT-4 Turbo at list price)`);
    out.push(`  speed: ${Math.round(d.itemsPerSecond)} queries/s through the engine; one threshold ${Math.round(d.oneThresholdMs)} ms; ${d.sweepPoints}-point sweep ${Math.round(d.sweepMs)} ms`);
    out.push(`  drafter alone: quality ${pct(d.baselines.always_drafter.relative_quality)} of GPT-4, savings ${pts(d.baselines.always_drafter.savings_pct)}`);
    out.push(`  default threshold ${DEFAULT_THRESHOLD}: ${describe(d.atDefault)}`);
    const best = d.bestWithinCap;
    out.push(
      `  best within ${pct(d.escalationCap)} escalation: ${best ? `threshold ${best.validator.threshold?.toFixed(2) ?? '—'}, ${describe(best.validator)}; random routing at that rate: relative quality ${pct(best.random.relative_quality)}` : '—'}`,
    );
    out.push(`  recommended threshold ${d.recommended?.threshold?.toFixed(2) ?? '—'}: ${describe(d.recommended)}`);
    out.push(`  to keep ${pct(r.target)} of GPT-4's quality:`);
    out.push(`    validator: ${describe(d.atTarget.validator)}`);
    out.push(`    random:    ${describe(d.atTarget.random)}`);
    out.push(`    oracle:    ${describe(d.atTarget.oracle)}`);
    out.push(`  full oracle: ${describe(d.baselines.oracle)}`);
    out.push('');
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(formatReplayBench(await runReplayBench()));
}
