import { describe, expect, it } from 'vitest';
import { contextWindowOf, estimateChatTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS } from '../../../shared/core/tokens/estimate.ts';

describe('estimateTokens', () => {
  it('counts o200k tokens of plain text', () => {
    expect(estimateTokens('hello world')).toBe(2);
    expect(estimateTokens('')).toBe(0);
    // Roughly four characters per token for English prose.
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(50);
    const n = estimateTokens(prose);
    expect(n).toBeGreaterThan(prose.length / 6);
    expect(n).toBeLessThan(prose.length / 3);
  });

  it('counts special-token text in user input as text instead of throwing', () => {
    expect(estimateTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });
});

describe('estimateChatTokens', () => {
  it('adds a per-message overhead and the reply priming', () => {
    // 3 (priming) + 4 (framing) + 2 ("hello world") = 9, as OpenAI's counting guide gives for gpt-4o.
    expect(estimateChatTokens([{ role: 'user', content: 'hello world' }])).toBe(9);
    const two = estimateChatTokens([
      { role: 'system', content: 'hello world' },
      { role: 'user', content: 'hello world' },
    ]);
    expect(two).toBe(REPLY_PRIMING_TOKENS + 2 * (MESSAGE_OVERHEAD_TOKENS + 2));
    expect(estimateChatTokens([])).toBe(0);
  });

  it('counts tool-call arguments', () => {
    const plain = estimateChatTokens([{ role: 'assistant', content: '' }]);
    const withCall = estimateChatTokens([{ role: 'assistant', content: '', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] }]);
    expect(withCall - plain).toBe(estimateTokens('get_weather') + estimateTokens('{"city":"Paris"}'));
  });

  it('counts every text, tool calls included, with the counter it is given (the cache of a replay)', () => {
    const counted: string[] = [];
    const byLength = (text: string): number => (counted.push(text), text.length);
    const messages = [
      { role: 'user' as const, content: 'abc' },
      { role: 'assistant' as const, content: 'de', toolCalls: [{ name: 'calc', arguments: '{}' }] },
    ];
    expect(estimateChatTokens(messages, byLength)).toBe(REPLY_PRIMING_TOKENS + 2 * MESSAGE_OVERHEAD_TOKENS + 3 + 2 + 4 + 2);
    expect(counted).toEqual(['abc', 'de', 'calc', '{}']);
  });
});

describe('contextWindowOf', () => {
  it('reads cloud context windows from the price data', () => {
    expect(contextWindowOf('gpt-4o', 'openai')).toBe(128_000);
    expect(contextWindowOf('gpt-4o')).toBe(128_000);
    expect(contextWindowOf('claude-sonnet-4-5', 'anthropic')).toBe(200_000);
  });

  it('knows common local models', () => {
    expect(contextWindowOf('llama3.2:3b')).toBe(131_072);
    expect(contextWindowOf('llama3.1:8b-instruct-q4_K_M', 'ollama')).toBe(131_072);
    expect(contextWindowOf('qwen2.5:7b')).toBe(32_768);
    expect(contextWindowOf('mistral', 'ollama')).toBe(32_768);
    expect(contextWindowOf('meta-llama/Llama-3.1-8B-Instruct', 'vllm')).toBe(131_072);
  });

  it('does not take a hosted model\'s window for a local tag with a similar name', () => {
    // The price data would match "deepseek-r1:8b" to DeepSeek's hosted reasoner (64k).
    expect(contextWindowOf('deepseek-r1:8b')).toBe(131_072);
  });

  it('is null when nobody knows', () => {
    expect(contextWindowOf('my-finetune:latest')).toBeNull();
    expect(contextWindowOf('totally-unknown')).toBeNull();
  });
});
