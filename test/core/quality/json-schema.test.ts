import { describe, expect, it } from 'vitest';
import { extractJsonText, unwrapSchema, validateSchema } from '../../../shared/core/quality/text/json-schema.ts';

describe('JSON Schema subset', () => {
  it('checks nested objects and arrays with paths', () => {
    const schema = {
      type: 'object',
      properties: { items: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'object', properties: { price: { type: 'number', exclusiveMinimum: 0 } }, required: ['price'] } } },
    };
    expect(validateSchema({ items: [{ price: 2.5 }] }, schema)).toEqual([]);
    expect(validateSchema({ items: [{ price: 0 }, {}, { price: 'x' }] }, schema)).toEqual([
      { path: '$.items', message: 'must have at most 2 items, got 3' },
      { path: '$.items[0].price', message: 'must be > 0, got 0' },
      { path: '$.items[1].price', message: 'is required but missing' },
      { path: '$.items[2].price', message: 'expected number, got string "x"' },
    ]);
  });

  it('distinguishes integer from number and accepts type lists and nullable', () => {
    expect(validateSchema(1.5, { type: 'integer' })).toHaveLength(1);
    expect(validateSchema(2, { type: 'number' })).toEqual([]);
    expect(validateSchema(null, { type: ['string', 'null'] })).toEqual([]);
    expect(validateSchema(null, { type: 'string', nullable: true })).toEqual([]);
  });

  it('supports enum, const, pattern, maxLength and additionalProperties as a schema', () => {
    expect(validateSchema('b', { enum: ['a'] })[0]?.message).toBe('must be one of "a", got "b"');
    expect(validateSchema(3, { const: 4 })[0]?.message).toBe('must be 4, got 3');
    expect(validateSchema('abc', { type: 'string', pattern: '^[a-z]+$', maxLength: 2 })).toEqual([{ path: '$', message: 'must be at most 2 characters long, got 3' }]);
    expect(validateSchema({ a: 1, b: 'x' }, { type: 'object', additionalProperties: { type: 'integer' } })).toEqual([{ path: '$.b', message: 'expected integer, got string "x"' }]);
  });

  it('supports anyOf and oneOf', () => {
    const anyOf = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
    expect(validateSchema(3, anyOf)).toEqual([]);
    expect(validateSchema(true, anyOf)[0]?.message).toBe('does not match any of the allowed shapes (anyOf)');
    expect(validateSchema(3, { oneOf: [{ type: 'integer' }, { type: 'number' }] })[0]?.message).toBe('matches more than one of the allowed shapes (oneOf)');
  });

  it('ignores a schema pattern this engine cannot compile', () => {
    expect(validateSchema('x', { type: 'string', pattern: '(?<' })).toEqual([]);
  });

  it('unwraps response-format wrappers and extracts a fenced JSON answer', () => {
    const schema = { type: 'object' };
    expect(unwrapSchema({ type: 'json_schema', json_schema: { name: 'x', schema } })).toBe(schema);
    expect(unwrapSchema({ name: 'x', schema })).toBe(schema);
    expect(unwrapSchema(schema)).toBe(schema);
    expect(extractJsonText('```json\n{"a": 1}\n```')).toBe('{"a": 1}');
    expect(extractJsonText('  [1, 2] ')).toBe('[1, 2]');
  });
});
