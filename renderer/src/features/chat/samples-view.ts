// A drafter's consistency samples (attempts of role 'sample') as the chat shows them: paid calls
// that only voted on the draft, so one compact line each (or one line for all), never an answer.
import type { Attempt, AttemptRole } from '../../../../shared/core/cascade/types.ts';
import { formatNano } from '../../lib/format.ts';

/** A sample as the live run or the finished outcome knows it: `result` is null while it runs. */
export interface SampleInput {
  index: number;
  tier: number;
  model: string;
  role: AttemptRole;
  result: Attempt | null;
}

export interface SampleLine {
  /** The draft is answer 1 of the tier's `samples`; the extra answers are 2..of. */
  number: number;
  of: number;
  model: string;
  state: 'running' | 'ok' | 'failed' | 'stopped';
  /** null = price unknown (or still running). */
  costNano: number | null;
}

export interface SampleGroup {
  tier: number;
  model: string;
  lines: SampleLine[];
}

export function isSample(a: { role: AttemptRole }): boolean {
  return a.role === 'sample';
}

/** The samples per drafting tier, in the order they were started. */
export function sampleGroups(attempts: readonly SampleInput[]): SampleGroup[] {
  const byTier = new Map<number, SampleInput[]>();
  for (const a of attempts) {
    if (!isSample(a)) continue;
    byTier.set(a.tier, [...(byTier.get(a.tier) ?? []), a]);
  }
  return [...byTier.entries()]
    .sort(([a], [b]) => a - b)
    .map(([tier, list]) => {
      const sorted = [...list].sort((a, b) => a.index - b.index);
      return {
        tier,
        model: sorted[0]?.model ?? '',
        lines: sorted.map((a, i) => ({ number: i + 2, of: sorted.length + 1, model: a.model, state: stateOf(a.result), costNano: a.result?.costNanoUsd ?? null })),
      };
    });
}

function stateOf(result: Attempt | null): SampleLine['state'] {
  if (result === null) return 'running';
  if (result.status === 'ok') return 'ok';
  return result.status === 'cancelled' ? 'stopped' : 'failed';
}

/** "consistency sample 2 of 4 · qwen2.5:7b · $0.000012" (a running sample has no cost yet). */
export function sampleLineText(line: SampleLine): string {
  const parts = [`consistency sample ${line.number} of ${line.of}`, line.model];
  if (line.state === 'running') parts.push('running');
  else parts.push(formatNano(line.costNano));
  if (line.state === 'failed' || line.state === 'stopped') parts.push(line.state);
  return parts.join(' · ');
}

/**
 * One line for the whole group: a single sample reads as its own line; several as
 * "3 consistency samples · qwen2.5:7b · $0.000036 total". The total is unknown when any
 * finished sample's price is.
 */
export function sampleGroupText(group: SampleGroup): string {
  const [only] = group.lines;
  if (group.lines.length === 1 && only) return sampleLineText(only);
  const finished = group.lines.filter((l) => l.state !== 'running');
  const running = group.lines.length - finished.length;
  const failed = finished.filter((l) => l.state !== 'ok').length;
  const parts = [`${group.lines.length} consistency samples`, group.model];
  if (finished.length > 0) {
    const unknown = finished.some((l) => l.costNano === null);
    const total = finished.reduce((s, l) => s + (l.costNano ?? 0), 0);
    parts.push(unknown ? formatNano(null) : `${formatNano(total)} ${running > 0 ? 'so far' : 'total'}`);
  }
  if (running > 0) parts.push(`${running} running`);
  if (failed > 0) parts.push(`${failed} failed`);
  return parts.join(' · ');
}
