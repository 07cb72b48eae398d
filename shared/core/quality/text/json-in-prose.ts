// JSON asked for in words ("Return the answer as a JSON array", "in JSON format") rather than
// through the API's response_format, and the JSON a chat answer gives back: a ```json block, or
// the lines from the first that opens an array or object to the last that closes one.
import { fencedBlocks } from './fenced-blocks.ts';

/** The user wants the answer in JSON, not an explanation of JSON. */
const ASKS_FOR_JSON = [
  /\b(?:in|as|into)\s+(?:a\s+|an\s+|valid\s+|the\s+)*JSON\b/i,
  /\bJSON\s+(?:format|array|object|dictionary|string|list|content|output|document)\b/i,
];
/** Explaining JSON is not asking for it ("What is the JSON format?"). */
const ABOUT_JSON = /\b(?:what|explain|why|difference|compare|versus|vs\.?)\b[^.?!\n]{0,30}\bJSON\b/i;

export function asksForJsonInWords(query: string): boolean {
  return ASKS_FOR_JSON.some((re) => re.test(query)) && !ABOUT_JSON.test(query);
}

/**
 * The JSON text of a chat answer, or null when it gives none that can be told apart from code:
 * an answer with a code block in another language (a Python dict is not JSON) is not judged.
 */
export function jsonInProse(answer: string): string | null {
  const fences = fencedBlocks(answer).filter((b) => b.closed);
  const json = fences.find((b) => /^(?:json|jsonc)?$/.test(b.lang) && /^\s*[[{]/.test(b.body));
  if (json) return json.body.trim();
  if (fences.length > 0) return null;
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
