// The answers the fakes give when a test scripts nothing (used by run-fakes.ts for e2e tests).
// Prompt conventions, written anywhere in the last user message:
//   [[draft:<text>]]         a drafter model answers exactly <text> (e.g. a wrong arithmetic draft)
//   [[verify:<text>]]        a verifier model answers exactly <text>
//   [[draft-error:<status>]] a drafter answers with that HTTP error (429 carries retry-after: 30)
//   [[verify-error:<status>]] the same for verifiers
//   [[slow]]                 every model streams with 250 ms between chunks (for cancel tests)
//   [[think:<text>]]         a drafter thinks <text> before it answers, as a reasoning model does
// A model is a drafter when it is served by the fake Ollama, or when its name looks small
// (mini, nano, haiku, instant, or a parameter size like 3b / 8b); every other model is a verifier.
// Without a directive a model answers a short sentence that repeats the question's key words;
// a simple arithmetic question (`17 * 23`) gets the correct result; a request for JSON output
// gets `{"answer": ...}`; a model whose name starts with `missing` answers 404.
import { splitIntoChunks, type ChatCall, type ScriptedResponse } from './script.ts';

export type FakeRole = 'drafter' | 'verifier';

/** What the fakes started by run-fakes.ts list on /api/tags and /v1/models. */
export const FAKE_MODELS = {
  ollama: ['llama3.2:3b', 'llama3.1:8b', 'qwen2.5:7b'],
  openai: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano'],
  anthropic: ['claude-sonnet-4-6', 'claude-haiku-4-5', 'claude-opus-4-8'],
} as const;

const SMALL_MODEL = /mini|nano|haiku|instant|(^|[^a-z\d])\d+(\.\d+)?b\b/i;

export function roleOf(model: string, servedByOllama: boolean): FakeRole {
  return servedByOllama || SMALL_MODEL.test(model) ? 'drafter' : 'verifier';
}

const DIRECTIVE = /\[\[(draft|verify|draft-error|verify-error|slow|think)(?::([^\]]*))?\]\]/g;

export function defaultResponse(call: ChatCall, role: FakeRole, baseDelayMs: number): ScriptedResponse {
  const directives = new Map<string, string>();
  for (const m of call.prompt.matchAll(DIRECTIVE)) directives.set(m[1] ?? '', m[2] ?? '');
  const delayMs = directives.has('slow') ? 250 : baseDelayMs;
  if (call.model.startsWith('missing')) return { httpError: { status: 404 } };

  const errorStatus = Number(directives.get(role === 'drafter' ? 'draft-error' : 'verify-error'));
  if (Number.isInteger(errorStatus) && errorStatus >= 400) {
    return { httpError: { status: errorStatus, ...(errorStatus === 429 ? { headers: { 'retry-after': '30' } } : {}) } };
  }
  const forced = directives.get(role === 'drafter' ? 'draft' : 'verify');
  const question = call.prompt.replace(DIRECTIVE, ' ').replace(/\s+/g, ' ').trim();
  const text = forced ?? cannedAnswer(question);
  const wantsJson = call.format !== undefined && call.format !== null && forced === undefined;
  const thinking = role === 'drafter' ? directives.get('think') : undefined;
  return { text: wantsJson ? JSON.stringify({ answer: text }) : text, delayMs, ...(thinking ? { thinking: splitIntoChunks(thinking) } : {}) };
}

const ARITHMETIC = /(-?\d+(?:\.\d+)?)\s*([-+*x×/÷])\s*(-?\d+(?:\.\d+)?)/;

const STOPWORDS = new Set(
  'a an the is are was were be been of to in on at by for with about what which who whom whose why how when where does do did can could should would will shall may might must please tell me you your i my we our it its this that these those and or but not explain describe give list write short brief'.split(' '),
);

export function cannedAnswer(question: string): string {
  const m = ARITHMETIC.exec(question);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const op = m[2] ?? '+';
    const result = op === '+' ? a + b : op === '-' ? a - b : op === '/' || op === '÷' ? a / b : a * b;
    const shown = Number.isInteger(result) ? String(result) : result.toFixed(4).replace(/0+$/, '');
    return `${m[1]} ${op} ${m[3]} = ${shown}.`;
  }
  const words = (question.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []).filter((w) => !STOPWORDS.has(w.toLowerCase()));
  const keys = [...new Set(words)].slice(0, 6);
  if (keys.length === 0) return 'Hello! How can I help you today?';
  return `Here is a short answer about ${joinWords(keys)}: ${keys[0]} is the key point, and ${keys.length > 1 ? `${keys.at(-1)} follows from it.` : 'that is all there is to it.'}`;
}

function joinWords(w: string[]): string {
  return w.length === 1 ? (w[0] ?? '') : `${w.slice(0, -1).join(', ')} and ${w.at(-1) ?? ''}`;
}
