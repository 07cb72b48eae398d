// Token counts of recorded text, remembered across replays. A trace without usage is priced
// from counted tokens, and counting (BPE) is the slowest part of preparing a replay; the same
// trace is replayed again and again (a sweep after a single threshold, another drafter, the
// UI's next run), so each text is counted once per process. Bounded by total characters.
import type { ChatMessage } from '../model.ts';
import { estimateChatTokens, estimateTokens } from '../tokens/estimate.ts';

/** About 64 MB of UTF-16 keys at most; the oldest texts are forgotten first. */
const MAX_CACHED_CHARS = 32_000_000;
/** Short texts are cheap to count and would only churn the cache. */
const MIN_CACHED_CHARS = 16;

const counts = new Map<string, number>();
let cachedChars = 0;

export function countTokensCached(text: string): number {
  if (text.length < MIN_CACHED_CHARS) return estimateTokens(text);
  const hit = counts.get(text);
  if (hit !== undefined) return hit;
  const n = estimateTokens(text);
  if (text.length <= MAX_CACHED_CHARS) {
    counts.set(text, n);
    cachedChars += text.length;
    for (const key of counts.keys()) {
      if (cachedChars <= MAX_CACHED_CHARS) break;
      counts.delete(key);
      cachedChars -= key.length;
    }
  }
  return n;
}

/** estimateChatTokens (shared/core/tokens/estimate.ts) with each text counted through the cache. */
export function countChatTokensCached(messages: readonly ChatMessage[]): number {
  return estimateChatTokens(messages, countTokensCached);
}
