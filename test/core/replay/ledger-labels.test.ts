// Labels of a ledger trace: the user's rating where they gave one, else agreement with the top
// tier's answer (the rule `record` uses without an expected answer), and what a replay makes of both.
import { describe, expect, it } from 'vitest';
import { ledgerLabelCounts, ledgerTraceItem, type LedgerCallInput, type LedgerQueryInput } from '../../../shared/core/replay/importers/ledger.ts';
import { prepareReplay } from '../../../shared/core/replay/prepare.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import { parseTrace, toJsonl, type TraceItem } from '../../../shared/core/replay/trace.ts';

const call = (model: string, tier: number, text: string, o: Partial<LedgerCallInput> = {}): LedgerCallInput => ({
  seq: tier,
  provider: tier === 0 ? 'ollama' : 'openai',
  model,
  tier,
  role: tier === 0 ? 'draft' : 'verify',
  status: 'ok',
  text,
  inputTokens: 20,
  outputTokens: 10,
  cachedInputTokens: 0,
  costNano: tier === 0 ? 0 : 1_000,
  ...o,
});

/** A math question the cascade escalated from `small` to `big` (and `mid` when given). */
function escalated(id: string, answers: { small: string; mid?: string; big: string }, feedback: 'up' | 'down' | null = null): LedgerQueryInput {
  const calls = [call('small', 0, answers.small)];
  if (answers.mid !== undefined) calls.push(call('mid', 1, answers.mid));
  calls.push(call('big', answers.mid !== undefined ? 2 : 1, answers.big));
  return {
    id,
    createdAt: 0,
    domain: 'math',
    prompt: `How many? (${id})`,
    status: 'ok',
    finalModel: 'big',
    escalated: true,
    feedback,
    topTier: answers.mid !== undefined ? 2 : 1,
    history: null,
    calls,
    audits: [],
  };
}

/** A three-tier query (small, mid, big) whose draft the cascade escalated to `mid`, which it accepted: `big` never answered. */
function stoppedAtMiddle(id: string, answers: { small: string; mid: string }, feedback: 'up' | 'down' | null, audit?: string): LedgerQueryInput {
  return {
    ...escalated(id, { ...answers, big: '' }, feedback),
    finalModel: 'mid',
    calls: [call('small', 0, answers.small), call('mid', 1, answers.mid, { role: 'draft' })],
    audits: audit === undefined ? [] : [{ topModel: 'big', topAnswer: audit, costNano: 1_000 }],
  };
}

/** A draft of `small` the validator accepted, audited by `big`. */
function audited(id: string, draft: string, audit: string, feedback: 'up' | 'down' | null): LedgerQueryInput {
  return { ...escalated(id, { small: draft, big: '' }), finalModel: 'small', escalated: false, feedback, calls: [call('small', 0, draft)], audits: [{ topModel: 'big', topAnswer: audit, costNano: 1_000 }] };
}

const item = (q: LedgerQueryInput): TraceItem => {
  const i = ledgerTraceItem(q);
  if (i === null) throw new Error('expected an item');
  return i;
};

describe('ledger trace labels', () => {
  it('labels an unrated query by agreement with the top tier, as record does, and says so', () => {
    const i = item(escalated('a', { small: 'So 3 * 4 = 12.\n#### 12', big: 'The total is 12.' }));
    expect(i.source).toBe('ledger');
    expect(i.reference_model).toBe('big');
    expect(i.responses.small).toMatchObject({ agrees_with_top: true, label_source: 'agreement' });
    expect(i.responses.big).toMatchObject({ agrees_with_top: true, label_source: 'agreement' });
    expect(i.responses.small?.correct).toBeUndefined();
    const wrong = item(escalated('b', { small: '#### 13', big: 'The total is 12.' }));
    expect(wrong.responses.small).toMatchObject({ agrees_with_top: false, label_source: 'agreement' });
  });

  it("keeps the user's rating on the answer they rated, over agreement", () => {
    // The user rated the accepted draft wrong; the audit agrees with nothing it says.
    const i = item(audited('c', '#### 13', 'It is 12.', 'down'));
    expect(i.responses.small).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(i.responses.big).toMatchObject({ agrees_with_top: true, label_source: 'agreement', audit: true });
    const up = item(escalated('d', { small: '#### 13', big: '#### 12' }, 'up'));
    expect(up.responses.big).toMatchObject({ correct: true, label_source: 'feedback' });
    expect(up.responses.small).toMatchObject({ agrees_with_top: false, label_source: 'agreement' });
  });

  it('does not label by agreement with a top answer the user rated wrong', () => {
    const i = item(escalated('e', { small: '#### 13', big: '#### 12' }, 'down'));
    expect(i.responses.big).toMatchObject({ correct: false, label_source: 'feedback' });
    // Disagreeing with a wrong answer would have labelled the draft wrong: it may be right or wrong.
    expect(i.responses.small).not.toHaveProperty('agrees_with_top');
    expect(i.responses.small).not.toHaveProperty('label_source');
    expect(i).not.toHaveProperty('reference_model');
    expect(ledgerLabelCounts([i])).toEqual({ feedback: 1, agreement: 0, none: 1 });
  });

  it('gives a three-tier query that stopped at the middle tier no reference: the middle tier is not the top', () => {
    const i = item(stoppedAtMiddle('g', { small: '#### 7', mid: '#### 12' }, null));
    expect(i).not.toHaveProperty('reference_model');
    for (const r of Object.values(i.responses)) {
      expect(r).not.toHaveProperty('agrees_with_top');
      expect(r).not.toHaveProperty('label_source');
      expect(r).not.toHaveProperty('correct');
    }
    expect(ledgerLabelCounts([i])).toEqual({ feedback: 0, agreement: 0, none: 2 });
    // Rated, only the rating labels it: the draft that disagrees with the rated answer stays unlabelled.
    const rated = item(stoppedAtMiddle('h', { small: '#### 7', mid: '#### 12' }, 'up'));
    expect(rated.responses.mid).toMatchObject({ correct: true, label_source: 'feedback' });
    expect(rated.responses.small).not.toHaveProperty('label_source');
    expect(rated).not.toHaveProperty('reference_model');
    // Audited, the audit is the top tier's answer and the reference.
    const audited = item(stoppedAtMiddle('i', { small: '#### 7', mid: '#### 12' }, null, 'It is 12.'));
    expect(audited.reference_model).toBe('big');
    expect([audited.responses.small?.agrees_with_top, audited.responses.mid?.agrees_with_top, audited.responses.big?.agrees_with_top]).toEqual([false, true, true]);
  });

  it('takes the highest tier that answered as the top of a three-tier query', () => {
    const i = item(escalated('f', { small: '#### 7', mid: '#### 12', big: '#### 12' }));
    expect(i.reference_model).toBe('big');
    expect([i.responses.small?.agrees_with_top, i.responses.mid?.agrees_with_top, i.responses.big?.agrees_with_top]).toEqual([false, true, true]);
  });
});

describe('a rating covers the answers that agree with the rated one', () => {
  it('a thumbs-down on an accepted draft makes an audit that agrees with it wrong, not right by agreeing with itself', () => {
    const i = item(audited('r1', 'So 3 * 4 = 12.\n#### 12', 'The total is 12.', 'down'));
    expect(i.responses.small).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(i.responses.big).toMatchObject({ correct: false, label_source: 'feedback', audit: true });
    // The reference is known wrong: agreement with it labels nothing.
    expect(i).not.toHaveProperty('reference_model');
    expect(ledgerLabelCounts([i])).toEqual({ feedback: 2, agreement: 0, none: 0 });
  });

  it('a thumbs-up on a draft makes an audit that agrees with it right by the rating', () => {
    const i = item(audited('r2', '#### 12', 'It is 12.', 'up'));
    expect(i.responses.small).toMatchObject({ correct: true, label_source: 'feedback' });
    expect(i.responses.big).toMatchObject({ correct: true, label_source: 'feedback', agrees_with_top: true });
    expect(i.reference_model).toBe('big');
  });

  it('a thumbs-up on a draft the audit contradicts makes the audit wrong, as a thumbs-down on it would, not right by agreeing with itself', () => {
    const i = item(audited('r5', 'So 3 * 4 = 12.\n#### 12', 'The total is 13.', 'up'));
    expect(i.responses.small).toMatchObject({ correct: true, label_source: 'feedback' });
    expect(i.responses.big).toMatchObject({ correct: false, label_source: 'feedback', audit: true });
    // The top tier's answer is known wrong: agreement with it labels nothing, and it is no reference.
    expect(i.responses.big).not.toHaveProperty('agrees_with_top');
    expect(i).not.toHaveProperty('reference_model');
    expect(ledgerLabelCounts([i])).toEqual({ feedback: 2, agreement: 0, none: 0 });
    // The same query rated down: the draft wrong, the audit labelled by agreement with itself.
    const down = item(audited('r6', 'So 3 * 4 = 12.\n#### 12', 'The total is 13.', 'down'));
    expect(down.responses.small).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(down.responses.big).toMatchObject({ agrees_with_top: true, label_source: 'agreement' });
  });

  it('a thumbs-up on the middle tier the top contradicts: the answers agreeing with the top are wrong too, the others stay unlabelled', () => {
    // Three tiers, stopped at the middle one (rated up), audited by the top; the draft agrees with the audit.
    const i = item(stoppedAtMiddle('r7', { small: '#### 13', mid: '#### 12' }, 'up', 'It is 13.'));
    expect(i.responses.mid).toMatchObject({ correct: true, label_source: 'feedback' });
    expect(i.responses.big).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(i.responses.small).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(i).not.toHaveProperty('reference_model');
    // A draft that agrees with neither: nothing says whether it is right.
    const other = item(stoppedAtMiddle('r8', { small: '#### 7', mid: '#### 12' }, 'up', 'It is 13.'));
    expect(other.responses.small).not.toHaveProperty('label_source');
    expect(other.responses.small).not.toHaveProperty('correct');
  });

  it('covers only the answers that agree: the others are labelled by agreement with the top, or stay unlabelled when the top is rated wrong', () => {
    // Rated down on the verifier; the middle tier gave the same number, the draft another.
    const q: LedgerQueryInput = escalated('r3', { small: '#### 7', mid: 'That makes 12.', big: '#### 12' }, 'down');
    const i = item(q);
    expect(i.responses.big).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(i.responses.mid).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(i.responses.small).not.toHaveProperty('label_source');
    // Rated up on the verifier: the middle tier is right by the rating, the draft wrong by agreement.
    const up = item({ ...q, id: 'r4', feedback: 'up' });
    expect(up.responses.mid).toMatchObject({ correct: true, label_source: 'feedback' });
    expect(up.responses.small).toMatchObject({ agrees_with_top: false, label_source: 'agreement' });
    expect(up.responses.small).not.toHaveProperty('correct');
  });
});

describe('replay of a ledger trace', () => {
  const opts = { local: ['small'], prices: { big: { inputPerMTok: 10, outputPerMTok: 30 } }, energy: { gpuWatts: 300, electricityUsdPerKwh: 0.15 }, timing: { tokensPerSecond: 30 } };
  // q1 rated up on the verifier, the draft disagrees; q2 and q3 unrated, the draft agrees on q2
  // only; q4 rated down on the verifier: nothing says whether the draft is right.
  const items = [
    item(escalated('q1', { small: '#### 13', big: '#### 12' }, 'up')),
    item(escalated('q2', { small: '#### 5', big: '#### 5' })),
    item(escalated('q3', { small: '#### 8', big: '#### 9' })),
    item(escalated('q4', { small: '#### 2', big: '#### 3' }, 'down')),
  ];
  const { items: lines, issues } = parseTrace(toJsonl(items));

  it('measures accuracy from the ratings and agreement together, and leaves out the query without every label', () => {
    expect(issues).toEqual([]);
    const p = prepareReplay(lines, ['small', 'big'], opts);
    expect(p.metric).toBe('accuracy');
    expect(p.items.map((i) => [i.id, i.labels])).toEqual([
      ['ledger-q1', [0, 1]],
      ['ledger-q2', [1, 1]],
      ['ledger-q3', [0, 1]],
    ]);
    expect(p.unlabelled).toEqual([{ id: 'ledger-q4', line: 4, missing: ['small'] }]);
    expect(p.ledger).toEqual({ queries: 3, labels: { feedback: 1, agreement: 5 } });
  });

  it('says in the report that the set is biased, and how it is labelled', async () => {
    const report = await replayTrace(lines, { ...opts, tiers: ['small', 'big'], thresholds: [0.7] });
    expect(report.queries).toBe(3);
    expect(report.unlabelled).toEqual({ count: 1, ids: ['ledger-q4'] });
    expect(report.from_ledger).toMatchObject({ queries: 3, labels: { feedback: 1, agreement: 5 } });
    expect(report.from_ledger?.note).toMatch(/only the queries the live validator escalated or that were audited .* not a sample of all your traffic/);
    expect(report.baselines.always_drafter.quality).toBeCloseTo(1 / 3, 12);
    expect(report.baselines.always_verifier.quality).toBe(1);
  });

  it('a benchmark trace has no from_ledger', async () => {
    const plain = lines.map((l) => ({ ...l, item: { ...l.item, source: undefined } }));
    const report = await replayTrace(plain, { ...opts, tiers: ['small', 'big'], thresholds: [0.7] });
    expect(report.from_ledger).toBeNull();
  });
});
