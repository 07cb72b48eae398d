// Output that is not an answer at all: empty, stuck in a loop, or garbled characters.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { quote } from '../text/prose.ts';

/** Lines this short (braces, "---", list bullets) repeat legitimately. */
const MIN_LINE = 12;

function repeatedLine(text: string): { line: string; times: number } | null {
  const lines = text.split('\n').map((l) => l.trim());
  let best: { line: string; times: number } | null = null;
  let run = 1;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.length >= MIN_LINE && l === lines[i - 1]) {
      run++;
      if (run >= 3 && (!best || run > best.times)) best = { line: l, times: run };
    } else run = 1;
  }
  return best;
}

/** Share of repeated 6-word windows: ~0 in real prose, high in a loop. */
function ngramRepeat(words: string[]): { share: number; sample: string } {
  const N = 6;
  if (words.length < 60) return { share: 0, sample: '' };
  // Words become small integers and windows a rolling numeric key: no string building per window.
  const ids = new Map<string, number>();
  const seq = words.map((w) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(w, id);
    }
    return id;
  });
  const seen = new Map<number, number>();
  let repeats = 0;
  let top = 0;
  let topAt = 0;
  for (let i = 0; i + N <= seq.length; i++) {
    let key = 0x811c9dc5;
    for (let k = 0; k < N; k++) key = Math.imul(key ^ (seq[i + k] as number), 16777619);
    const c = (seen.get(key) ?? 0) + 1;
    seen.set(key, c);
    if (c > 1) repeats++;
    if (c > top) {
      top = c;
      topAt = i;
    }
  }
  return { share: repeats / (seq.length - N + 1), sample: words.slice(topAt, topAt + N).join(' ') };
}

/** Replacement characters and control codes other than tab and line breaks. */
function countGarbled(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) n++;
  }
  return n;
}

/** The same word ten times in a row ("ha ha ha ...", "the the the ..."). */
function sameWordRun(words: string[]): string | null {
  let run = 1;
  for (let i = 1; i < words.length; i++) {
    if (words[i] === words[i - 1] && /\p{L}/u.test(words[i] as string)) {
      if (++run >= 10) return words[i] as string;
    } else run = 1;
  }
  return null;
}

/** A unit of 1-6 letters or digits repeated 12+ times in a row ("hahaha...", "abcabcabc..."). */
function charLoop(answer: string): string | null {
  // Such a loop has no spaces, so only unusually long space-free stretches can hold one.
  let start = 0;
  for (let i = 0; i <= answer.length; i++) {
    const c = i < answer.length ? answer.charCodeAt(i) : 32;
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      if (i - start >= 24) {
        const unit = loopIn(answer.slice(start, i));
        if (unit) return unit;
      }
      start = i + 1;
    }
  }
  return null;
}

function loopIn(text: string): string | null {
  for (let p = 1; p <= 6; p++) {
    let run = 0;
    for (let i = p; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
      if (alnum && c === text.charCodeAt(i - p)) {
        run++;
        if (run >= 11 * p && run + p >= 24) {
          const unit = text.slice(i - p + 1, i + 1);
          if (!/^\d+$/.test(unit) && !/\s/.test(unit)) return unit;
        }
      } else run = 0;
    }
  }
  return null;
}

export function degenerateSignal(draft: DraftToCheck): SignalResult {
  const name = 'degenerate' as const;
  const answer = draft.answer;
  if (answer.trim().length === 0) {
    if (draft.toolCalls && draft.toolCalls.length > 0) return { name, applicable: false, score: 1, reason: 'the draft answered with tool calls' };
    return { name, applicable: true, score: 0, hardFail: true, reason: 'the draft is empty' };
  }
  // Replacement characters and control codes mean a broken stream or a broken encoding.
  const garbled = countGarbled(answer);
  if (garbled >= 3 && garbled / answer.length > 0.02) {
    return { name, applicable: true, score: 0, hardFail: true, reason: `the draft contains garbled characters (${garbled} unreadable)` };
  }
  const loop = charLoop(answer);
  if (loop) return { name, applicable: true, score: 0, hardFail: true, reason: `the draft is stuck repeating '${quote(loop, 20)}'` };
  const line = repeatedLine(answer);
  if (line && line.times >= 4) {
    return { name, applicable: true, score: 0, hardFail: true, reason: `the draft repeats the line '${quote(line.line, 50)}' ${line.times} times in a row` };
  }
  const words = answer.toLowerCase().split(/\s+/).filter(Boolean);
  const stuck = sameWordRun(words);
  if (stuck) return { name, applicable: true, score: 0, hardFail: true, reason: `the draft is stuck repeating '${quote(stuck, 20)}'` };
  const { share, sample } = ngramRepeat(words);
  if (share >= 0.5) {
    return { name, applicable: true, score: 0, hardFail: true, reason: `the draft loops: ${Math.round(share * 100)}% of it repeats earlier text ('${quote(sample, 50)}')` };
  }
  if (share >= 0.3 || (line && line.times === 3)) {
    return { name, applicable: true, score: 0.4, reason: `the draft repeats itself ('${quote(line?.line ?? sample, 50)}')` };
  }
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const lengthRatio = answer.length / Math.max(1, draft.query.length);
  if (draft.query.trim().length > 20 && lengthRatio > 0.8 && lengthRatio < 1.25 && norm(answer) === norm(draft.query)) {
    return { name, applicable: true, score: 0.1, reason: 'the draft only repeats the question' };
  }
  return { name, applicable: true, score: 1, reason: 'the draft is well-formed text' };
}
