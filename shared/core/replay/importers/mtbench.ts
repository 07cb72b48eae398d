// RouteLLM's MT-Bench recordings as a trace: one query per (question, turn). The judged answer
// is only inside the judge's prompt (`user_prompt`), so it is cut out of that text; the score is
// the GPT-4 judge's 1-10 grade. A turn-2 query carries the turn-1 exchange as its history.
import { z } from 'zod';
import type { TraceItem } from '../trace.ts';
import { ImportFormatError } from './errors.ts';
import { isOpenWeightsRepoId } from './open-weights.ts';

const judgementSchema = z.looseObject({
  question_id: z.number().int(),
  model: z.string().min(1),
  user_prompt: z.string(),
  score: z.number().finite(),
  turn: z.union([z.literal(1), z.literal(2)]),
});

const questionSchema = z.looseObject({
  question_id: z.number().int(),
  category: z.string().optional(),
  turns: z.array(z.string()).min(2),
});

type Judgement = z.infer<typeof judgementSchema>;
type Question = z.infer<typeof questionSchema>;

function parseJsonl<T>(text: string, schema: z.ZodType<T>, what: string): { line: number; value: T }[] {
  const out: { line: number; value: T }[] = [];
  text.split('\n').forEach((raw, k) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new ImportFormatError(`${what} line ${k + 1}: not valid JSON (${(e as Error).message})`);
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ImportFormatError(`${what} line ${k + 1}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
    }
    out.push({ line: k + 1, value: r.data });
  });
  return out;
}

const ANSWER_START = "[The Start of Assistant's Answer]\n";
const ANSWER_END = "\n[The End of Assistant's Answer]";
const CONVERSATION_START = "<|The Start of Assistant A's Conversation with User|>";
const CONVERSATION_END = "<|The End of Assistant A's Conversation with User|>";
const exchange = (question: string) => `\n\n### User:\n${question}\n\n### Assistant A:\n`;

interface Extracted {
  turn1: string;
  turn2?: string;
}

/** The judged answer(s) from the judge's prompt; throws naming the line when the layout differs. */
export function extractJudgedAnswers(j: Judgement, q: Question, line: number): Extracted {
  const fail = (why: string) => new ImportFormatError(`judgements line ${line}: cannot find the judged answer in user_prompt (${why})`);
  const p = j.user_prompt;
  if (j.turn === 1) {
    const a = p.indexOf(ANSWER_START);
    const b = p.lastIndexOf(ANSWER_END);
    if (a < 0 || b < a) throw fail(`expected "${ANSWER_START.trim()}" ... "${ANSWER_END.trim()}"`);
    return { turn1: p.slice(a + ANSWER_START.length, b) };
  }
  const a = p.indexOf(CONVERSATION_START);
  const b = p.lastIndexOf(CONVERSATION_END);
  if (a < 0 || b < a) throw fail('no "Assistant A\'s Conversation with User" block');
  const conversation = p.slice(a + CONVERSATION_START.length, b);
  const first = exchange(q.turns[0] ?? '');
  const second = exchange(q.turns[1] ?? '');
  if (!conversation.startsWith(first)) throw fail(`the conversation does not start with question ${q.question_id}'s first turn`);
  const k = conversation.indexOf(second, first.length);
  if (k < 0) throw fail(`the conversation does not contain question ${q.question_id}'s second turn`);
  // The template puts a blank line between the last answer and the end marker.
  const rest = conversation.slice(k + second.length);
  return { turn1: conversation.slice(first.length, k), turn2: rest.endsWith('\n\n') ? rest.slice(0, -2) : rest };
}

export interface MtBenchImportOptions {
  /** Whose turn-1 answer forms a turn-2 query's history (default: the first model id in sort order). */
  historyModel?: string;
}

export function mtbenchTrace(judgementsText: string, questionsText: string, opts: MtBenchImportOptions = {}): TraceItem[] {
  const questions = new Map<number, Question>();
  for (const { line, value } of parseJsonl(questionsText, questionSchema, 'questions')) {
    if (questions.has(value.question_id)) throw new ImportFormatError(`questions line ${line}: question_id ${value.question_id} appears twice`);
    questions.set(value.question_id, value);
  }

  // (question, turn) -> model -> answer; and each model's turn-1 answer for turn-2 histories.
  const answers = new Map<string, Map<string, { text: string; score: number }>>();
  const firstTurn = new Map<number, Map<string, string>>();
  for (const { line, value: j } of parseJsonl(judgementsText, judgementSchema, 'judgements')) {
    const q = questions.get(j.question_id);
    if (!q) throw new ImportFormatError(`judgements line ${line}: question_id ${j.question_id} is not in the questions file`);
    const extracted = extractJudgedAnswers(j, q, line);
    const key = `${j.question_id}:${j.turn}`;
    const byModel = answers.get(key) ?? new Map<string, { text: string; score: number }>();
    if (byModel.has(j.model)) throw new ImportFormatError(`judgements line ${line}: a second judgement of ${j.model} on question ${j.question_id}, turn ${j.turn}`);
    byModel.set(j.model, { text: j.turn === 1 ? extracted.turn1 : (extracted.turn2 ?? ''), score: j.score });
    answers.set(key, byModel);
    const history = firstTurn.get(j.question_id) ?? new Map<string, string>();
    if (!history.has(j.model)) history.set(j.model, extracted.turn1);
    firstTurn.set(j.question_id, history);
  }

  const items: TraceItem[] = [];
  const ids = [...questions.keys()].sort((a, b) => a - b);
  for (const qid of ids) {
    const q = questions.get(qid) as Question;
    for (const turn of [1, 2] as const) {
      const byModel = answers.get(`${qid}:${turn}`);
      if (!byModel) continue;
      const responses: TraceItem['responses'] = {};
      for (const [model, a] of [...byModel.entries()].sort(([x], [y]) => x.localeCompare(y))) {
        // MT-Bench marks a failed judgement with -1: keep the answer, leave it unlabelled.
        const local = isOpenWeightsRepoId(model) ? { local: true } : {};
        responses[model] = a.score >= 0 ? { text: a.text, score: a.score, ...local } : { text: a.text, ...local };
      }
      const base = { id: `mtbench-${qid}-t${turn}`, ...(q.category !== undefined ? { category: q.category } : {}), question_id: qid, turn };
      if (turn === 1) {
        items.push({ ...base, messages: [{ role: 'user', content: q.turns[0] ?? '' }], responses });
        continue;
      }
      const history = firstTurn.get(qid) ?? new Map<string, string>();
      const historyModel = opts.historyModel ?? [...history.keys()].sort((x, y) => x.localeCompare(y))[0];
      const previous = historyModel === undefined ? undefined : history.get(historyModel);
      if (historyModel === undefined || previous === undefined) {
        throw new ImportFormatError(`question ${qid}: no turn-1 answer of ${opts.historyModel ?? 'any model'} to use as the turn-2 history`);
      }
      items.push({
        ...base,
        history_model: historyModel,
        messages: [
          { role: 'user', content: q.turns[0] ?? '' },
          { role: 'assistant', content: previous },
          { role: 'user', content: q.turns[1] ?? '' },
        ],
        responses,
      });
    }
  }
  return items;
}
