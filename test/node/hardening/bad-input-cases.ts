// Malformed inputs for every API method, derived from the method's own zod schema: for each field
// (nested objects and first array elements included) the values of a wrong type, NaN and
// infinities, negatives where only positives are allowed, strings one over the limit, null,
// arrays for objects... A method added to the contract is covered without touching this file;
// SAMPLES only helps where a valid input cannot be synthesized (patterns, cross-field rules).
import type { z } from 'zod';
import { API_METHOD_NAMES } from '../../../shared/api/contract.ts';
import { apiInputSchemas } from '../../../shared/api/schemas.ts';
import { BACKUP_FORMAT } from '../../../electron/node/backup/document.ts';

/** A value JSON cannot carry: NaN and infinities, sent as such where the transport can. */
export class Special {
  constructor(readonly kind: 'NaN' | 'Infinity' | '-Infinity') {}
  get value(): number {
    return this.kind === 'NaN' ? Number.NaN : this.kind === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
}

export interface BadCase {
  method: string;
  label: string;
  input: unknown;
  /** The path the error must name in details.fields (a prefix match: `range` covers `range.to`). */
  field: string;
  /** Text the message must contain besides the field. */
  mentions?: string;
}

const RANGE = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) };

/** Valid inputs where synthesis from the schema cannot find one. */
export const SAMPLES: Record<string, unknown> = {
  'cascade.run': {
    prompt: 'What is 2 + 2?',
    messages: [{ role: 'user', content: 'hi', toolCalls: [{ id: 'c1', name: 'f', arguments: '{}' }] }],
    tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', apiKeyEnv: 'MY_KEY', price: { inputPerMTok: 1, outputPerMTok: 2 }, timeoutMs: 1000 }],
    tools: [{ name: 'f', description: 'd', parameters: {} }],
    threshold: 0.5,
    maxTokens: 100,
    temperature: 1,
    userId: 'alice',
    feature: 'chat',
  },
  'config.set': { config: { tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: 'http://127.0.0.1:11434' }], quality: { threshold: 0.7 }, local: { gpuWatts: 300, electricityUsdPerKwh: 0.15 }, prices: { m: { inputPerMTok: 1, outputPerMTok: 2 } } } },
  'secrets.set': { name: 'OPENAI_API_KEY', value: 'sk-abc' },
  'secrets.delete': { name: 'OPENAI_API_KEY' },
  'providers.test': { provider: 'ollama', baseUrl: 'http://127.0.0.1:11434', apiKeyEnv: 'MY_KEY' },
  'ledger.summary': { range: RANGE },
  'ledger.daily': { range: RANGE },
  'ledger.byModel': { range: RANGE },
  'ledger.topQueries': { range: RANGE, limit: 10 },
  'ledger.byTag': { range: RANGE, tag: 'user' },
  'ledger.byDomain': { range: RANGE },
  'ledger.prepareExport': { range: RANGE, format: 'csv' },
  'backup.import': { document: { format: BACKUP_FORMAT }, mode: 'merge' },
  'alerts.dismiss': { id: 'alert-1' },
};

/** Semantic mistakes a type check alone would not produce: bad ranges, dates, URLs, empty names. */
const EXTRA: BadCase[] = [
  ...['ledger.summary', 'ledger.daily', 'ledger.byModel', 'ledger.prepareExport', 'ledger.topQueries', 'ledger.byTag', 'ledger.byDomain'].flatMap((method): BadCase[] => {
    const base = SAMPLES[method] as Record<string, unknown>;
    return [
      { method, label: 'to before from', input: { ...base, range: { from: RANGE.to, to: RANGE.from } }, field: 'range.to' },
      { method, label: 'empty range', input: { ...base, range: { from: RANGE.from, to: RANGE.from } }, field: 'range.to' },
      { method, label: 'date string', input: { ...base, range: { from: '2026-01-01', to: RANGE.to } }, field: 'range.from' },
      { method, label: 'invalid date string', input: { ...base, range: { from: RANGE.from, to: '2026-13-45T99:00:00Z' } }, field: 'range.to' },
      { method, label: 'beyond the last valid date', input: { ...base, range: { from: RANGE.from, to: 8.64e15 + 1 } }, field: 'range.to' },
      { method, label: 'fractional ms', input: { ...base, range: { from: 0.5, to: RANGE.to } }, field: 'range.from' },
    ];
  }),
  { method: 'cascade.run', label: 'javascript: url', input: { prompt: 'x', tiers: [{ model: 'm', provider: 'ollama', baseUrl: 'javascript:alert(1)' }] }, field: 'tiers.0.baseUrl' },
  { method: 'cascade.run', label: 'file: url', input: { prompt: 'x', tiers: [{ model: 'm', provider: 'ollama', baseUrl: 'file:///etc/passwd' }] }, field: 'tiers.0.baseUrl' },
  { method: 'cascade.run', label: 'empty prompt', input: { prompt: '' }, field: 'prompt' },
  { method: 'cascade.run', label: 'nothing to answer', input: {}, field: 'prompt' },
  { method: 'cascade.run', label: 'lower-case key name', input: { prompt: 'x', tiers: [{ model: 'm', provider: 'openai', apiKeyEnv: 'my key' }] }, field: 'tiers.0.apiKeyEnv' },
  { method: 'cascade.run', label: 'empty tier list', input: { prompt: 'x', tiers: [] }, field: 'tiers' },
  { method: 'cascade.run', label: 'unknown provider', input: { prompt: 'x', tiers: [{ model: 'm', provider: 'olama' }] }, field: 'tiers.0.provider' },
  { method: 'config.set', label: 'no tiers', input: { config: { tiers: [] } }, field: 'config.tiers' },
  { method: 'config.set', label: 'threshold over 1', input: { config: { tiers: [{ model: 'm', provider: 'ollama' }], quality: { threshold: 1.5 } } }, field: 'config.quality.threshold' },
  { method: 'config.set', label: 'negative price', input: { config: { tiers: [{ model: 'm', provider: 'ollama' }], prices: { m: { inputPerMTok: -1, outputPerMTok: 1 } } } }, field: 'config.prices.m.inputPerMTok' },
  { method: 'config.set', label: 'upper-case domain', input: { config: { tiers: [{ model: 'm', provider: 'ollama' }], domains: { Code: { tiers: [{ model: 'm', provider: 'ollama' }] } } } }, field: 'config.domains.Code' },
  { method: 'secrets.set', label: 'key with spaces', input: { name: 'OPENAI_API_KEY', value: 'sk abc def' }, field: 'value' },
  { method: 'secrets.set', label: 'not a variable name', input: { name: 'openai key', value: 'sk-abc' }, field: 'name' },
  { method: 'conversations.rename', label: 'empty title', input: { id: 'c-1', title: '' }, field: 'title' },
  { method: 'providers.test', label: 'not a url', input: { provider: 'ollama', baseUrl: 'localhost 11434' }, field: 'baseUrl' },
  { method: 'backup.import', label: 'empty document', input: { document: {} }, field: 'document.format' },
  { method: 'backup.import', label: 'document of another app', input: { document: { format: 'other', formatVersion: 1 } }, field: 'document.format' },
];

interface Unwrapped {
  schema: z.ZodType;
  type: string;
  nullable: boolean;
  optional: boolean;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, string | number>;
}

function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Numeric and length bounds zod exposes on its string and number schemas. */
function bounds(s: z.ZodType): { minLength?: number | null; maxLength?: number | null; minValue?: number | null; maxValue?: number | null; isInt?: boolean } {
  return s as unknown as { minLength?: number | null; maxLength?: number | null; minValue?: number | null; maxValue?: number | null; isInt?: boolean };
}

function unwrap(s: z.ZodType): Unwrapped {
  let cur = s;
  let nullable = false;
  let optional = false;
  for (;;) {
    const d = defOf(cur);
    if ((d.type === 'optional' || d.type === 'default' || d.type === 'readonly' || d.type === 'catch') && d.innerType) {
      if (d.type !== 'readonly') optional = true;
      cur = d.innerType;
    } else if (d.type === 'nullable' && d.innerType) {
      nullable = true;
      cur = d.innerType;
    } else if (d.type === 'pipe' && d.in) {
      cur = d.in;
    } else {
      return { schema: cur, type: d.type, nullable, optional };
    }
  }
}

interface SynthOptions {
  withOptional: boolean;
  /** Elements per array (some lists need two, e.g. a drafter and a verifier). */
  arrayLength: number;
  /** Top-level optional fields to leave out (cross-field rules like "one or the other"). */
  drop?: string;
}

/** A value for `s` that is valid as far as its types and bounds go, or undefined. */
function synth(s: z.ZodType, o: SynthOptions, top = true): unknown {
  const u = unwrap(s);
  const d = defOf(u.schema);
  const b = bounds(u.schema);
  switch (u.type) {
    case 'string':
      return 'a'.repeat(Math.max(1, b.minLength ?? 1));
    case 'number': {
      const lo = b.minValue ?? 1;
      return Number.isFinite(lo) ? Math.max(lo, 1) : 1;
    }
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(d.entries ?? {})[0];
    case 'literal':
      return d.values?.[0];
    case 'record':
      return {};
    case 'unknown':
    case 'any':
      return 'x';
    case 'array': {
      const el = d.element ? synth(d.element, o, false) : undefined;
      return el === undefined ? [] : Array.from({ length: o.arrayLength }, () => el);
    }
    case 'union':
      return d.options?.[0] ? synth(d.options[0], o, false) : undefined;
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(d.shape ?? {})) {
        if (unwrap(child).optional && (!o.withOptional || (top && k === o.drop))) continue;
        out[k] = synth(child, o, false);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** A valid input for the method, or {} when neither a sample nor synthesis gives one. */
export function validSample(method: string): unknown {
  const schema = (apiInputSchemas as Record<string, z.ZodType>)[method];
  if (!schema) return {};
  const optional = Object.entries(defOf(unwrap(schema).schema).shape ?? {})
    .filter(([, child]) => unwrap(child).optional)
    .map(([k]) => k);
  const candidates: unknown[] = [SAMPLES[method]];
  for (const arrayLength of [1, 2]) {
    candidates.push(synth(schema, { withOptional: true, arrayLength }), synth(schema, { withOptional: false, arrayLength }));
    for (const drop of optional) candidates.push(synth(schema, { withOptional: true, arrayLength, drop }));
  }
  for (const candidate of candidates) {
    if (candidate !== undefined && schema.safeParse(candidate).success) return candidate;
  }
  return {};
}

/** Values that must be refused by a field of this schema. */
function badValues(s: z.ZodType): { label: string; value: unknown }[] {
  const u = unwrap(s);
  const b = bounds(u.schema);
  const d = defOf(u.schema);
  const common = [{ label: 'an array', value: [] as unknown[] }, ...(u.nullable ? [] : [{ label: 'null', value: null }])];
  switch (u.type) {
    case 'string': {
      const out: { label: string; value: unknown }[] = [{ label: 'a number', value: 42 }, { label: 'a boolean', value: true }, { label: 'an object', value: { toString: 'x' } }, ...common];
      if (typeof b.maxLength === 'number' && b.maxLength < 3_000_000) out.push({ label: `${b.maxLength + 1} characters`, value: 'x'.repeat(b.maxLength + 1) });
      if (typeof b.minLength === 'number' && b.minLength >= 1) out.push({ label: 'empty', value: '' });
      return out;
    }
    case 'number': {
      const out: { label: string; value: unknown }[] = [
        { label: 'a numeric string', value: '5' },
        { label: '"NaN"', value: 'NaN' },
        { label: 'NaN', value: new Special('NaN') },
        { label: 'Infinity', value: new Special('Infinity') },
        { label: '-Infinity', value: new Special('-Infinity') },
        { label: 'a boolean', value: true },
        { label: 'an object', value: {} },
        ...common,
      ];
      if (typeof b.minValue === 'number' && b.minValue >= 0) out.push({ label: 'negative', value: -1 });
      if (typeof b.maxValue === 'number' && Number.isFinite(b.maxValue) && b.maxValue < Number.MAX_SAFE_INTEGER) out.push({ label: 'over the maximum', value: b.maxValue * 2 + 1 });
      if (b.isInt) out.push({ label: 'a fraction', value: 1.5 });
      return out;
    }
    case 'boolean':
      return [{ label: 'a string', value: 'true' }, { label: 'a number', value: 1 }, ...common];
    case 'enum':
      return [{ label: 'not an option', value: 'not-an-option' }, { label: 'a number', value: 0 }, ...common];
    case 'literal':
      return [{ label: 'another value', value: 'not-the-literal' }, ...common];
    case 'object':
    case 'record':
      return [{ label: 'a string', value: 'x' }, { label: 'a number', value: 5 }, ...common];
    case 'array':
      return [{ label: 'an object', value: {} }, { label: 'a string', value: 'x' }, ...(u.nullable ? [] : [{ label: 'null', value: null }])];
    case 'union': {
      const types = (d.options ?? []).map((o) => unwrap(o).type);
      const out: { label: string; value: unknown }[] = u.nullable ? [] : [{ label: 'null', value: null }];
      if (!types.includes('number')) out.push({ label: 'a number', value: 42 });
      if (!types.includes('array')) out.push({ label: 'an array', value: [] });
      return out;
    }
    default:
      return [];
  }
}

function setPath(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(base) && typeof head === 'number') {
    const copy: unknown[] = [...base];
    copy[head] = setPath(copy[head], rest, value);
    return copy;
  }
  const container: Record<string, unknown> = typeof base === 'object' && base !== null && !Array.isArray(base) ? { ...base } : {};
  container[String(head)] = setPath(container[String(head)], rest, value);
  return container;
}

function fieldCases(method: string, schema: z.ZodType, sample: unknown, path: (string | number)[], depth: number): BadCase[] {
  const u = unwrap(schema);
  const d = defOf(u.schema);
  const out: BadCase[] = [];
  const field = path.join('.');
  if (path.length > 0) for (const bad of badValues(schema)) out.push({ method, label: `${field} = ${bad.label}`, input: setPath(SAMPLE_ROOT.get(method), path, bad.value), field });
  if (depth >= 4) return out;
  if (u.type === 'object' && typeof sample === 'object' && sample !== null && !Array.isArray(sample)) {
    for (const [k, child] of Object.entries(d.shape ?? {})) out.push(...fieldCases(method, child, (sample as Record<string, unknown>)[k], [...path, k], depth + 1));
    if (path.length > 0) out.push({ method, label: `${field} with an unknown field`, input: setPath(SAMPLE_ROOT.get(method), [...path, 'zzUnknownField'], 1), field: `${field}.zzUnknownField`, mentions: 'zzUnknownField' });
  }
  if (u.type === 'array' && d.element && Array.isArray(sample) && sample.length > 0) out.push(...fieldCases(method, d.element, sample[0], [...path, 0], depth + 1));
  return out;
}

const SAMPLE_ROOT = new Map<string, unknown>();

export function badCasesFor(method: string): BadCase[] {
  const schema = (apiInputSchemas as Record<string, z.ZodType>)[method];
  if (!schema) return [];
  const sample = validSample(method);
  SAMPLE_ROOT.set(method, sample);
  // A missing input (undefined or null) means {}: bad only where {} is.
  const empty = schema.safeParse({});
  const whole: BadCase[] = [
    ...(empty.success ? [] : [{ method, label: 'null input', input: null, field: empty.error.issues[0]?.path.join('.') || '(input)' }]),
    { method, label: 'an array for the input', input: [sample], field: '(input)' },
    { method, label: 'a string for the input', input: 'x', field: '(input)' },
    { method, label: 'a number for the input', input: 7, field: '(input)' },
    { method, label: 'an unknown field', input: { ...(sample as object), zzUnknownField: 1 }, field: 'zzUnknownField', mentions: 'zzUnknownField' },
  ];
  return [...whole, ...fieldCases(method, schema, sample, [], 0), ...EXTRA.filter((c) => c.method === method)];
}

export function allBadCases(): BadCase[] {
  return API_METHOD_NAMES.flatMap((m) => badCasesFor(m));
}
