// Ledger rows of runs whose drafter drew consistency samples (role 'sample'): every sample is a
// paid call of the drafter's model, never accepted, with token counts unlike the draft's so a
// sample mistaken for the answer shows in any figure derived from "the answer".
import type { CallRecord, QueryRecord } from '../../../shared/core/ledger/types.ts';
import { T0, escalatedQuery, makeCall, makeQuery } from './ledger-fixtures.ts';

export function sampleCall(seq: number, overrides: Partial<CallRecord> = {}): CallRecord {
  return makeCall({
    seq,
    role: 'sample',
    accepted: false,
    inputTokens: 100,
    outputTokens: 40 + seq,
    costNano: 600 + 100 * seq,
    qualityScore: null,
    qualityJson: null,
    text: `sample ${seq}: the answer is 52.`,
    ...overrides,
  });
}

/** Draft (rejected), two samples (700 + 800 nano), then the cloud verifier's answer (300,000 nano). */
export function sampledEscalatedQuery(id: string, createdAt = T0, overrides: Partial<QueryRecord> = {}): QueryRecord {
  return escalatedQuery(id, createdAt, {
    costNano: 1_000 + 700 + 800 + 300_000,
    prompt: 'What is 13 * 4?',
    answer: 'The answer is 52.',
    calls: [
      makeCall({ seq: 0, accepted: false, qualityScore: 0.4, costNano: 1_000, text: 'The answer is 56.' }),
      sampleCall(1),
      sampleCall(2),
      makeCall({ seq: 3, provider: 'openai', model: 'gpt-4o', tier: 1, role: 'verify', local: false, inputTokens: 120, outputTokens: 80, pricing: 'list', costNano: 300_000, qualityScore: 0.95, text: 'The answer is 52.' }),
    ],
    ...overrides,
  });
}

/** The draft accepted (quality 0.9, 100 in / 50 out), its two samples agreeing. */
export function sampledAcceptedQuery(id: string, createdAt = T0, overrides: Partial<QueryRecord> = {}): QueryRecord {
  return makeQuery({
    id,
    runId: `run-${id}`,
    createdAt,
    costNano: 1_000 + 700 + 800,
    calls: [makeCall({ seq: 0, text: 'The answer is 4.' }), sampleCall(1, { text: '2 + 2 = 4' }), sampleCall(2, { text: 'It is 4.' })],
    ...overrides,
  });
}
