// The ledger read back for replay and what-if when drafters drew consistency samples: a sample is
// neither a second model's answer nor the answer the user got, but its cost was paid.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerReadonly, readWhatIfQueries } from '../../../electron/node/replay/ledger-source.ts';
import { importLedgerFile } from '../../../electron/node/replay/trace-files.ts';
import { readTraceText, toJsonl } from '../../../shared/core/replay/trace.ts';
import { whatIf } from '../../../shared/core/replay/whatif.ts';
import { T0, makeCall, makeQuery, tempDir } from '../sqlite/ledger-fixtures.ts';
import { sampleCall, sampledAcceptedQuery, sampledEscalatedQuery } from '../sqlite/sample-call-fixtures.ts';
import { writeLedgerFile } from './ledger-fixture.ts';

let dir: ReturnType<typeof tempDir>;
let path: string;

beforeEach(() => {
  dir = tempDir();
  path = writeLedgerFile(dir.dir, (ledger) => {
    ledger.recordQuery(sampledEscalatedQuery('esc', T0));
    ledger.recordQuery(sampledAcceptedQuery('acc', T0 + 1_000));
    ledger.recordQuery(
      makeQuery({
        id: 'failed',
        createdAt: T0 + 2_000,
        status: 'failed',
        costNano: 100 + 700 + 800,
        baselineCostNano: null,
        calls: [makeCall({ seq: 0, status: 'error', accepted: false, outputTokens: 0, costNano: 100, qualityScore: null, text: '', errorCode: 'timeout', errorMessage: 'slow' }), sampleCall(1), sampleCall(2)],
      }),
    );
  });
});
afterEach(() => dir.cleanup());

describe('ledger importer with consistency samples', () => {
  it("keeps the draft as the drafter's answer and its samples as that answer's samples", () => {
    const { items, scanned } = importLedgerFile(path, { from: null, to: T0 + 10_000 });
    expect(scanned).toBe(3);
    // Samples are not a second model: a sampled draft that was accepted, or that failed, has nothing to compare.
    expect(items.map((i) => i.id)).toEqual(['ledger-esc']);
    const esc = items[0];
    expect(Object.keys(esc?.responses ?? {})).toEqual(['llama3.2:3b', 'gpt-4o']);
    expect(esc?.responses['llama3.2:3b']).toEqual({
      text: 'The answer is 56.',
      usage: { input_tokens: 100, output_tokens: 50, cached_input_tokens: 0 },
      provider: 'ollama',
      tier: 0,
      cost_usd: 0.000001,
      // Nobody rated it: labelled by agreement with the verifier's answer (52), which it does not give.
      agrees_with_top: false,
      label_source: 'agreement',
      samples: [
        { text: 'sample 1: the answer is 52.', usage: { input_tokens: 100, output_tokens: 41, cached_input_tokens: 0 }, cost_usd: 0.0000007 },
        { text: 'sample 2: the answer is 52.', usage: { input_tokens: 100, output_tokens: 42, cached_input_tokens: 0 }, cost_usd: 0.0000008 },
      ],
    });
    expect(esc?.responses['gpt-4o']).toMatchObject({ text: 'The answer is 52.', tier: 1 });
    expect(esc?.responses['gpt-4o']?.samples).toBeUndefined();
    // The trace format accepts what the importer wrote.
    expect(readTraceText(toJsonl(items))[0]?.item.responses['llama3.2:3b']?.samples).toHaveLength(2);
  });
});

describe('what-if over a ledger with consistency samples', () => {
  it('re-prices the samples as spend but never takes one as the answer of the baseline', () => {
    const db = openLedgerReadonly(path);
    const queries = readWhatIfQueries(db, { from: T0, to: T0 + 10_000 });
    db.close();
    const r = whatIf(queries, { verifier: { model: 'gpt-4.1', provider: 'openai' }, pricing: { overrides: {}, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 } } });
    expect(r.calls).toBe(10);
    // Recorded: esc 302,500, acc 2,500, failed 1,600 nano.
    expect(r.actual_cost_usd).toBeCloseTo(306_600 / 1e9, 15);
    // Only the verifier call is re-priced: gpt-4.1 at $2/$8 for 120 in + 80 out = 880,000 nano.
    expect(r.whatif_cost_usd).toBeCloseTo((306_600 - 300_000 + 880_000) / 1e9, 15);
    expect(r.by_model.find((l) => l.model === 'llama3.2:3b')).toMatchObject({ calls: 9, repriced_as: 'unchanged' });
    // gpt-4.1 alone on each answer: esc's verifier (880,000) and acc's draft (100 in + 50 out = 600,000); failed has no answer.
    expect(r.whatif_baseline_usd).toBeCloseTo(1_480_000 / 1e9, 15);
  });
});
