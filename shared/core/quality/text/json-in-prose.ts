// JSON asked for in words ("Return the answer as a JSON array", "in JSON format") rather than
// through the API's response_format, and the JSON a chat answer gives back: a ```json block,
// the lines from the first that opens an array or object to the last that closes one, or JSON
// inline in a sentence.
import { fencedBlocks } from './fenced-blocks.ts';
import { parseJson } from './json-schema.ts';

/** The user wants the answer in JSON, not an explanation of JSON. */
const ASKS_FOR_JSON = [
  /\b(?:in|as|into)\s+(?:a\s+|an\s+|valid\s+|the\s+)*JSON\b/i,
  /\bJSON\s+(?:format|array|object|dictionary|string|list|content|output|document)\b/i,
  // An instruction that opens its sentence: "Return JSON with keys...", "Respond only with JSON."
  // ("How do I return JSON from Flask?" does not open with the verb; a JSON parser is code.)
  /(?:^|[.!?:;\n]\s*)(?:please\s+)?(?:return|respond|reply|answer|output|give|send|produce|provide)\b[^.?!\n]{0,30}?\bJSON\b(?!\s+(?:schemas?|parsers?|librar(?:y|ies)|modules?|files?|APIs?)\b)/im,
];
/** Explaining JSON is not asking for it ("What is the JSON format?"). */
const ABOUT_JSON = /\b(?:what|explain|why|difference|compare|versus|vs\.?)\b[^.?!\n]{0,30}\bJSON\b/i;

export function asksForJsonInWords(query: string): boolean {
  return ASKS_FOR_JSON.some((re) => re.test(query)) && !ABOUT_JSON.test(query);
}

/** What a chat answer gives back where JSON was asked for. */
export type JsonInProse = { kind: 'json'; text: string } | { kind: 'code' } | { kind: 'none' };

/**
 * The JSON of a chat answer: a ```json block, the lines from the first that opens an array or
 * object to the last that closes one, or JSON inline in a sentence. An answer with a code block
 * in another language (a Python dict is not JSON) is `code`: it is not judged as JSON.
 */
export function jsonInProse(answer: string): JsonInProse {
  const fences = fencedBlocks(answer).filter((b) => b.closed);
  const json = fences.find((b) => /^(?:json|jsonc)?$/.test(b.lang) && /^\s*[[{]/.test(b.body));
  if (json) return { kind: 'json', text: json.body.trim() };
  if (fences.length > 0) return { kind: 'code' };
  const block = jsonLines(answer) ?? inlineJson(answer);
  return block === null ? { kind: 'none' } : { kind: 'json', text: block };
}

function jsonLines(answer: string): string | null {
  const lines = answer.split('\n');
  const first = lines.findIndex((l) => /^\s*[[{]/.test(l));
  if (first < 0) return null;
  let last = -1;
  for (let i = lines.length - 1; i >= first; i--) {
    if (/[\]}]\s*[.,;]?\s*$/.test(lines[i] ?? '')) {
      last = i;
      break;
    }
  }
  if (last < 0) return null;
  return lines.slice(first, last + 1).join('\n').trim().replace(/[.,;]$/, '');
}

/**
 * `Here it is: {"city": "Paris"}.` Only a span that parses counts: braces in prose ("use
 * {name} as a placeholder") are not an attempt at JSON.
 */
function inlineJson(answer: string): string | null {
  for (const [open, close] of [['{', '}'], ['[', ']']] as const) {
    const from = answer.indexOf(open);
    const to = answer.lastIndexOf(close);
    if (from < 0 || to <= from) continue;
    const span = answer.slice(from, to + 1);
    if (parseJson(span).ok) return span;
  }
  return null;
}
