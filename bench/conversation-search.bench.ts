// Conversation search (conversations.list with a search) on a chat history of 2,000
// conversations and 40,000 messages, for a word found in a few conversations, in most of them
// (the list stops at 200) and in none. The baseline, timed in the same run, is one LIKE pass over
// every message's text: what any search that reads the messages must at least pay. Each answer is
// checked against the same search done in plain TypeScript over the generated history.
// Run alone: npx tsx bench/conversation-search.bench.ts   (npm run bench calls runConversationSearchBench()).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConversationListItem } from '../shared/api/contract.ts';
import type { Clock } from '../shared/core/ports.ts';
import { counterIds } from '../shared/core/ports.ts';
import { searchSnippet } from '../shared/core/search-snippet.ts';
import { createConversationStore } from '../electron/node/sqlite/conversation-store.ts';
import { openDatabase } from '../electron/node/sqlite/open-database.ts';
import { CACHE_DIR } from './ledger/bench-ledger.ts';
import { createPrng, type Prng } from './ledger/prng.ts';
import { summarize } from './measure.ts';
import { evaluate, formatTable, type BenchRow } from './report.ts';

export interface ConversationSearchBenchOptions {
  conversations: number;
  messages: number;
  runs: number;
  seed: number;
}

const DEFAULTS: ConversationSearchBenchOptions = { conversations: 2_000, messages: 40_000, runs: 50, seed: 7 };
const LIST_LIMIT = 200;

// Filler words; none contains a searched word.
const WORDS = (
  'the a of to and in is it that for on with as be this are was by at or from have an not but can ' +
  'file page list model answer question cost token draft cloud local run time value table index ' +
  'query price budget chart report window server client cache memory disk thread loop read write ' +
  'error retry limit stream reply prompt text line word number result order field type check'
).split(' ');

/** The searched words and the share of messages each is put in. */
const TERMS = [
  { word: 'quaternion', share: 0.005, label: 'a word in ~10% of conversations' },
  { word: 'pagination', share: 0.2, label: 'a word in most conversations (list stops at 200)' },
  { word: 'zeppelin', share: 0, label: 'a word in no conversation' },
] as const;

interface Generated {
  id: string;
  title: string;
  updatedAt: number;
  messages: Array<{ id: string; content: string }>;
}

function messageText(prng: Prng): string {
  const words = Array.from({ length: prng.int(20, 160) }, () => prng.pick(WORDS));
  for (const t of TERMS) if (t.share > 0 && prng.chance(t.share)) words.splice(prng.int(0, words.length), 0, prng.chance(0.5) ? t.word : t.word.toUpperCase());
  return `${words.join(' ')}.`;
}

interface Answer {
  title: string;
  messageId: string | null;
  snippet: string | null;
}

/** The search in plain TypeScript: what the store must answer (ASCII case-insensitive, as LIKE). */
function expected(history: Generated[], word: string): Answer[] {
  const has = (s: string): boolean => s.toLowerCase().includes(word);
  return history
    .filter((c) => has(c.title) || c.messages.some((m) => has(m.content)))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, LIST_LIMIT)
    .map((c) => {
      const first = c.messages.find((m) => has(m.content));
      return { title: c.title, messageId: first?.id ?? null, snippet: first === undefined ? null : (searchSnippet(first.content, word)?.text ?? null) };
    });
}

const answered = (items: ConversationListItem[]): Answer[] =>
  items.map((c) => ({ title: c.title, messageId: c.match?.messageId ?? null, snippet: c.match?.snippet ?? null }));

export function runConversationSearchBench(options: Partial<ConversationSearchBenchOptions> = {}): BenchRow[] {
  const opts = { ...DEFAULTS, ...options };
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `conversation-search-${process.pid}.db`);
  const db = openDatabase(file);
  try {
    const prng = createPrng(opts.seed);
    let now = 1_750_000_000_000;
    const clock: Clock = { now: () => now, monotonic: () => now };
    const store = createConversationStore(db, { ids: counterIds('bench'), clock });

    const history: Generated[] = [];
    db.transaction(() => {
      for (let i = 0; i < opts.conversations; i++) {
        now += 1_000;
        const c = store.create(`Chat ${i}: ${prng.pick(WORDS)} ${prng.pick(WORDS)}`);
        history.push({ id: c.id, title: c.title, updatedAt: c.updatedAt, messages: [] });
      }
      // In sittings of a few questions and answers each, one conversation at a time, as people chat.
      for (let i = 0; i < opts.messages; ) {
        const c = prng.pick(history);
        for (const end = Math.min(opts.messages, i + 2 * prng.int(1, 6)); i < end; i++) {
          now += 1_000;
          const m = store.appendMessage({ conversationId: c.id, role: i % 2 === 0 ? 'user' : 'assistant', content: messageText(prng) });
          c.messages.push({ id: m.id, content: m.content });
          c.updatedAt = now;
        }
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');

    const scanAll = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM messages WHERE content LIKE ? ESCAPE '\\'");
    const size = `${opts.conversations.toLocaleString('en-US')} conversations, ${opts.messages.toLocaleString('en-US')} messages`;
    return TERMS.map((t): BenchRow => {
      const found = store.list({ search: t.word });
      const wrong = JSON.stringify(answered(found)) === JSON.stringify(expected(history, t.word)) ? {} : { failure: 'results differ from the plain search' };
      // Timed alternately, so both see the same load from whatever else the machine is doing.
      const searchMs: number[] = [];
      const baselineMs: number[] = [];
      for (let i = -1; i < opts.runs; i++) {
        const t0 = performance.now();
        store.list({ search: t.word });
        const t1 = performance.now();
        scanAll.get(`%${t.word}%`);
        const t2 = performance.now();
        if (i < 0) continue; // warm-up
        searchMs.push(t1 - t0);
        baselineMs.push(t2 - t1);
      }
      const search = summarize(searchMs);
      const baseline = summarize(baselineMs);
      return {
        name: `conversation search, ${t.label}`,
        unit: 'ms',
        value: search.p50,
        p99: search.p99,
        baseline: { label: 'one LIKE pass over all messages', value: baseline.p50 },
        note: `${size}, ${found.length} results, ${search.n} runs`,
        ...wrong,
      };
    });
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatTable(runConversationSearchBench().map(evaluate)));
}
