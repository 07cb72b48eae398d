// Calibration report for the validator on real recorded drafts (run: npx tsx test/core/quality/calibrate.ts).
// GSM8K: Mixtral drafts, GPT-4 as the verifier; MT-Bench: same pair with judge scores.
// Prints escalation rate, cascade quality relative to GPT-4, acceptance precision, and which
// signals fire on right vs wrong drafts. Add --show=<signal> to print examples.
import { validateDraft } from '../../../shared/core/quality/decide.ts';
import type { DraftToCheck, QualityVerdict } from '../../../shared/core/quality/types.ts';
import { GPT4, MIXTRAL, loadGsm8k, loadMtBench } from './fixtures/recorded-drafts.ts';

const args = process.argv.slice(2);
const show = args.find((a) => a.startsWith('--show='))?.slice(7);
const showRight = args.includes('--right');
const thresholds = [0.5, 0.6, 0.7, 0.8, 0.9];

function draftFor(query: string, answer: string, messages = [{ role: 'user' as const, content: query }]): DraftToCheck {
  return { query, messages, answer, finishReason: 'stop' };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

// ---- GSM8K
const gsm = loadGsm8k();
const verdicts = gsm.map((g) => ({ g, v: validateDraft(draftFor(g.prompt, g.mixtral.text), 0.7) }));
const gpt4Acc = gsm.filter((g) => g.gpt4.correct).length / gsm.length;
console.log(`GSM8K n=${gsm.length}  Mixtral acc ${pct(gsm.filter((g) => g.mixtral.correct).length / gsm.length)}  GPT-4 acc ${pct(gpt4Acc)}`);
for (const t of thresholds) {
  let esc = 0;
  let quality = 0;
  let acc = 0;
  let accRight = 0;
  let wrongCaught = 0;
  for (const { g, v } of verdicts) {
    const accepted = !v.hardFailure && v.score >= t;
    if (accepted) {
      acc++;
      if (g.mixtral.correct) accRight++;
      quality += g.mixtral.correct ? 1 : 0;
    } else {
      esc++;
      if (!g.mixtral.correct) wrongCaught++;
      quality += g.gpt4.correct ? 1 : 0;
    }
  }
  const wrong = gsm.filter((g) => !g.mixtral.correct).length;
  console.log(
    `  t=${t.toFixed(2)} escalation ${pct(esc / gsm.length)}  quality ${pct(quality / gsm.length)}  rel ${(quality / gsm.length / gpt4Acc).toFixed(3)}  ` +
      `accepted-correct ${pct(accRight / Math.max(1, acc))}  wrong caught ${pct(wrongCaught / wrong)}`,
  );
}
const fired = (v: QualityVerdict, name: string) => v.signals.some((s) => s.name === name && s.applicable && (s.hardFail || s.score < 0.98));
const names = [...new Set(verdicts.flatMap(({ v }) => v.signals.map((s) => s.name)))];
console.log('  signal fires on: wrong / right Mixtral drafts');
for (const n of names) {
  const w = verdicts.filter(({ g, v }) => !g.mixtral.correct && fired(v, n)).length;
  const r = verdicts.filter(({ g, v }) => g.mixtral.correct && fired(v, n)).length;
  if (w + r > 0) console.log(`    ${n.padEnd(13)} ${String(w).padStart(4)} / ${String(r).padStart(4)}  precision ${pct(w / (w + r))}`);
}
const gptVerdicts = gsm.map((g) => ({ g, v: validateDraft(draftFor(g.prompt, g.gpt4.text), 0.7) }));
const gptRightRejected = gptVerdicts.filter(({ g, v }) => g.gpt4.correct && !v.accepted).length;
console.log(`  GPT-4 answers (other style): correct ones rejected ${pct(gptRightRejected / gsm.filter((g) => g.gpt4.correct).length)}`);

if (show) {
  for (const { g, v } of [...verdicts, ...(args.includes('--gpt') ? gptVerdicts : [])]) {
    const right = g.mixtral.correct;
    if (right !== showRight || !fired(v, show)) continue;
    console.log('----', right ? 'RIGHT' : 'WRONG', v.explanation);
    console.log(g.prompt.slice(0, 300));
    console.log('>>', g.mixtral.text.slice(-500));
  }
}

// ---- MT-Bench
const mt = loadMtBench();
const key = (q: number, t: number, m: string) => `${q}|${t}|${m}`;
const byKey = new Map(mt.map((x) => [key(x.questionId, x.turn, x.model), x]));
const mix = mt.filter((x) => x.model === MIXTRAL);
const gptMean = mt.filter((x) => x.model === GPT4).reduce((s, x) => s + x.score, 0) / mix.length;
const mtVerdicts = mix.map((x) => ({
  x,
  g: byKey.get(key(x.questionId, x.turn, GPT4)),
  v: validateDraft({ query: x.messages[x.messages.length - 1]?.content ?? '', messages: x.messages, answer: x.answer, finishReason: 'stop' }, 0.7),
}));
console.log(`\nMT-Bench n=${mix.length}  Mixtral mean ${(mix.reduce((s, x) => s + x.score, 0) / mix.length).toFixed(2)}  GPT-4 mean ${gptMean.toFixed(2)}`);
for (const t of thresholds) {
  let esc = 0;
  let total = 0;
  for (const { x, g, v } of mtVerdicts) {
    const accepted = !v.hardFailure && v.score >= t;
    if (accepted) total += x.score;
    else {
      esc++;
      total += g?.score ?? x.score;
    }
  }
  console.log(`  t=${t.toFixed(2)} escalation ${pct(esc / mix.length)}  mean ${(total / mix.length).toFixed(2)}  rel ${(total / mix.length / gptMean).toFixed(3)}`);
}
if (args.includes('--mt')) {
  for (const { x, g, v } of mtVerdicts) {
    if (v.accepted && x.score > 5) continue;
    console.log(`  q${x.questionId}/${x.turn} ${x.category} mix=${x.score} gpt=${g?.score} ${v.accepted ? 'ACCEPTED' : 'ESCALATED'} ${v.explanation.slice(0, 200)}`);
  }
}
const gptMt = mt.filter((x) => x.model === GPT4).map((x) => validateDraft({ query: x.messages[x.messages.length - 1]?.content ?? '', messages: x.messages, answer: x.answer, finishReason: 'stop' }, 0.7));
console.log(`  GPT-4 answers rejected: ${pct(gptMt.filter((v) => !v.accepted).length / gptMt.length)}`);
if (args.includes('--mtgpt')) for (const v of gptMt) if (!v.accepted) console.log('   ', v.explanation.slice(0, 200));
