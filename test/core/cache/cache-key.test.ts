// What counts as "the same request" for the response cache.
import { describe, expect, it } from 'vitest';
import { cacheKeyMaterial, canonicalJson, type CacheKeyInput } from '../../../shared/core/cache/index.ts';
import { cacheConfigSchema } from '../../../shared/core/cache/config-schema.ts';

const base: CacheKeyInput = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'What is the capital of France?' },
  ],
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', baseUrl: 'http://127.0.0.1:11434' },
    { model: 'gpt-4o', provider: 'openai' },
  ],
  thresholds: [0.7, 0.7],
};
const key = (over: Partial<CacheKeyInput>) => cacheKeyMaterial({ ...base, ...over });

describe('cache key', () => {
  it('ignores line endings unicode form surrounding blanks and tool call ids', () => {
    expect(key({ messages: [{ role: 'system', content: 'Be brief.\r\n' }, { role: 'user', content: '  What is the capital of France?\n' }] })).toBe(key({}));
    expect(key({ messages: [{ role: 'user', content: 'caf\u00e9' }] })).toBe(key({ messages: [{ role: 'user', content: 'cafe\u0301' }] }));
    const withCall = (id: string) =>
      key({ messages: [{ role: 'assistant', content: '', toolCalls: [{ id, name: 'f', arguments: '{}' }] }, { role: 'tool', content: '42', toolCallId: id }] });
    expect(withCall('call_a')).toBe(withCall('call_b'));
    // Price, timeout and key settings do not change an answer.
    expect(key({ tiers: [{ ...base.tiers[0]!, timeoutMs: 5 }, { ...base.tiers[1]!, apiKeyEnv: 'OTHER_KEY', price: { inputPerMTok: 1, outputPerMTok: 1 } }] })).toBe(key({}));
  });

  it('changes with the conversation tiers thresholds and sampling parameters', () => {
    const variants: Partial<CacheKeyInput>[] = [
      { messages: [{ role: 'user', content: 'What is the capital of France?' }] },
      { messages: [{ role: 'user', content: 'What is the capital of france?' }, { role: 'system', content: 'Be brief.' }] },
      { temperature: 0 },
      { temperature: 0.5 },
      { maxTokens: 100 },
      { format: 'json' },
      { format: { type: 'object' } },
      { tools: [{ name: 'lookup' }] },
      { forceTop: true },
      { requireVerified: true },
      { thresholds: [0.5, 0.7] },
      { tiers: [base.tiers[1]!] },
      { tiers: [{ ...base.tiers[0]!, baseUrl: 'http://10.0.0.2:11434' }, base.tiers[1]!] },
      { tiers: [{ ...base.tiers[0]!, model: 'llama3.2:1b' }, base.tiers[1]!] },
    ];
    const keys = new Set([key({}), ...variants.map(key)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it('canonical json sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"f":2}]},"b":1}');
    expect(key({ format: { type: 'object', properties: { a: {}, b: {} } } })).toBe(key({ format: { properties: { b: {}, a: {} }, type: 'object' } }));
  });

  it('the config section is on when present and checks the redis url', () => {
    expect(cacheConfigSchema.parse({})).toEqual({ enabled: true, backend: 'sqlite', ttlSeconds: 86_400, keyPrefix: 'cascadeflow:cache:', timeoutMs: 1000 });
    expect(cacheConfigSchema.safeParse({ backend: 'redis', redisUrl: 'http://example.com' }).success).toBe(false);
    expect(cacheConfigSchema.safeParse({ backend: 'redis', redisUrl: 'rediss://:secret@cache.internal:6380/2' }).success).toBe(true);
    expect(cacheConfigSchema.safeParse({ ttlSeconds: 0 }).success).toBe(false);
  });
});
