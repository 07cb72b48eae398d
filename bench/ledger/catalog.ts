// The synthetic ledger's world: models with their prices and speeds, cascade profiles, product
// features and the shape of a working week. Figures are plausible, not quotes.
import type { Complexity, ProviderKind } from '../../shared/core/config/schema.ts';

export interface ModelSpec {
  provider: ProviderKind;
  model: string;
  local: boolean;
  pricing: 'list' | 'energy' | 'unknown';
  /** nano-USD per token (list prices only). */
  inputNano: number;
  cachedInputNano: number;
  outputNano: number;
  /** Before `priceChangeAt` (share of the history) these were the list prices. */
  earlier?: { inputNano: number; cachedInputNano: number; outputNano: number; until: number };
  ttftMs: number;
  tokensPerSecond: number;
}

const LLAMA: ModelSpec = { provider: 'ollama', model: 'llama3.2:3b', local: true, pricing: 'energy', inputNano: 0, cachedInputNano: 0, outputNano: 0, ttftMs: 180, tokensPerSecond: 55 };
const MINI: ModelSpec = { provider: 'openai', model: 'gpt-4o-mini', local: false, pricing: 'list', inputNano: 150, cachedInputNano: 75, outputNano: 600, ttftMs: 450, tokensPerSecond: 90 };
const GPT4O: ModelSpec = {
  provider: 'openai',
  model: 'gpt-4o',
  local: false,
  pricing: 'list',
  inputNano: 2_500,
  cachedInputNano: 1_250,
  outputNano: 10_000,
  earlier: { inputNano: 5_000, cachedInputNano: 5_000, outputNano: 15_000, until: 0.2 },
  ttftMs: 600,
  tokensPerSecond: 60,
};
const CLAUDE: ModelSpec = { provider: 'anthropic', model: 'claude-sonnet-4-5', local: false, pricing: 'list', inputNano: 3_000, cachedInputNano: 300, outputNano: 15_000, ttftMs: 900, tokensPerSecond: 55 };
// A self-hosted endpoint nobody entered a price for: its calls are "price unknown".
const QWEN: ModelSpec = { provider: 'openai-compatible', model: 'qwen2.5-72b-instruct', local: false, pricing: 'unknown', inputNano: 0, cachedInputNano: 0, outputNano: 0, ttftMs: 500, tokensPerSecond: 35 };

export const ENERGY = { gpuWatts: 280, electricityUsdPerKwh: 0.17 };

export type ProfileName = 'local2' | 'cloud2' | 'local3' | 'selfHosted';

export interface Profile {
  tiers: readonly ModelSpec[];
  /** Share of the history before which the profile did not exist yet. */
  since: number;
  /** Used before `since`. */
  fallback?: ProfileName;
}

export const PROFILES: Record<ProfileName, Profile> = {
  local2: { tiers: [LLAMA, MINI], since: 0 },
  cloud2: { tiers: [MINI, GPT4O], since: 0 },
  local3: { tiers: [LLAMA, MINI, CLAUDE], since: 0.33, fallback: 'cloud2' },
  selfHosted: { tiers: [QWEN, GPT4O], since: 0.5, fallback: 'cloud2' },
};

export interface Feature {
  name: string | null;
  weight: number;
  profiles: readonly (readonly [ProfileName, number])[];
  domains: readonly string[];
  /** Log-normal medians of the prompt and answer sizes in tokens. */
  inputTokens: number;
  outputTokens: number;
  topics: readonly string[];
}

export const FEATURES: readonly Feature[] = [
  { name: 'chat', weight: 33, profiles: [['local2', 0.7], ['local3', 0.3]], domains: ['general', 'writing', 'code', 'math'], inputTokens: 600, outputTokens: 220, topics: ['a trip to Lisbon', 'sourdough starters', 'the French revolution', 'binary search', 'compound interest', 'a birthday message'] },
  { name: 'code-review', weight: 12, profiles: [['local3', 1]], domains: ['code'], inputTokens: 2_800, outputTokens: 380, topics: ['this React hook', 'a Go HTTP handler', 'the retry loop in sync.ts', 'a SQL migration', 'this Rust iterator chain'] },
  { name: 'summarize', weight: 14, profiles: [['local2', 1]], domains: ['writing', 'general'], inputTokens: 3_500, outputTokens: 180, topics: ['the Q3 board minutes', 'this support thread', 'the incident report', 'a 20-page RFC', 'the customer interview notes'] },
  { name: 'support-bot', weight: 16, profiles: [['cloud2', 1]], domains: ['support', 'general'], inputTokens: 900, outputTokens: 160, topics: ['a refund request', 'password reset', 'an invoice in EUR', 'SSO setup', 'exporting data'] },
  { name: 'sql-assistant', weight: 8, profiles: [['cloud2', 0.6], ['local3', 0.4]], domains: ['code', 'data'], inputTokens: 700, outputTokens: 140, topics: ['monthly active users', 'a slow join', 'revenue by region', 'churned accounts', 'a window function'] },
  { name: 'translate', weight: 7, profiles: [['local2', 1]], domains: ['writing'], inputTokens: 350, outputTokens: 300, topics: ['a product page into German', 'release notes into Japanese', 'an email into Spanish', 'a contract clause into French'] },
  { name: 'research', weight: 5, profiles: [['selfHosted', 1]], domains: ['general', 'data'], inputTokens: 1_800, outputTokens: 500, topics: ['battery chemistries', 'EU AI Act obligations', 'vector databases', 'heat pump efficiency'] },
  { name: null, weight: 5, profiles: [['local2', 0.5], ['cloud2', 0.5]], domains: ['general', 'math'], inputTokens: 400, outputTokens: 150, topics: ['a quick question', 'unit conversion', 'a definition'] },
];

export const COMPLEXITIES: readonly (readonly [Complexity, number])[] = [
  ['trivial', 0.15],
  ['simple', 0.3],
  ['moderate', 0.3],
  ['hard', 0.18],
  ['expert', 0.07],
];

/** Chance that a validator rejects a tier's answer, by complexity (overall about 30%). */
export const REJECT_RATE: Record<Complexity, number> = { trivial: 0.08, simple: 0.18, moderate: 0.32, hard: 0.5, expert: 0.7 };

export const USER_NAMES = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy',
  'rupert', 'sybil', 'trent', 'uma', 'victor', 'walter', 'xena', 'yusuf', 'zoe', 'amir', 'bea', 'chen', 'dara', 'emeka',
  'fatima', 'goran', 'hana', 'ines', 'jonas', 'kemal', 'lena', 'mateo', 'noor', 'oskar', 'priya', 'quinn',
] as const;

/** Relative traffic per UTC hour: European and American working days overlapping. */
export const HOURLY = [0.3, 0.2, 0.15, 0.15, 0.2, 0.35, 0.6, 1, 1.6, 2, 2.2, 2.1, 1.9, 2.1, 2.4, 2.6, 2.5, 2.2, 1.8, 1.4, 1.1, 0.8, 0.6, 0.4];

/** Sunday first, as Date.getUTCDay counts. */
export const WEEKDAY = [0.35, 1, 1.05, 1.05, 1, 0.9, 0.45];

/** Traffic at the end of the history relative to its start. */
export const GROWTH = 6;

export const REASONS = [
  'the draft contradicts itself',
  'the arithmetic in the draft is wrong',
  'the draft stops mid-sentence',
  'the draft does not answer the question',
  'low token confidence',
  'the JSON does not match the schema',
  'the code block does not parse',
];

export const WORDS = (
  'the a of to and in that is for it with as on be at by this from or an are not have was but which can will one all would ' +
  'there their if more when up so out about into than them some could only other time new these two may then do first any ' +
  'like now over such our even most after also made many before must through back years where much your way well down should ' +
  'because each just those people how too little state good very make world still own see men work long get here between both ' +
  'life being under never day same another know while last might us great old year off come since against go came right used ' +
  'take three value query model cost token latency answer draft verifier cache index budget local cloud savings ledger'
).split(' ');
