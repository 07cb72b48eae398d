// A valid cache entry for the store tests, which care about keys, TTLs and answers only.
import type { CachedAnswer } from '../../../shared/core/cache/types.ts';

export function cachedAnswer(answer: string, storedAt = 0): CachedAnswer {
  return {
    version: 1,
    answer,
    model: 'drafter',
    provider: 'ollama',
    tier: 0,
    role: 'draft',
    finishReason: 'stop',
    quality: null,
    inputTokens: 10,
    outputTokens: 5,
    sourceQueryId: 'q-1',
    storedAt,
  };
}
