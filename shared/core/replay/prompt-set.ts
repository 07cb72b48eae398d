// The prompt sets `cascadeflow record` runs through live models: one JSON object a line,
//   {"id", "prompt" | "messages", "expected"?, "expects"?, "category"?}
// `expected` is the right answer (a number, a choice letter or a short text); without it the
// recording labels each answer by its agreement with the top model. A bad line is an error
// naming the line, never skipped.
import { z } from 'zod';
import type { ChatMessage } from '../model.ts';
import { parseJsonLine, parseJsonLines, traceMessageSchema, type TraceIssue } from './trace.ts';

export const ANSWER_KINDS = ['number', 'choice', 'text'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

const promptLineSchema = z
  .looseObject({
    id: z.union([z.string().min(1).max(200), z.number().int()], { error: 'required, a non-empty string (at most 200 characters) or a whole number' }),
    prompt: z.string().min(1, 'the prompt is empty').optional(),
    messages: z
      .array(traceMessageSchema)
      .min(1)
      .refine((m) => m[m.length - 1]?.role === 'user', "the last message must be the user's")
      .optional(),
    expected: z.union([z.string().min(1, 'the expected answer is empty'), z.number().finite()], { error: 'a string or a number (the right answer, e.g. "42" or "B")' }).optional(),
    /** How `expected` (or the top model's answer) is compared; inferred when absent. */
    expects: z.enum(ANSWER_KINDS).optional(),
    category: z.string().max(100).optional(),
  })
  .refine((p) => (p.prompt === undefined) !== (p.messages === undefined), { message: 'give either "prompt" or "messages"', path: ['prompt'] });

export interface PromptItem {
  id: string;
  /** 1-based line in the file. */
  line: number;
  messages: ChatMessage[];
  expected?: string;
  /** How answers are compared: with `expected`, or with the top model's answer. */
  expects?: AnswerKind;
  category?: string;
}

/** What an expected answer looks like: "42", "1,250.5", "$18" and 18 are numbers; "B" and "(c)" are choices. */
export function answerKindOf(expected: string | number): AnswerKind {
  if (typeof expected === 'number') return 'number';
  const t = expected.trim();
  if (/^[-+]?\$?\s*-?[\d,]*\.?\d+\s*%?$/.test(t)) return 'number';
  if (/^\(?[A-Ea-e]\)?[.)]?$/.test(t)) return 'choice';
  return 'text';
}

export function parsePromptLine(text: string, line: number): { ok: true; item: PromptItem } | { ok: false; issues: TraceIssue[] } {
  const r = parseJsonLine(promptLineSchema, text, line);
  if (!r.ok) return r;
  const p = r.value;
  const messages: ChatMessage[] = p.messages ? p.messages.map((m) => ({ role: m.role, content: m.content })) : [{ role: 'user', content: p.prompt ?? '' }];
  const item: PromptItem = { id: String(p.id), line, messages };
  if (p.expected !== undefined) {
    item.expected = String(p.expected);
    item.expects = p.expects ?? answerKindOf(p.expected);
  } else if (p.expects !== undefined) {
    item.expects = p.expects;
  }
  if (p.category !== undefined) item.category = p.category;
  return { ok: true, item };
}

/** Every line of a prompt set; blank lines are allowed, duplicate ids are reported. */
export function parsePromptSet(text: string): { items: PromptItem[]; issues: TraceIssue[] } {
  const parsed = parseJsonLines(text, parsePromptLine);
  const items = parsed.items.map((l) => l.item);
  const issues = parsed.issues;
  if (items.length === 0 && issues.length === 0) issues.push({ line: 1, message: 'the prompt set has no prompts' });
  return { items, issues };
}
