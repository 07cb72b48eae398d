// What an answer commits to: the final number it states, or the option it picks. Shared by the
// final-answer check (is there one, does it follow?) and the consistency check (do several
// answers of the same model reach the same one?).
import { parseNumberText } from './numbers.ts';

const NUM = String.raw`-?\$?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s\d+\/\d+(?![\d/]))?`;
const EXPLICIT: RegExp[] = [
  new RegExp(String.raw`####\s*(${NUM})`, 'g'),
  new RegExp(String.raw`\\boxed\{\s*(${NUM})`, 'g'),
  new RegExp(String.raw`\b(?:final answer|the answer|answer)\s*(?:is|:|=)\s*(?:\*\*)?\s*(?:approximately\s+|about\s+)?(${NUM})`, 'gi'),
];

export interface Stated {
  value: number;
  raw: string;
  /** Where the statement starts: the working is everything before it. */
  index: number;
  explicit: boolean;
  line: string;
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end < 0 ? text.length : end);
}

/** "1,300", "$18", "24 2/3". */
function parseStated(raw: string): number | null {
  const mixed = /^(-?)\$?\s?(\d+)\s(\d+)\/(\d+)$/.exec(raw);
  if (mixed) {
    const [, sign, whole, n, d] = mixed;
    const v = Number(whole) + Number(n) / Number(d);
    return Number.isFinite(v) ? (sign ? -v : v) : null;
  }
  return parseNumberText(raw.replace(/\s/g, ''));
}

/** The last explicit statement of the answer: "#### 18", "\\boxed{18}", "the answer is 18". */
export function explicitFinal(text: string): Stated | null {
  let best: Stated | null = null;
  for (const re of EXPLICIT) {
    for (const m of text.matchAll(re)) {
      const raw = (m[1] ?? '').trim();
      const value = parseStated(raw);
      const index = m.index ?? 0;
      if (value !== null && (!best || index > best.index)) best = { value, raw, index, explicit: true, line: lineAt(text, index) };
    }
  }
  return best;
}

/** The last two non-empty lines, where a conclusion is. */
export function lastLines(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).slice(-2).join('\n');
}

/** The last number of the draft's last lines, when there is no explicit marker. */
export function concludingNumber(text: string): Stated | null {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const line of lines.slice(-2).reverse()) {
    const all = [...line.matchAll(new RegExp(NUM, 'g'))];
    const last = all[all.length - 1];
    if (last) {
      const raw = last[0].trim();
      const value = parseStated(raw);
      if (value !== null) return { value, raw, index: text.lastIndexOf(line), explicit: false, line };
    }
  }
  return null;
}

/** "The answer is B", "(B)." on its own line, "**B**". */
export const CHOICE = [/\b(?:answer|option|choice)\s*(?:is|:)?\s*\(?([A-E])\)?(?![\w])/i, /(?:^|\n)\s*(?:\*\*)?\(?([A-E])\)?[.):](?:\*\*)?(?:\s|$)/, /\*\*\(?([A-E])\)?\*\*/];

/** The draft may name an option by its text ("Paris") instead of its letter. */
export function optionNamedByText(query: string, answer: string): string | undefined {
  const lower = answer.toLowerCase();
  for (const m of query.matchAll(/(?:^|\n)\s*\(?([A-Ea-e])[).:]\s+([^\n]{2,80})/g)) {
    const option = (m[2] ?? '').trim().toLowerCase().replace(/[.;,]$/, '');
    if (option.length >= 2 && lower.includes(option)) return (m[1] ?? '').toUpperCase();
  }
  return undefined;
}

/** The option an answer picks among the question's choices, by letter or by the option's text. */
export function pickedChoice(query: string, answer: string, choices: readonly string[]): string | undefined {
  return CHOICE.map((re) => re.exec(answer)?.[1]?.toUpperCase()).find((c) => c !== undefined && choices.includes(c)) ?? optionNamedByText(query, answer);
}
