// Which drafter evaluate calls best: the cheapest cascade among those keeping the target share of
// the verifier's quality. The seed ranks by acceptance alone, which picks a drafter accepted a
// little more often even when its own price makes the cascade cost more.
import { describe, expect, it } from 'vitest';
import { bestDrafter, type DrafterEvaluation } from '../../../shared/core/replay/evaluate.ts';

const drafter = (name: string, acceptance: number, cost: number, rel: number | null): DrafterEvaluation => ({
  drafter: name,
  queries: 100,
  acceptance_rate: acceptance,
  cost_usd: cost,
  quality: rel,
  relative_quality: rel,
  savings_pct: null,
  drafter_quality: null,
  recommended: null,
  pricing: '',
});

describe('the best drafter', () => {
  it('is the cheapest cascade among those reaching the target, not the one accepted most', () => {
    // haiku is accepted more (80% vs 75%) but its own price makes the cascade cost $1.40 vs $0.90.
    const haiku = drafter('claude-haiku', 0.8, 1.4, 0.97);
    const llama = drafter('llama3.2:3b', 0.75, 0.9, 0.96);
    const weak = drafter('tiny', 0.9, 0.5, 0.8);
    expect(bestDrafter([haiku, llama, weak], 0.95)).toBe('llama3.2:3b');
  });

  it('takes the one accepted more when two cost the same, and the closest when none reaches the target', () => {
    expect(bestDrafter([drafter('a', 0.7, 1, 0.96), drafter('b', 0.8, 1, 0.96)], 0.95)).toBe('b');
    expect(bestDrafter([drafter('a', 0.9, 0.2, 0.8), drafter('b', 0.5, 0.9, 0.9)], 0.95)).toBe('b');
    expect(bestDrafter([drafter('a', 0.9, 0.2, null)], 0.95)).toBeNull();
  });
});
