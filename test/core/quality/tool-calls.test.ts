import { describe, expect, it } from 'vitest';
import { toolCallsSignal } from '../../../shared/core/quality/signals/tool-calls.ts';
import type { ToolDefinition } from '../../../shared/core/model.ts';
import { draft } from './fixtures/draft.ts';

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', minLength: 1 }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city'],
      additionalProperties: false,
    },
  },
  { name: 'now' },
];

describe('tool_calls signal', () => {
  it('is not applicable when the draft made no tool calls', () => {
    expect(toolCallsSignal(draft('It is sunny.', { tools })).applicable).toBe(false);
  });

  it('passes calls to declared tools with valid arguments, including empty arguments', () => {
    const r = toolCallsSignal(draft('', { tools, toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' }, { name: 'now', arguments: '' }] }));
    expect(r).toMatchObject({ applicable: true, score: 1, reason: 'the tool calls (get_weather, now) match the declared tools' });
  });

  it('hard-fails a call to a tool that does not exist', () => {
    const r = toolCallsSignal(draft('', { tools, toolCalls: [{ name: 'get_wether', arguments: '{}' }] }));
    expect(r).toMatchObject({ hardFail: true, reason: "the draft called an unknown tool 'get_wether' (offered: get_weather, now)" });
  });

  it('hard-fails arguments that are not JSON or not an object', () => {
    expect(toolCallsSignal(draft('', { tools, toolCalls: [{ name: 'get_weather', arguments: '{city: Paris}' }] })).reason).toMatch(
      /^the arguments of the call to get_weather are not valid JSON/,
    );
    expect(toolCallsSignal(draft('', { tools, toolCalls: [{ name: 'get_weather', arguments: '["Paris"]' }] })).reason).toBe(
      'the arguments of the call to get_weather must be a JSON object, got array',
    );
  });

  it('hard-fails arguments that break the parameter schema', () => {
    const r = toolCallsSignal(draft('', { tools, toolCalls: [{ name: 'get_weather', arguments: '{"unit":"k","country":"FR"}' }] }));
    expect(r.hardFail).toBe(true);
    expect(r.reason).toBe(
      'the call to get_weather has invalid arguments: $.city is required but missing; $.unit must be one of "c", "f", got "k"; $.country is not allowed (no additional properties)',
    );
  });

  it('hard-fails tool calls when no tools were offered', () => {
    expect(toolCallsSignal(draft('', { toolCalls: [{ name: 'rm', arguments: '{}' }] })).reason).toBe("the draft called an unknown tool 'rm' (no tools were offered)");
  });
});
