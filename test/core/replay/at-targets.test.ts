// What the oracle and random routing need for each share of the verifier's quality the Replay
// view offers, measured once per run so the view can switch targets without re-running.
import { describe, expect, it } from 'vitest';
import { analyzeReplay, SWEEP_THRESHOLDS } from '../../../shared/core/replay/analyze.ts';
import { judgeTrace } from '../../../shared/core/replay/judge.ts';
import { prepareReplay } from '../../../shared/core/replay/prepare.ts';
import { cheapestReaching, TARGET_CHOICES } from '../../../shared/core/replay/recommend.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import type { TraceLine } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, PRICING, VERIFIER } from './fixtures.ts';

// 20 sums: the verifier is right on every one, the drafter on the even ones only (10 of 20).
// Random routing at escalation e keeps 0.5 + 0.5e of the verifier's quality; the oracle needs
// one escalation per wrong draft it must fix: 8 for 90% (18 of 20), 9 for 95%, 10 for 99%.
const usage = { input_tokens: 20, output_tokens: 10 };
const LINES: TraceLine[] = Array.from({ length: 20 }, (_, i) => {
  const sum = 2 * i + 3;
  const draft = i % 2 === 0 ? sum : sum + 1;
  return {
    line: i + 1,
    item: {
      id: `sum-${i}`,
      messages: [{ role: 'user' as const, content: `What is ${i} + ${i + 3}?` }],
      category: 'math',
      responses: {
        [DRAFTER]: { text: `${i} + ${i + 3} = ${draft}.\n#### ${draft}`, correct: draft === sum, usage },
        [VERIFIER]: { text: `${i} + ${i + 3} = ${sum}.\n#### ${sum}`, correct: true, usage },
      },
    },
  };
});

describe('a report carries what each router needs for every target the view offers', () => {
  it('has the oracle and random figures for 90%, 95% and 99%, whatever the run asked', async () => {
    const report = await replayTrace(LINES, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: SWEEP_THRESHOLDS });
    const drafts = report.baselines.always_drafter.cost_usd;
    const verifierPerQuery = report.baselines.always_verifier.cost_usd / 20;
    expect(report.at_targets.map((a) => a.target)).toEqual([...TARGET_CHOICES]);
    const expected = [
      { target: 0.9, oracle: 8, random: 0.8 },
      { target: 0.95, oracle: 9, random: 0.9 },
      { target: 0.99, oracle: 10, random: 0.98 },
    ];
    for (const [k, want] of expected.entries()) {
      const at = report.at_targets[k];
      expect(at?.target).toBe(want.target);
      expect(at?.oracle?.escalation_rate).toBeCloseTo(want.oracle / 20, 12);
      expect(at?.oracle?.relative_quality).toBeCloseTo((10 + want.oracle) / 20, 12);
      expect(at?.oracle?.cost_usd).toBeCloseTo(drafts + want.oracle * verifierPerQuery, 12);
      expect(at?.random?.escalation_rate).toBeCloseTo(want.random, 12);
      expect(at?.random?.relative_quality).toBeCloseTo(want.target, 12);
      // A random cascade pays the drafter on every query and the verifier on the escalated ones.
      expect(at?.random?.cost_usd).toBeCloseTo(drafts + want.random * 20 * verifierPerQuery, 12);
      expect(at?.validator).toEqual(cheapestReaching(report.points, want.target));
    }
    // The run's own target (95% by default) is the same figures as before.
    expect({ target: 0.95, ...report.at_target }).toEqual(report.at_targets[1]);
  });

  it("does not depend on the run's target, which keeps its own at_target", async () => {
    const at95 = await replayTrace(LINES, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: [0.7] });
    const at90 = await replayTrace(LINES, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: [0.7], targetQuality: 0.9 });
    expect(at90.at_targets).toEqual(at95.at_targets);
    expect({ target: 0.9, ...at90.at_target }).toEqual(at90.at_targets[0]);
    expect(at90.at_target.oracle?.escalation_rate).toBeCloseTo(0.4, 12);
  });

  it('leaves at_targets out for a caller that never reads them, with the same at_target', async () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    const judgements = await judgeTrace(p);
    for (const targetQuality of [0.95, 0.97]) {
      const full = analyzeReplay(p, judgements, { thresholds: [0.7], targetQuality });
      const lean = analyzeReplay(p, judgements, { thresholds: [0.7], targetQuality, atTargets: false });
      expect(lean.at_targets).toEqual([]);
      expect(lean.at_target).toEqual(full.at_target);
      expect(lean.recommended).toEqual(full.recommended);
    }
    // 97% is no choice of the view, so measured on its own: the oracle must fix all 10 wrong drafts (9 reach 19 of 20, 95%).
    const at97 = analyzeReplay(p, judgements, { thresholds: [0.7], targetQuality: 0.97, atTargets: false });
    expect(at97.at_target.oracle?.escalation_rate).toBeCloseTo(10 / 20, 12);
  });
});
