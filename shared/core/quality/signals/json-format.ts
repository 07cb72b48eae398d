// When the request asked for JSON (or for JSON matching a schema), the answer must be that.
// Anything else is a hard failure: a caller parsing the answer would break.
// A user who asks for JSON in words ("Return the answer as a JSON array") reads the answer in a
// chat, around prose: the JSON in it must parse. A reply without any did not do what was asked,
// unless it is code in another language (a Python dict is an answer to "print it as JSON").
import type { DraftToCheck, SignalResult } from '../types.ts';
import { asksForJsonInWords, jsonInProse } from '../text/json-in-prose.ts';
import { extractJsonText, parseJson, unwrapSchema, validateSchema } from '../text/json-schema.ts';

function jsonAskedInWords(draft: DraftToCheck): SignalResult {
  const name = 'json_format' as const;
  const found = jsonInProse(draft.answer);
  if (found.kind === 'code') return { name, applicable: false, score: 1, reason: 'the draft answers with code, not JSON' };
  // Doubtful rather than failed: "I cannot give that as JSON because…" may be the right answer.
  if (found.kind === 'none') return { name, applicable: true, score: 0.5, reason: 'the question asks for JSON, and the draft gives none' };
  const parsed = parseJson(found.text);
  if (!parsed.ok) return { name, applicable: true, score: 0.3, reason: `the question asks for JSON, and the draft's JSON does not parse (${parsed.error})` };
  return { name, applicable: true, score: 1, reason: "the draft's JSON parses" };
}

export function jsonFormatSignal(draft: DraftToCheck): SignalResult {
  const name = 'json_format' as const;
  if (!draft.format) {
    if (asksForJsonInWords(draft.query)) return jsonAskedInWords(draft);
    return { name, applicable: false, score: 1, reason: 'no JSON format was requested' };
  }
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
