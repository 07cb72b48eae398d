import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLedgerFile } from '../../../electron/node/replay/trace-files.ts';
import { openLedgerReadonly, readWhatIfQueries } from '../../../electron/node/replay/ledger-source.ts';
import { whatIf } from '../../../shared/core/replay/whatif.ts';
import { readTraceText, toJsonl } from '../../../shared/core/replay/trace.ts';
import { ledgerLabelCounts } from '../../../shared/core/replay/importers/ledger.ts';
import { T0, escalatedQuery, makeCall, makeQuery, tempDir } from '../sqlite/ledger-fixtures.ts';
import { writeLedgerFile, writeLedgerFixture } from './ledger-fixture.ts';

describe('ledger importer', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = writeLedgerFixture(dir.dir, T0);
  });
  afterEach(() => dir.cleanup());

  it('imports escalated and audited queries, not those only the drafter answered', () => {
    const { items, scanned } = importLedgerFile(path, { from: null, to: T0 + 10_000 });
    expect(scanned).toBe(3);
    expect(items.map((i) => i.id)).toEqual(['ledger-q-esc', 'ledger-q-audited']);
    expect(readTraceText(toJsonl(items)).length).toBe(2);
  });

  it('keeps both answers of an escalated query with their recorded usage and cost, and the conversation so far', () => {
    const esc = importLedgerFile(path, { from: null, to: T0 + 10_000 }).items[0];
    expect(esc?.messages).toEqual([
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: 'Hi! How can I help?' },
      { role: 'user', content: 'What is 2 + 2?' },
    ]);
    expect(esc?.responses['llama3.2:3b']).toMatchObject({ text: 'It is 5.', usage: { input_tokens: 100, output_tokens: 50, cached_input_tokens: 0 }, cost_usd: 0.000002 });
    // Thumbs down on the answer the user saw (the verifier's): it is labelled wrong; the draft stays unlabelled.
    expect(esc?.responses['gpt-4o']).toMatchObject({ text: 'verified answer', correct: false, cost_usd: 0.0003 });
    expect(esc?.responses['llama3.2:3b']?.correct).toBeUndefined();
  });

  it("takes an audited query's second answer from the audit, and its thumbs up labels the accepted draft", () => {
    const audited = importLedgerFile(path, { from: null, to: T0 + 10_000 }).items[1];
    expect(audited?.messages).toEqual([{ role: 'user', content: 'Capital of France?' }]);
    expect(audited?.responses['llama3.2:3b']).toMatchObject({ text: 'Paris', correct: true });
    expect(audited?.responses['gpt-4o']).toMatchObject({ text: 'Paris.', cost_usd: 0.00025, audit: true });
  });

  it('says where each label came from: the rating (which covers the answers agreeing with the rated one), never agreement with a top answer rated wrong', () => {
    const [esc, audited] = importLedgerFile(path, { from: null, to: T0 + 10_000 }).items;
    expect(esc).toMatchObject({ source: 'ledger' });
    expect(esc?.responses['gpt-4o']).toMatchObject({ correct: false, label_source: 'feedback' });
    expect(esc?.responses['llama3.2:3b']).not.toHaveProperty('label_source');
    expect(audited).toMatchObject({ source: 'ledger', reference_model: 'gpt-4o' });
    expect(audited?.responses['llama3.2:3b']).toMatchObject({ correct: true, label_source: 'feedback' });
    // "Paris." agrees with the "Paris" the user rated up: right by that rating.
    expect(audited?.responses['gpt-4o']).toMatchObject({ correct: true, agrees_with_top: true, label_source: 'feedback' });
  });

  it('honours the time range', () => {
    expect(importLedgerFile(path, { from: T0 + 500, to: T0 + 10_000 }).items.map((i) => i.id)).toEqual(['ledger-q-audited']);
  });
});

describe('ledger importer: the configured top tier is the reference', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  const MID = 'qwen2.5:14b';
  beforeEach(() => {
    dir = tempDir();
    path = writeLedgerFile(dir.dir, (ledger) => {
      // Two tiers, escalated to the top one: labelled by agreement with it.
      ledger.recordQuery(escalatedQuery('two', T0, { prompt: 'What is 3 * 4?', calls: escalatedQuery('two', T0).calls.map((c) => ({ ...c, text: c.tier === 0 ? '3 * 4 = 12' : 'It is 12.' })) }));
      // Three tiers, the draft escalated to the middle tier, which was accepted and not audited: no answer of the top tier.
      ledger.recordQuery(
        makeQuery({
          id: 'mid',
          runId: 'run-mid',
          createdAt: T0 + 1_000,
          prompt: 'What is 3 * 4?',
          topTier: 2,
          finalTier: 1,
          finalModel: MID,
          escalated: true,
          calls: [makeCall({ seq: 0, accepted: false, text: '3 * 4 = 13' }), makeCall({ seq: 1, model: MID, tier: 1, role: 'draft', text: 'It is 12.' })],
        }),
      );
    });
  });
  afterEach(() => dir.cleanup());

  it('labels a query by agreement with the configured top tier only, not with a middle tier that happened to answer last', () => {
    const [two, mid] = importLedgerFile(path, { from: null, to: T0 + 10_000 }).items;
    expect(two).toMatchObject({ id: 'ledger-two', reference_model: 'gpt-4o' });
    expect(two?.responses['llama3.2:3b']).toMatchObject({ agrees_with_top: true, label_source: 'agreement' });
    expect(mid?.id).toBe('ledger-mid');
    expect(mid).not.toHaveProperty('reference_model');
    expect(Object.values(mid?.responses ?? {}).map((r) => [r.label_source, r.agrees_with_top, r.correct])).toEqual([
      [undefined, undefined, undefined],
      [undefined, undefined, undefined],
    ]);
    expect(ledgerLabelCounts(mid ? [mid] : [])).toEqual({ feedback: 0, agreement: 0, none: 2 });
  });
});

describe('ledger importer: a thumbs-up the top tier contradicts', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = writeLedgerFile(dir.dir, (ledger) => {
      // The accepted draft says 12, the audit 13; the user rated the draft up.
      ledger.recordQuery(makeQuery({ id: 'up', prompt: 'What is 3 * 4?', domain: 'math', calls: [makeCall({ text: '3 * 4 = 12' })] }));
      ledger.recordAudit({ queryId: 'up', topModel: 'gpt-4o', topAnswer: 'It is 13.', agrees: false, similarity: 0.2, costNano: 250_000, createdAt: T0 + 10 });
      ledger.setFeedback('up', 'up');
      // The same disagreement, unrated: the audit is the reference, the draft wrong by it.
      ledger.recordQuery(makeQuery({ id: 'unrated', runId: 'run-u', createdAt: T0 + 1_000, prompt: 'What is 5 * 4?', domain: 'math', calls: [makeCall({ text: '5 * 4 = 20' })] }));
      ledger.recordAudit({ queryId: 'unrated', topModel: 'gpt-4o', topAnswer: 'It is 21.', agrees: false, similarity: 0.2, costNano: 250_000, createdAt: T0 + 1_010 });
    });
  });
  afterEach(() => dir.cleanup());

  it("labels the top tier's answer wrong by the rating, never right by agreeing with itself", () => {
    const [up, unrated] = importLedgerFile(path, { from: null, to: T0 + 10_000 }).items;
    expect(up?.responses['llama3.2:3b']).toMatchObject({ correct: true, label_source: 'feedback' });
    expect(up?.responses['gpt-4o']).toMatchObject({ correct: false, label_source: 'feedback', audit: true });
    expect(up).not.toHaveProperty('reference_model');
    expect(unrated).toMatchObject({ reference_model: 'gpt-4o' });
    expect(unrated?.responses['gpt-4o']).toMatchObject({ agrees_with_top: true, label_source: 'agreement' });
    expect(unrated?.responses['llama3.2:3b']).toMatchObject({ agrees_with_top: false, label_source: 'agreement' });
    expect(ledgerLabelCounts([up, unrated].filter((i) => i !== undefined))).toEqual({ feedback: 2, agreement: 2, none: 0 });
  });
});

describe('what-if re-pricing of a real ledger', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;
  beforeEach(() => {
    dir = tempDir();
    path = writeLedgerFixture(dir.dir, T0);
  });
  afterEach(() => dir.cleanup());

  it('re-prices the verifier calls as another model and local calls at another electricity price', () => {
    const db = openLedgerReadonly(path);
    const queries = readWhatIfQueries(db, { from: T0, to: T0 + 10_000 });
    db.close();
    const r = whatIf(queries, {
      verifier: { model: 'gpt-4.1', provider: 'openai' },
      pricing: { overrides: {}, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 } },
      electricityUsdPerKwh: 0.3,
    });
    expect(r.queries).toBe(3);
    expect(r.calls).toBe(4);
    // Recorded: drafts 2,000 + 1,000 + 1,000 nano, verifier 300,000 nano.
    expect(r.actual_cost_usd).toBeCloseTo(304_000 / 1e9, 15);
    // 300 W for 0.9 s at $0.30/kWh = 22,500 nano per draft; gpt-4.1 at $2/$8 for 120 in + 80 out = 880,000 nano.
    expect(r.whatif_cost_usd).toBeCloseTo((3 * 22_500 + 880_000) / 1e9, 15);
    // gpt-4.1 alone on each answer's tokens: 880,000 + 2 x (100 in + 50 out = 600,000).
    expect(r.whatif_baseline_usd).toBeCloseTo(2_080_000 / 1e9, 15);
    expect(r.whatif_savings_pct).toBeCloseTo(((2_080_000 - 947_500) / 2_080_000) * 100, 10);
    expect(r.by_model.find((l) => l.model === 'gpt-4o')?.repriced_as).toBe('as gpt-4.1');
  });

  it('opens the ledger read-only: nothing is written', () => {
    const db = openLedgerReadonly(path);
    try {
      expect(() => db.exec("UPDATE queries SET feedback = 'up'")).toThrow(/readonly/);
    } finally {
      db.close();
    }
  });
});
