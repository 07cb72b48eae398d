// The JSON Schema subset the validator enforces on structured answers and tool arguments:
// type, enum, const, properties, required, additionalProperties, items, min/max(Items|Length),
// minimum/maximum (also exclusive), pattern, anyOf/oneOf/allOf, nullable. Other keywords are
// ignored rather than guessed at.
import { isRecord } from '../../is-record.ts';

export interface SchemaIssue {
  /** JSONPath-like location: $, $.items[2].price */
  path: string;
  message: string;
}

const MAX_ISSUES = 5;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matchesType(v: unknown, type: string): boolean {
  const actual = jsonType(v);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Accepts a bare schema or the wrappers APIs use for response formats
 * ({json_schema: {schema}}, {name, schema}).
 */
export function unwrapSchema(format: Record<string, unknown>): Record<string, unknown> {
  const inner = format.json_schema;
  if (isRecord(inner) && isRecord(inner.schema)) return inner.schema;
  if (isRecord(format.schema) && !('type' in format) && !('properties' in format)) return format.schema;
  return format;
}

export function validateSchema(value: unknown, schema: unknown, path = '$'): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(value, schema, path, issues);
  return issues.slice(0, MAX_ISSUES);
}

function check(value: unknown, schema: unknown, path: string, issues: SchemaIssue[]): void {
  if (issues.length >= MAX_ISSUES || !isRecord(schema)) return;
  const add = (message: string) => issues.push({ path, message });

  if (schema.nullable === true && value === null) return;
  const type = schema.type;
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
    if (types.length > 0 && !types.some((t) => matchesType(value, t))) {
      add(`expected ${types.join(' or ')}, got ${jsonType(value)} ${show(value)}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) {
    add(`must be one of ${schema.enum.map(show).join(', ')}, got ${show(value)}`);
  }
  if ('const' in schema && !deepEqual(schema.const, value)) add(`must be ${show(schema.const)}, got ${show(value)}`);

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) add(`must be >= ${schema.minimum}, got ${value}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) add(`must be <= ${schema.maximum}, got ${value}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) add(`must be > ${schema.exclusiveMinimum}, got ${value}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) add(`must be < ${schema.exclusiveMaximum}, got ${value}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) add(`must be at least ${schema.minLength} characters long, got ${length}`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) add(`must be at most ${schema.maxLength} characters long, got ${length}`);
    if (typeof schema.pattern === 'string') {
      let re: RegExp | null = null;
      try {
        re = new RegExp(schema.pattern, 'u');
      } catch {
        re = null; // A schema with a regex this engine cannot compile is not the draft's fault.
      }
      if (re && !re.test(value)) add(`must match the pattern ${schema.pattern}, got ${show(value)}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) add(`must have at least ${schema.minItems} items, got ${value.length}`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) add(`must have at most ${schema.maxItems} items, got ${value.length}`);
    if (isRecord(schema.items)) value.forEach((item, i) => check(item, schema.items, childPath(path, i), issues));
  }
  if (isRecord(value)) {
    const props = isRecord(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const key of schema.required) {
        if (typeof key === 'string' && !(key in value)) issues.push({ path: childPath(path, key), message: 'is required but missing' });
      }
    }
    for (const [key, v] of Object.entries(value)) {
      if (key in props) check(v, props[key], childPath(path, key), issues);
      else if (schema.additionalProperties === false) issues.push({ path: childPath(path, key), message: 'is not allowed (no additional properties)' });
      else if (isRecord(schema.additionalProperties)) check(v, schema.additionalProperties, childPath(path, key), issues);
    }
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (!Array.isArray(options) || options.length === 0) continue;
    const passing = options.filter((o) => validateSchema(value, o, path).length === 0).length;
    if (passing === 0) add(`does not match any of the allowed shapes (${key})`);
    else if (key === 'oneOf' && passing > 1) add('matches more than one of the allowed shapes (oneOf)');
  }
  if (Array.isArray(schema.allOf)) for (const o of schema.allOf) check(value, o, path, issues);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export type ParsedJson = { ok: true; value: Json } | { ok: false; error: string };

/** JSON.parse with the error message kept short and plain. */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: message.replace(/^JSON\.parse: /, '').slice(0, 120) };
  }
}

/** The JSON text of an answer: the whole answer, or the inside of its single fenced block. */
export function extractJsonText(answer: string): string {
  const trimmed = answer.trim();
  const fence = /^```[ \t]*(?:json|JSON|jsonc)?[ \t]*\n([\s\S]*?)\n?```$/.exec(trimmed);
  return fence?.[1] !== undefined ? fence[1].trim() : trimmed;
}
