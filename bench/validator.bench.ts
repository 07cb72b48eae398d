// Validator speed on real-length drafts: 1,000 answers taken from the recorded GSM8K and
// MT-Bench runs (Mixtral and GPT-4), each extended with following answers to about 500 tokens,
// validated one at a time. Prints p50/p99 per draft and drafts per second.
// Run alone: npx tsx bench/validator.bench.ts   (npm run bench calls runValidatorBench()).
import { pathToFileURL } from 'node:url';
import { countTokens, decode, encode } from 'gpt-tokenizer';
import { validateDraft } from '../shared/core/quality/decide.ts';
import type { DraftToCheck } from '../shared/core/quality/types.ts';
import { haveRecordedData, loadGsm8k, loadMtBench } from '../test/core/quality/fixtures/recorded-drafts.ts';
import { percentile } from './stats.ts';

export interface ValidatorBenchResult {
  n: number;
  p50Ms: number;
  p99Ms: number;
  draftsPerSecond: number;
  meanTokens: number;
  source: 'recorded' | 'synthetic';
}

const TARGET_TOKENS = 500;
const TARGET_CHARS = 2400; // enough text to cut 500 tokens from

/** Fallback when the recorded data is not on this machine: GSM8K-shaped worked answers. */
function syntheticAnswers(): Array<{ query: string; answer: string }> {
  const out: Array<{ query: string; answer: string }> = [];
  for (let i = 0; i < 200; i++) {
    const a = 7 + (i % 13);
    const b = 3 + (i % 7);
    out.push({
      query: `A baker makes ${a} trays of ${b} muffins and sells each muffin for $2. How much money does the baker make?`,
      answer: `The baker makes ${a} x ${b} = <<${a}*${b}=${a * b}>>${a * b} muffins.\nHe sells them for ${a * b} * $2 = $<<${a * b}*2=${a * b * 2}>>${a * b * 2}.\n#### ${a * b * 2}`,
    });
  }
  return out;
}

function buildDrafts(n: number): { drafts: DraftToCheck[]; source: 'recorded' | 'synthetic' } {
  let pool: Array<{ query: string; answer: string }>;
  let source: 'recorded' | 'synthetic' = 'recorded';
  if (haveRecordedData()) {
    const gsm = loadGsm8k();
    const mt = loadMtBench();
    pool = [
      ...gsm.flatMap((g) => [{ query: g.prompt, answer: g.mixtral.text }, { query: g.prompt, answer: g.gpt4.text }]),
      ...mt.map((m) => ({ query: m.messages[m.messages.length - 1]?.content ?? '', answer: m.answer })),
    ].filter((p) => p.answer.trim().length > 0);
  } else {
    pool = syntheticAnswers();
    source = 'synthetic';
  }
  const drafts: DraftToCheck[] = [];
  // Spread the picks over the whole pool so GSM8K and MT-Bench are both represented.
  const stride = Math.max(1, Math.floor(pool.length / n));
  for (let i = 0; drafts.length < n; i++) {
    const start = (i * stride + Math.floor(i / Math.ceil(pool.length / stride))) % pool.length;
    const first = pool[start] as { query: string; answer: string };
    let answer = first.answer;
    for (let k = 1; answer.length < TARGET_CHARS; k++) answer += `\n\n${(pool[(start + k) % pool.length] as { answer: string }).answer}`;
    const tokens = encode(answer);
    if (tokens.length > TARGET_TOKENS) answer = decode(tokens.slice(0, TARGET_TOKENS));
    drafts.push({ query: first.query, messages: [{ role: 'user', content: first.query }], answer, finishReason: 'stop' });
  }
  return { drafts, source };
}

export async function runValidatorBench(n = 1000): Promise<ValidatorBenchResult> {
  const { drafts, source } = buildDrafts(n);
  for (const d of drafts.slice(0, 200)) validateDraft(d, 0.7); // JIT warm-up
  const times: number[] = [];
  const t0 = performance.now();
  for (const d of drafts) {
    const s = performance.now();
    validateDraft(d, 0.7);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  const sample = drafts.filter((_, i) => i % 20 === 0);
  const meanTokens = sample.reduce((s, d) => s + countTokens(d.answer), 0) / sample.length;
  return { n: drafts.length, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), draftsPerSecond: (drafts.length / total) * 1000, meanTokens, source };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await runValidatorBench();
  console.log(`validator: ${r.n} ${r.source} drafts, ~${Math.round(r.meanTokens)} tokens each`);
  console.log(`  p50 ${r.p50Ms.toFixed(3)} ms   p99 ${r.p99Ms.toFixed(3)} ms   ${Math.round(r.draftsPerSecond)} drafts/s   (target p50 < 1 ms)`);
}
