// Which sweep point the Replay view shows when none reaches the target: the closest one.
import { describe, expect, it } from 'vitest';
import type { ReplayPoint } from '../../shared/core/replay/metrics.ts';
import { bestQuality } from '../../renderer/src/features/replay/curve.ts';

const point = (threshold: number, relative: number | null, cost: number): ReplayPoint => ({
  threshold,
  escalation_rate: threshold,
  answered_by: { drafter: 1 - threshold, verifier: threshold },
  quality: relative,
  relative_quality: relative,
  cost_usd: cost,
  savings_pct: null,
});

describe('bestQuality', () => {
  it('takes the highest quality, and the cheaper threshold when two tie', () => {
    const points = [point(0.5, 0.9, 1), point(0.9, 0.946, 3), point(0.98, 0.946, 2), point(1, 0.94, 4)];
    expect(bestQuality(points)?.threshold).toBe(0.98);
  });

  it('has nothing to offer for a trace without labels', () => {
    expect(bestQuality([point(0.5, null, 1), point(1, null, 2)])).toBeNull();
  });
});
