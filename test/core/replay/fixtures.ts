// Small hand-made traces whose drafts the validator has clear reasons to accept or reject.
import type { TraceItem, TraceLine } from '../../../shared/core/replay/trace.ts';
import type { PrepareOptions } from '../../../shared/core/replay/prepare.ts';

export const DRAFTER = 'small-local';
export const VERIFIER = 'gpt-4o';

const user = (content: string) => [{ role: 'user' as const, content }];

export const ITEMS: TraceItem[] = [
  {
    id: 'wrong-arithmetic',
    messages: user('A box holds 13 rows of 4 apples. How many apples are in the box?'),
    category: 'math',
    responses: {
      [DRAFTER]: { text: 'There are 13 rows of 4 apples, so 13 * 4 = 56 apples.\n#### 56', correct: false, usage: { input_tokens: 30, output_tokens: 24 } },
      [VERIFIER]: { text: 'There are 13 rows with 4 apples each: 13 * 4 = 52.\n#### 52', correct: true, usage: { input_tokens: 30, output_tokens: 22 } },
    },
  },
  {
    id: 'right-arithmetic',
    messages: user('Tom has 3 bags with 5 marbles each. How many marbles does he have?'),
    category: 'math',
    responses: {
      [DRAFTER]: { text: 'Tom has 3 bags of 5 marbles, so 3 * 5 = 15 marbles.\n#### 15', correct: true, usage: { input_tokens: 28, output_tokens: 22 } },
      [VERIFIER]: { text: '3 bags * 5 marbles = 15 marbles.\n#### 15', correct: true, usage: { input_tokens: 28, output_tokens: 14 } },
    },
  },
  {
    id: 'empty-draft',
    messages: user('Name the largest planet in the solar system.'),
    responses: {
      [DRAFTER]: { text: '', correct: false, usage: { input_tokens: 20, output_tokens: 0 } },
      [VERIFIER]: { text: 'Jupiter is the largest planet in the solar system.', correct: true, usage: { input_tokens: 20, output_tokens: 11 } },
    },
  },
  {
    id: 'cut-off-draft',
    messages: user('Explain briefly why the sky is blue.'),
    responses: {
      [DRAFTER]: { text: 'The sky looks blue because sunlight is scattered by the molecules of the', correct: false, finish_reason: 'length', usage: { input_tokens: 18, output_tokens: 15 } },
      [VERIFIER]: { text: 'Sunlight is scattered by air molecules, and blue light is scattered more than red (Rayleigh scattering), so the sky looks blue.', correct: true, usage: { input_tokens: 18, output_tokens: 27 } },
    },
  },
  {
    id: 'refusal',
    messages: user('What is the capital of Australia?'),
    responses: {
      [DRAFTER]: { text: "I'm sorry, but I can't help with that.", correct: false },
      [VERIFIER]: { text: 'The capital of Australia is Canberra.', correct: true },
    },
  },
  {
    id: 'good-prose',
    messages: user('What is the capital of France?'),
    responses: {
      [DRAFTER]: { text: 'The capital of France is Paris.', correct: true, usage: { input_tokens: 15, output_tokens: 8 } },
      [VERIFIER]: { text: 'Paris is the capital of France.', correct: true, usage: { input_tokens: 15, output_tokens: 8 } },
    },
  },
];

export const LINES: TraceLine[] = ITEMS.map((item, i) => ({ line: i + 1, item }));

/** The drafter on the user's GPU (energy-priced), the verifier at its list price. */
export const PRICING: PrepareOptions = {
  local: [DRAFTER],
  energy: { gpuWatts: 300, electricityUsdPerKwh: 0.15 },
  timing: { tokensPerSecond: 30 },
};

// A trace with recorded consistency samples (`record --samples 3`): the draft of 'guessing' is
// computed right on a wrong setup (sheep only), which only its other samples give away.
export const SAMPLED_QUESTION = 'A farmer has 12 cows and buys 3 times as many sheep. How many animals does he have?';

export type RecordedAnswer = { text: string; usage: { input_tokens: number; output_tokens: number } };

export const recordedAnswer = (n: number, working: string): RecordedAnswer => ({ text: `${working}\n#### ${n}`, usage: { input_tokens: 30, output_tokens: 24 } });

export const WRONG_SETUP = recordedAnswer(36, 'He buys 12 * 3 = 36 sheep.');
export const RIGHT_SETUP = recordedAnswer(48, 'He buys 12 * 3 = 36 sheep, so he has 12 + 36 = 48 animals.');

export function sampledItem(id: string, draft: RecordedAnswer, correct: boolean, samples?: RecordedAnswer[]): TraceItem {
  return {
    id,
    messages: user(SAMPLED_QUESTION),
    responses: {
      [DRAFTER]: { ...draft, correct, ...(samples ? { samples } : {}) },
      [VERIFIER]: { ...RIGHT_SETUP, correct: true },
    },
  };
}

export const GUESSING = sampledItem('guessing', WRONG_SETUP, false, [RIGHT_SETUP, recordedAnswer(60, 'He has 12 + 3 * 12 + 12 = 60.')]);
export const SURE = sampledItem('sure', RIGHT_SETUP, true, [recordedAnswer(48, 'Sheep: 3 * 12 = 36. Animals: 36 + 12 = 48.'), RIGHT_SETUP]);
