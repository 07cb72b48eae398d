// One call from a parsed trace to a report: prepare the recorded answers for the tiers, let the
// real engine judge every draft once, then measure the asked thresholds and the baselines.
import { analyzeReplay, type ReplayReport } from './analyze.ts';
import { judgeTrace, type EngineRunOptions } from './judge.ts';
import { prepareReplay, type PrepareOptions } from './prepare.ts';
import { ReplayInputError } from './replay-pricing.ts';
import type { TraceLine } from './trace.ts';

export interface ReplayOptions extends PrepareOptions, EngineRunOptions {
  tiers: readonly string[];
  thresholds: readonly number[];
  targetQuality?: number;
}

export async function replayTrace(lines: readonly TraceLine[], opts: ReplayOptions): Promise<ReplayReport> {
  if (opts.thresholds.length === 0) throw new ReplayInputError('no threshold to measure');
  const bad = opts.thresholds.find((t) => !(t >= 0 && t <= 1));
  if (bad !== undefined) throw new ReplayInputError(`thresholds must be from 0 to 1 (got ${bad})`);
  if (opts.targetQuality !== undefined && !(opts.targetQuality > 0 && opts.targetQuality <= 1.5)) {
    throw new ReplayInputError(`the target quality is a share of the verifier's, e.g. 0.95 (got ${opts.targetQuality})`);
  }
  const prepared = prepareReplay(lines, opts.tiers, opts);
  const judgements = await judgeTrace(prepared, opts);
  return analyzeReplay(prepared, judgements, { thresholds: opts.thresholds, ...(opts.targetQuality !== undefined ? { targetQuality: opts.targetQuality } : {}) });
}
