// When the request asked for JSON (or for JSON matching a schema), the answer must be that.
// Anything else is a hard failure: a caller parsing the answer would break.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { extractJsonText, parseJson, unwrapSchema, validateSchema } from '../text/json-schema.ts';

export function jsonFormatSignal(draft: DraftToCheck): SignalResult {
  const name = 'json_format' as const;
  if (!draft.format) return { name, applicable: false, score: 1, reason: 'no JSON format was requested' };
  if (draft.answer.trim().length === 0 && draft.toolCalls?.length) return { name, applicable: false, score: 1, reason: 'the draft answered with tool calls' };
  const parsed = parseJson(extractJsonText(draft.answer));
  if (!parsed.ok) return { name, applicable: true, score: 0, hardFail: true, reason: `the draft is not valid JSON (${parsed.error})` };
  if (draft.format === 'json') return { name, applicable: true, score: 1, reason: 'the draft is valid JSON' };
  const issues = validateSchema(parsed.value, unwrapSchema(draft.format));
  if (issues.length > 0) {
    const list = issues.slice(0, 3).map((i) => `${i.path} ${i.message}`).join('; ');
    return { name, applicable: true, score: 0, hardFail: true, reason: `the JSON does not match the requested schema: ${list}` };
  }
  return { name, applicable: true, score: 1, reason: 'the draft is valid JSON matching the requested schema' };
}
