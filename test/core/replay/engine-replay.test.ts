import { describe, expect, it } from 'vitest';
import { analyzeReplay, routingAt, SWEEP_THRESHOLDS } from '../../../shared/core/replay/analyze.ts';
import { finalTierAt } from '../../../shared/core/replay/decision.ts';
import { judgeTrace, runEngine } from '../../../shared/core/replay/judge.ts';
import { routingPoint } from '../../../shared/core/replay/metrics.ts';
import { matrixOf, prepareReplay } from '../../../shared/core/replay/prepare.ts';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import { estimateChatTokens, estimateTokens } from '../../../shared/core/tokens/estimate.ts';
import { DRAFTER, ITEMS, LINES, PRICING, VERIFIER } from './fixtures.ts';

describe('replay through the real engine', () => {
  it('streams each recorded answer and judges the real draft text', async () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    const outcomes = await runEngine(p, 0.7);
    const byId = new Map(outcomes.map((o, i) => [ITEMS[i]?.id, o]));
    const wrong = byId.get('wrong-arithmetic');
    expect(wrong?.attempts[0]?.text).toBe(ITEMS[0]?.responses[DRAFTER]?.text);
    expect(wrong?.attempts[0]?.quality?.hardFailure).toBe(true);
    expect(wrong?.model).toBe(VERIFIER);
    expect(wrong?.answer).toBe(ITEMS[0]?.responses[VERIFIER]?.text);
    expect(byId.get('empty-draft')?.model).toBe(VERIFIER);
    expect(byId.get('cut-off-draft')?.model).toBe(VERIFIER);
    expect(byId.get('good-prose')?.model).toBe(DRAFTER);
  });

  it('prices recorded usage at list price and a local drafter by the energy of its simulated generation time', async () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    const [outcome] = await runEngine(p, 0.7);
    const draft = outcome?.attempts[0];
    const verify = outcome?.attempts[1];
    // 24 output tokens at 30 tokens/s = 0.8 s of a 300 W GPU at $0.15/kWh = 10,000 nano-USD.
    expect(draft?.pricing).toBe('energy');
    expect(draft?.costNanoUsd).toBe(10_000);
    // gpt-4o list price $2.50 / $10 per 1M tokens: 30 x 2,500 + 22 x 10,000 nano.
    expect(verify?.usage).toMatchObject({ inputTokens: 30, outputTokens: 22 });
    expect(verify?.costNanoUsd).toBe(30 * 2_500 + 22 * 10_000);
    expect(outcome?.costNanoUsd).toBe(10_000 + 295_000);
  });

  it('counts tokens with the shared tokenizer when the trace has no usage', () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    const refusal = p.items.find((i) => i.id === 'refusal');
    const answer = refusal?.answers.get(VERIFIER);
    expect(answer?.counted).toBe(true);
    expect(answer?.usage.inputTokens).toBe(estimateChatTokens(refusal?.messages ?? []));
    expect(answer?.usage.outputTokens).toBe(estimateTokens('The capital of Australia is Canberra.'));
    expect(p.countedUsage.sort()).toEqual([DRAFTER, VERIFIER].sort());
  });

  it('derives every threshold from one strict pass exactly as full engine runs decide', async () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    const judgements = await judgeTrace(p);
    const scores = judgements.flatMap((j) => j.verdicts.flatMap((v) => (v ? [v.score] : [])));
    // Boundaries matter: thresholds exactly at, just above and just below each observed score.
    const thresholds = [...new Set([0, 0.5, 0.7, 1, ...scores.flatMap((s) => [s, Math.min(1, s + 1e-9), Math.max(0, s - 1e-9)])])];
    const m = matrixOf(p);
    for (const t of thresholds) {
      const full = await runEngine(p, t);
      const derived = routingAt(judgements, 2, t);
      expect(derived.final, `threshold ${t}`).toEqual(full.map((o) => o.tier));
      const fullCost = full.reduce((s, o) => s + (o.costNanoUsd ?? NaN), 0);
      expect(routingPoint(m, derived, t).cost_usd, `threshold ${t}`).toBeCloseTo(fullCost / 1e9, 15);
    }
    // The fixture exercises both outcomes at the default threshold.
    expect(new Set(judgements.map((j) => finalTierAt(j, 2, 0.7)))).toEqual(new Set([0, 1]));
  });

  it('escalates hard failures even at threshold 0', async () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    const judgements = await judgeTrace(p);
    const atZero = routingAt(judgements, 2, 0).final;
    expect(atZero[ITEMS.findIndex((i) => i.id === 'wrong-arithmetic')]).toBe(1);
    expect(atZero[ITEMS.findIndex((i) => i.id === 'right-arithmetic')]).toBe(0);
  });

  it('produces the documented report: baselines, one point per threshold, random per point and a recommendation', async () => {
    const report = await replayTrace(LINES, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: SWEEP_THRESHOLDS });
    expect(report.queries).toBe(6);
    expect(report.tiers).toEqual([DRAFTER, VERIFIER]);
    expect(report.points).toHaveLength(101);
    expect(report.baselines.random).toHaveLength(101);
    expect(report.baselines.always_verifier).toMatchObject({ escalation_rate: 1, quality: 1, relative_quality: 1, savings_pct: 0 });
    expect(report.baselines.always_drafter.quality).toBeCloseTo(2 / 6, 12);
    // Only the drafter's 4 wrong answers need the verifier.
    expect(report.baselines.oracle).toMatchObject({ escalation_rate: 4 / 6, quality: 1 });
    const rec = report.recommended;
    expect(rec).not.toBeNull();
    expect(rec?.relative_quality).toBeGreaterThanOrEqual(0.95);
    const cheaper = report.points.filter((pt) => pt.cost_usd < (rec?.cost_usd ?? 0));
    expect(cheaper.every((pt) => (pt.relative_quality ?? 0) < 0.95)).toBe(true);
    // The keys, plus the additive answered_by (each tier's share, summing to 1).
    for (const pt of report.points) {
      expect(Object.keys(pt).sort()).toEqual(['answered_by', 'cost_usd', 'escalation_rate', 'quality', 'relative_quality', 'savings_pct', 'threshold']);
      expect(pt.answered_by[DRAFTER]).toBeCloseTo(1 - pt.escalation_rate, 12);
      expect((pt.answered_by[DRAFTER] ?? 0) + (pt.answered_by[VERIFIER] ?? 0)).toBeCloseTo(1, 12);
    }
  });

  it('one threshold gives one point', async () => {
    const report = await replayTrace(LINES, { ...PRICING, tiers: [DRAFTER, VERIFIER], thresholds: [0.7] });
    expect(report.points.map((p) => p.threshold)).toEqual([0.7]);
    expect(report.baselines.random).toHaveLength(1);
    expect(report.baselines.random[0]?.escalation_rate).toBe(report.points[0]?.escalation_rate);
  });

  it('refuses a model without a price instead of pricing it at $0', () => {
    expect(() => prepareReplay(LINES, [DRAFTER, VERIFIER], { ...PRICING, local: [] })).toThrow(ReplayInputError);
    expect(() => prepareReplay(LINES, [DRAFTER, VERIFIER], { ...PRICING, local: [] })).toThrow(/no price is known for the model "small-local": give one with --price small-local=IN\/OUT .* or declare it local .* --local small-local/);
  });

  it('uses a --price for a model the list does not know', () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], { ...PRICING, local: [], prices: { [DRAFTER]: { inputPerMTok: 1, outputPerMTok: 2 } } });
    expect(p.items[0]?.costNano[0]).toBe(30 * 1_000 + 24 * 2_000);
    expect(p.tiers[0]?.pricing).toBe('override');
  });

  it('reports queries without an answer from every tier instead of dropping them silently', () => {
    const partial = [...LINES, { line: 7, item: { id: 'only-big', messages: [{ role: 'user' as const, content: 'hi' }], responses: { [VERIFIER]: { text: 'hello', correct: true } } } }];
    const p = prepareReplay(partial, [DRAFTER, VERIFIER], PRICING);
    expect(p.items).toHaveLength(6);
    expect(p.excluded).toEqual([{ id: 'only-big', line: 7, missing: [DRAFTER] }]);
  });

  it('analyzes a three-tier cascade with the same engine', async () => {
    const three = LINES.map((l) => ({ ...l, item: { ...l.item, responses: { ...l.item.responses, middle: { ...(l.item.responses[VERIFIER] ?? { text: '' }), cost_usd: 0.0001 } } } }));
    const report = await replayTrace(three, { ...PRICING, tiers: [DRAFTER, 'middle', VERIFIER], thresholds: [0.7] });
    expect(report.tiers).toEqual([DRAFTER, 'middle', VERIFIER]);
    expect(report.points[0]?.quality).toBe(1);
    expect(report.pricing[1]).toMatchObject({ model: 'middle', pricing: 'unknown', description: 'recorded cost_usd' });
  });

  it('rejects a mix of right/wrong labels and scores', () => {
    const mixed = LINES.map((l, i) => (i === 0 ? { ...l, item: { ...l.item, responses: { [DRAFTER]: { text: 'x', score: 3 }, [VERIFIER]: { text: 'y', score: 9 } } } } : l));
    expect(() => prepareReplay(mixed, [DRAFTER, VERIFIER], PRICING)).toThrow(/mixes right\/wrong labels/);
  });

  it('analyzeReplay needs one judgement per query', () => {
    const p = prepareReplay(LINES, [DRAFTER, VERIFIER], PRICING);
    expect(() => analyzeReplay(p, [], { thresholds: [0.7] })).toThrow(/expected 6 judgements/);
  });
});
