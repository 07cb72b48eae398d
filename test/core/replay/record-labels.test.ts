import { describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../shared/core/config/schema.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/context.ts';
import { answerKindOf, parsePromptSet, type PromptItem } from '../../../shared/core/replay/prompt-set.ts';
import { estimateRecording } from '../../../shared/core/replay/record-estimate.ts';
import { matchesExpected, recordedTraceItem, type LiveAnswer } from '../../../shared/core/replay/record-labels.ts';
import { prepareReplay } from '../../../shared/core/replay/prepare.ts';
import { replayTrace } from '../../../shared/core/replay/replay.ts';
import { parseTrace, toJsonl } from '../../../shared/core/replay/trace.ts';
import { estimateChatTokens } from '../../../shared/core/tokens/estimate.ts';

const usage = { inputTokens: 20, outputTokens: 10, cachedInputTokens: 0, cacheWriteTokens: 0 };
const live = (model: string, text: string, costNano: number | null = 1000): LiveAnswer => ({ model, provider: 'openai', text, usage, usageCounted: false, costNano, finishReason: 'stop', latencyMs: 812.4 });

describe('prompt sets', () => {
  it('accepts prompt or messages, an expected number, choice or text, and infers how to compare', () => {
    const text = [
      JSON.stringify({ id: 'a', prompt: 'What is 17 * 23?', expected: 391 }),
      '',
      JSON.stringify({ id: 7, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Pick one: A) 1 B) 2' }], expected: '(B)' }),
      JSON.stringify({ id: 'c', prompt: 'Capital of France?', expected: 'Paris', category: 'geo' }),
      JSON.stringify({ id: 'd', prompt: 'Write a haiku.' }),
    ].join('\n');
    const { items, issues } = parsePromptSet(text);
    expect(issues).toEqual([]);
    expect(items.map((i) => [i.id, i.line, i.expects ?? null, i.expected ?? null])).toEqual([
      ['a', 1, 'number', '391'],
      ['7', 3, 'choice', '(B)'],
      ['c', 4, 'text', 'Paris'],
      ['d', 5, null, null],
    ]);
    expect(items[1]?.messages).toEqual([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Pick one: A) 1 B) 2' }]);
    expect(answerKindOf('$1,250.50')).toBe('number');
    expect(answerKindOf('c')).toBe('choice');
  });

  it('names the line of every bad prompt', () => {
    const text = [
      JSON.stringify({ id: 'a', prompt: 'ok' }),
      '{"id": "b", "prompt": ',
      JSON.stringify({ id: 'c' }),
      JSON.stringify({ id: 'd', prompt: 'x', messages: [{ role: 'user', content: 'y' }] }),
      JSON.stringify({ id: 'e', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }] }),
      JSON.stringify({ id: 'a', prompt: 'again' }),
      JSON.stringify({ prompt: 'no id' }),
    ].join('\n');
    const { items, issues } = parsePromptSet(text);
    expect(items.map((i) => i.id)).toEqual(['a']);
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(issues[0]?.message).toMatch(/^not valid JSON/);
    expect(issues[1]?.message).toBe('prompt: give either "prompt" or "messages"');
    expect(issues[3]?.message).toBe("messages: the last message must be the user's");
    expect(issues[4]?.message).toBe('id: "a" is already used on line 1');
    expect(issues[5]?.message).toMatch(/^id: /);
    expect(parsePromptSet('\n\n').issues).toEqual([{ line: 1, message: 'the prompt set has no prompts' }]);
  });
});

describe('labels of live answers', () => {
  it('compares numbers by the final answer, choices by letter, text as whole words', () => {
    expect(matchesExpected('17 * 23 = 391.\n#### 391', '391', 'number')).toBe(true);
    expect(matchesExpected('The total is $1,250.50', '1250.5', 'number')).toBe(true);
    expect(matchesExpected('17 * 23 = 381', '391', 'number')).toBe(false);
    expect(matchesExpected('I do not know', '391', 'number')).toBe(false);
    expect(matchesExpected('ok', '18', 'number')).toBe(false);
    expect(matchesExpected('The answer is (B).', 'B', 'choice')).toBe(true);
    expect(matchesExpected('The answer is C', 'B', 'choice')).toBe(false);
    expect(matchesExpected('Hmm.', 'B', 'choice')).toBe(false);
    expect(matchesExpected('The capital of France is Paris.', 'Paris', 'text')).toBe(true);
    expect(matchesExpected('PARIS', 'paris', 'text')).toBe(true);
    expect(matchesExpected('Parisian food is great.', 'Paris', 'text')).toBe(false);
    expect(matchesExpected('?!', '...', 'text')).toBe(false);
  });

  it('labels by the expected answer when there is one', () => {
    const prompt: PromptItem = { id: 'q', line: 1, messages: [{ role: 'user', content: 'What is 17 * 23?' }], expected: '391', expects: 'number' };
    const item = recordedTraceItem(prompt, [live('small', '17 * 23 = 381'), live('big', '#### 391')], '2026-11-28T00:00:00.000Z');
    expect(item.responses.small).toMatchObject({ correct: false, usage: { input_tokens: 20, output_tokens: 10, cached_input_tokens: 0 }, cost_usd: 0.000001, finish_reason: 'stop', latency_ms: 812 });
    expect(item.responses.big?.correct).toBe(true);
    expect(item).toMatchObject({ id: 'q', expected: '391', label: 'expected', recorded_at: '2026-11-28T00:00:00.000Z' });
    expect(item.responses.small?.agrees_with_top).toBeUndefined();
  });

  it('without an expected answer records agreement with the top model, which agrees with itself', () => {
    const prompt: PromptItem = { id: 'q', line: 1, messages: [{ role: 'user', content: 'How many legs do 3 spiders have?' }] };
    const agreeing = recordedTraceItem(prompt, [live('small', 'They have 24 legs.'), live('mid', '3 x 8 = 25'), live('big', '3 * 8 = 24 legs', null)], 'now');
    expect(agreeing.responses.small?.agrees_with_top).toBe(true);
    expect(agreeing.responses.mid?.agrees_with_top).toBe(false);
    expect(agreeing.responses.big?.agrees_with_top).toBe(true);
    expect(agreeing.responses.big?.cost_usd).toBeUndefined();
    expect(agreeing).toMatchObject({ label: 'agreement', reference_model: 'big' });
    expect(agreeing.responses.small?.correct).toBeUndefined();
  });

  it('a replay of an agreement-only trace measures quality as agreement with the top model', async () => {
    const prompts: PromptItem[] = ['alpha beta gamma', 'delta epsilon zeta', 'eta theta iota', 'kappa lambda mu'].map((w, i) => ({ id: `p${i}`, line: i + 1, messages: [{ role: 'user', content: `Say: ${w}` }] }));
    const items = prompts.map((p, i) => recordedTraceItem(p, [live('small', i < 3 ? `Sure: ${p.messages[0]?.content.slice(5)}` : 'no idea whatsoever'), live('big', `Sure: ${p.messages[0]?.content.slice(5)}`)], 'now'));
    const { items: lines, issues } = parseTrace(toJsonl(items));
    expect(issues).toEqual([]);
    const opts = { energy: { gpuWatts: 300, electricityUsdPerKwh: 0.15 }, timing: { tokensPerSecond: 30 } };
    expect(prepareReplay(lines, ['small', 'big'], opts).metric).toBe('agreement');
    const report = await replayTrace(lines, { ...opts, tiers: ['small', 'big'], thresholds: [0] });
    expect(report.baselines.always_verifier.quality).toBe(1);
    expect(report.baselines.always_drafter.quality).toBe(0.75);
    expect(report.labelled).toBe(4);
  });

  it('writes a model\'s extra answers as unlabelled samples and labels the main answer only', () => {
    const prompt: PromptItem = { id: 'q', line: 1, messages: [{ role: 'user', content: 'What is 17 * 23?' }], expected: '391', expects: 'number' };
    const sample = (text: string, costNano: number | null) => ({ text, usage: { ...usage, outputTokens: 7 }, usageCounted: costNano === null, costNano, finishReason: 'length' as const });
    const small: LiveAnswer = { ...live('small', '17 * 23 = 381'), samples: [sample('#### 391', 2000), sample('#### 381', null)] };
    const item = recordedTraceItem(prompt, [small, live('big', '#### 391')], 'now');
    expect(item.responses.small?.correct).toBe(false);
    expect(item.responses.small?.samples).toEqual([
      { text: '#### 391', usage: { input_tokens: 20, output_tokens: 7, cached_input_tokens: 0 }, finish_reason: 'length', cost_usd: 0.000002 },
      { text: '#### 381', usage: { input_tokens: 20, output_tokens: 7, cached_input_tokens: 0 }, finish_reason: 'length', usage_counted: true },
    ]);
    // A model recorded without extra answers has no `samples` at all, as before --samples.
    expect(item.responses.big).not.toHaveProperty('samples');
    const { items, issues } = parseTrace(toJsonl([item]));
    expect(issues).toEqual([]);
    expect(items[0]?.item.responses.small?.samples?.map((s) => s.text)).toEqual(['#### 391', '#### 381']);
  });

  it('a real label wins over agreement in a replay', () => {
    const withExpected = recordedTraceItem({ id: 'a', line: 1, messages: [{ role: 'user', content: 'q1' }], expected: 'yes', expects: 'text' }, [live('small', 'yes'), live('big', 'yes')], 'now');
    const without = recordedTraceItem({ id: 'b', line: 2, messages: [{ role: 'user', content: 'q2' }] }, [live('small', 'x'), live('big', 'y')], 'now');
    const { items } = parseTrace(toJsonl([withExpected, without]));
    const p = prepareReplay(items, ['small', 'big'], { energy: { gpuWatts: 300, electricityUsdPerKwh: 0.15 }, timing: { tokensPerSecond: 30 } });
    expect(p.metric).toBe('accuracy');
    // The agreement-only line has no right/wrong label: set aside, and said, rather than measured for cost alone.
    expect(p.items.map((i) => i.labels)).toEqual([[1, 1]]);
    expect(p.unlabelled).toEqual([{ id: 'b', line: 2, missing: ['small', 'big'] }]);
  });
});

describe('recording cost estimate', () => {
  it('prices each prompt at each model, keeps unknown prices out of the sum and names them', () => {
    const config = appConfigSchema.parse({ tiers: [{ model: 'gpt-4o', provider: 'openai' }] });
    const pricing = pricingContextFromConfig(config);
    const prompts: PromptItem[] = [
      { id: 'a', line: 1, messages: [{ role: 'user', content: 'What is 17 * 23?' }] },
      { id: 'b', line: 2, messages: [{ role: 'user', content: 'Write a haiku about the sea.' }] },
    ];
    const e = estimateRecording(prompts, [{ model: 'llama3.2:3b', provider: 'ollama', local: true }, { model: 'gpt-4o', provider: 'openai' }, { model: 'mystery-model', provider: 'anthropic' }], pricing, 100);
    const input = estimateChatTokens(prompts[0]?.messages ?? []) + estimateChatTokens(prompts[1]?.messages ?? []);
    const [local, gpt, unknown] = e.lines;
    expect(gpt).toMatchObject({ model: 'gpt-4o', prompts: 2, inputTokens: input, outputTokens: 200, pricing: 'list', price: '$2.50 in / $10.00 out per 1M tokens' });
    // $2.50 per 1M input tokens = 2,500 nano per token; $10 per 1M output = 10,000 nano.
    expect(gpt?.costNano).toBe(input * 2_500 + 200 * 10_000);
    // 100 tokens at 30 tokens/s on a 300 W GPU at $0.15/kWh, per answer.
    expect(local?.pricing).toBe('energy');
    expect(local?.costNano).toBe(2 * Math.round((300 * (100 / 30) * 0.15 * 1e9) / 3_600_000));
    expect(unknown).toMatchObject({ costNano: null, pricing: 'unknown', price: 'price unknown' });
    expect(e.unpriced).toEqual(['mystery-model']);
    expect(e.pricedNano).toBe((local?.costNano ?? 0) + (gpt?.costNano ?? 0));
  });

  it('with --samples k every model below the top one answers k times: k times its tokens and cost; the top model once', () => {
    const pricing = pricingContextFromConfig(appConfigSchema.parse({ tiers: [{ model: 'gpt-4o', provider: 'openai' }] }));
    const prompts: PromptItem[] = [{ id: 'a', line: 1, messages: [{ role: 'user', content: 'What is 17 * 23?' }] }];
    const tiers = [
      { model: 'llama3.2:3b', provider: 'ollama' as const, local: true },
      { model: 'mystery-model', provider: 'anthropic' as const },
      { model: 'gpt-4o', provider: 'openai' as const },
    ];
    const one = estimateRecording(prompts, tiers, pricing, 100);
    const three = estimateRecording(prompts, tiers, pricing, 100, 3);
    expect(three.samples).toBe(3);
    expect(three.lines.map((l) => l.answers)).toEqual([3, 3, 1]);
    const times = [3, 3, 1];
    expect(three.lines.map((l) => [l.inputTokens, l.outputTokens, l.costNano])).toEqual(
      one.lines.map((l, i) => [l.inputTokens * (times[i] ?? 0), l.outputTokens * (times[i] ?? 0), l.costNano === null ? null : l.costNano * (times[i] ?? 0)]),
    );
    const [local, , gpt] = one.lines;
    expect(three.pricedNano).toBe((local?.costNano ?? 0) * 3 + (gpt?.costNano ?? 0));
    expect(three.unpriced).toEqual(['mystery-model']);
  });
});
