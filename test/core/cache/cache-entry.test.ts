// Which outcomes are cached, and the outcome of a hit: the cached answer at $0 with the top
// tier's estimated cost as baseline.
import { describe, expect, it } from 'vitest';
import { cacheableEntry, hitOutcome, parseCachedAnswer } from '../../../shared/core/cache/index.ts';
import type { Attempt, CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import type { TierConfig } from '../../../shared/core/config/schema.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/index.ts';
import { DEFAULT_CONFIG } from '../../../shared/core/config/schema.ts';

const attempt = (over: Partial<Attempt>): Attempt => ({
  model: 'llama3.2:3b',
  provider: 'ollama',
  tier: 0,
  role: 'draft',
  status: 'ok',
  accepted: true,
  quality: null,
  usage: { inputTokens: 30, outputTokens: 12, cachedInputTokens: 0, estimated: false },
  costUsd: 0,
  costNanoUsd: 0,
  pricing: 'energy',
  latencyMs: 100,
  ttftMs: 10,
  finishReason: 'stop',
  text: 'Paris.',
  ...over,
});

const outcome = (over: Partial<CascadeOutcome>): CascadeOutcome => ({
  runId: 'r1',
  queryId: 'q1',
  conversationId: null,
  status: 'ok',
  answer: 'Paris.',
  model: 'llama3.2:3b',
  provider: 'ollama',
  tier: 0,
  escalated: false,
  domain: 'general',
  complexity: 'simple',
  routing: { domain: 'general', domainReasons: [], complexity: 'simple', complexityReasons: [], tierModels: ['llama3.2:3b', 'gpt-4o'], skippedDrafter: false },
  attempts: [attempt({})],
  decision: 'Accepted',
  costUsd: 0,
  costNanoUsd: 0,
  baselineCostUsd: null,
  baselineCostNanoUsd: null,
  baselineEstimated: true,
  savingsUsd: null,
  latencyMs: 100,
  ...over,
});

describe('cache entries', () => {
  it('stores the accepted answer of a successful run only', () => {
    const escalated = outcome({
      answer: 'Paris, France.',
      model: 'gpt-4o',
      provider: 'openai',
      tier: 1,
      attempts: [attempt({ accepted: false }), attempt({ model: 'gpt-4o', provider: 'openai', tier: 1, role: 'verify', text: 'Paris, France.', usage: { inputTokens: 31, outputTokens: 4, cachedInputTokens: 0, estimated: false } })],
    });
    expect(cacheableEntry(escalated, 1234)).toEqual({
      version: 1,
      answer: 'Paris, France.',
      model: 'gpt-4o',
      provider: 'openai',
      tier: 1,
      role: 'verify',
      finishReason: 'stop',
      quality: null,
      inputTokens: 31,
      outputTokens: 4,
      sourceQueryId: 'q1',
      storedAt: 1234,
    });
    for (const status of ['unverified', 'failed', 'cancelled'] as const) expect(cacheableEntry(outcome({ status }), 0)).toBeNull();
    expect(cacheableEntry(outcome({ error: { code: 'x', message: 'y' } }), 0)).toBeNull();
    expect(cacheableEntry(outcome({ cache: { backend: 'sqlite', key: 'k', storedAt: 0, sourceQueryId: 'q0' } }), 0)).toBeNull();
    expect(cacheableEntry(outcome({ attempts: [attempt({ text: '' })] }), 0)).toBeNull();
  });

  it('keeps the draft of a sampled run, never a consistency sample, and refuses an entry claiming one', () => {
    const sample = (n: number, over: Partial<Attempt> = {}) => attempt({ role: 'sample', accepted: false, text: `Paris (sample ${n}).`, usage: { inputTokens: 30, outputTokens: 20 + n, cachedInputTokens: 0, estimated: false }, ...over });
    // Samples finish after the draft; one is even (wrongly) marked accepted: still not the answer.
    const sampled = outcome({ attempts: [attempt({}), sample(1), sample(2, { accepted: true })] });
    const entry = cacheableEntry(sampled, 7);
    expect(entry).toMatchObject({ answer: 'Paris.', role: 'draft', inputTokens: 30, outputTokens: 12 });
    // A run whose only accepted attempt is a sample has no answer to keep.
    expect(cacheableEntry(outcome({ attempts: [attempt({ accepted: false }), sample(1, { accepted: true })] }), 7)).toBeNull();
    expect(parseCachedAnswer(JSON.stringify({ ...entry, role: 'sample' }))).toBeNull();
  });

  it('a hit costs nothing and its baseline is the top tier estimate', () => {
    const entry = cacheableEntry(outcome({}), 1_000)!;
    const tiers: TierConfig[] = [
      { model: 'llama3.2:3b', provider: 'ollama', local: true },
      { model: 'gpt-4o', provider: 'openai', price: { inputPerMTok: 2.5, outputPerMTok: 10 } },
    ];
    const hit = hitOutcome(entry, {
      runId: 'r2',
      queryId: 'q2',
      conversationId: 'c1',
      routing: outcome({}).routing,
      tiers,
      pricing: pricingContextFromConfig(DEFAULT_CONFIG),
      hit: { backend: 'redis', key: 'abc', storedAt: 1_000, sourceQueryId: 'q1' },
      latencyMs: 2.4,
      now: 1_000 + 3 * 3_600_000,
    });
    expect(hit).toMatchObject({ runId: 'r2', queryId: 'q2', conversationId: 'c1', status: 'ok', answer: 'Paris.', costNanoUsd: 0, costUsd: 0, baselineEstimated: true, latencyMs: 2 });
    expect(hit.baselineCostNanoUsd).toBe(30 * 2500 + 12 * 10_000);
    expect(hit.savingsUsd).toBeCloseTo((30 * 2500 + 12 * 10_000) / 1e9, 15);
    expect(hit.attempts).toEqual([expect.objectContaining({ costNanoUsd: 0, pricing: 'override', accepted: true, usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false } })]);
    expect(hit.routing.domainReasons).toEqual(['served from the response cache (redis)']);
    expect(hit.decision).toBe("Served from the response cache: llama3.2:3b's answer to the same conversation 3 h ago (query q1); no model was called, so it cost $0.");
  });

  it("keeps a tool-calling answer's thinking blocks, for a hit to return like the run did", () => {
    const reasoning = { provider: 'anthropic' as const, model: 'claude-sonnet-4-6', blocks: [{ type: 'thinking' as const, thinking: 'Need the forecast.', signature: 'EqQBsig' }] };
    const toolCalls = [{ id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }];
    const called = outcome({ answer: '', toolCalls, reasoning, attempts: [attempt({ model: 'claude-sonnet-4-6', provider: 'anthropic', text: '', toolCalls })] });
    const stored = parseCachedAnswer(JSON.stringify(cacheableEntry(called, 9)));
    expect(stored?.reasoning).toEqual(reasoning);
    const hit = hitOutcome(stored!, {
      runId: 'r2',
      queryId: 'q2',
      conversationId: null,
      routing: called.routing,
      tiers: [{ model: 'claude-sonnet-4-6', provider: 'anthropic' }],
      pricing: pricingContextFromConfig(DEFAULT_CONFIG),
      hit: { backend: 'sqlite', key: 'k', storedAt: 9, sourceQueryId: 'q1' },
      latencyMs: 1,
      now: 10,
    });
    expect([hit.toolCalls, hit.reasoning]).toEqual([toolCalls, reasoning]);
    // A block without its signature could not be sent back: such an entry is not read.
    expect(parseCachedAnswer(JSON.stringify({ ...stored, reasoning: { ...reasoning, blocks: [{ type: 'thinking', thinking: 'x', signature: '' }] } }))).toBeNull();
  });

  it('reads back only valid entries', () => {
    const entry = cacheableEntry(outcome({}), 5)!;
    expect(parseCachedAnswer(JSON.stringify(entry))).toEqual(entry);
    expect(parseCachedAnswer('not json')).toBeNull();
    expect(parseCachedAnswer(JSON.stringify({ ...entry, version: 2 }))).toBeNull();
    expect(parseCachedAnswer(JSON.stringify({ ...entry, provider: 'mystery' }))).toBeNull();
    expect(parseCachedAnswer(JSON.stringify({ ...entry, tier: -1 }))).toBeNull();
  });
});
