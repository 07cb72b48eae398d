// A tool call the app cannot execute is worse than no answer: the named tool must exist and
// its arguments must be a JSON object that satisfies the tool's parameter schema.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { jsonType, parseJson, validateSchema } from '../text/json-schema.ts';

export function toolCallsSignal(draft: DraftToCheck): SignalResult {
  const name = 'tool_calls' as const;
  const calls = draft.toolCalls ?? [];
  if (calls.length === 0) return { name, applicable: false, score: 1, reason: 'the draft made no tool calls' };
  const tools = draft.tools ?? [];
  for (const call of calls) {
    const tool = tools.find((t) => t.name === call.name);
    if (!tool) {
      const offered = tools.length ? `offered: ${tools.map((t) => t.name).join(', ')}` : 'no tools were offered';
      return { name, applicable: true, score: 0, hardFail: true, reason: `the draft called an unknown tool '${call.name}' (${offered})` };
    }
    // Some providers send "" for a call without arguments.
    const text = call.arguments.trim() === '' ? '{}' : call.arguments;
    const parsed = parseJson(text);
    if (!parsed.ok) return { name, applicable: true, score: 0, hardFail: true, reason: `the arguments of the call to ${call.name} are not valid JSON (${parsed.error})` };
    if (jsonType(parsed.value) !== 'object') {
      return { name, applicable: true, score: 0, hardFail: true, reason: `the arguments of the call to ${call.name} must be a JSON object, got ${jsonType(parsed.value)}` };
    }
    if (tool.parameters) {
      const issues = validateSchema(parsed.value, tool.parameters);
      if (issues.length > 0) {
        const list = issues.slice(0, 3).map((i) => `${i.path} ${i.message}`).join('; ');
        return { name, applicable: true, score: 0, hardFail: true, reason: `the call to ${call.name} has invalid arguments: ${list}` };
      }
    }
  }
  const names = calls.map((c) => c.name).join(', ');
  return { name, applicable: true, score: 1, reason: `the tool call${calls.length === 1 ? '' : 's'} (${names}) match${calls.length === 1 ? 'es' : ''} the declared tools` };
}
