import { describe, expect, it } from 'vitest';
import { jsonFormatSignal } from '../../../shared/core/quality/signals/json-format.ts';
import { draft } from './fixtures/draft.ts';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};

describe('json_format signal', () => {
  it('is not applicable when no format was requested', () => {
    expect(jsonFormatSignal(draft('{"a":1}')).applicable).toBe(false);
  });

  it('passes valid JSON for format "json", also inside a single ```json fence', () => {
    expect(jsonFormatSignal(draft('{"a": [1, 2]}', { format: 'json' })).score).toBe(1);
    expect(jsonFormatSignal(draft('```json\n{"a": 1}\n```', { format: 'json' })).score).toBe(1);
  });

  it('hard-fails text that is not JSON', () => {
    const r = jsonFormatSignal(draft('Sure! Here is the data: {"a": 1}', { format: 'json' }));
    expect(r).toMatchObject({ score: 0, hardFail: true });
    expect(r.reason).toMatch(/^the draft is not valid JSON \(.+\)$/);
  });

  it('passes JSON that satisfies the schema', () => {
    const r = jsonFormatSignal(draft('{"name": "Ada", "age": 36, "tags": ["a"]}', { format: schema }));
    expect(r).toMatchObject({ score: 1, reason: 'the draft is valid JSON matching the requested schema' });
  });

  it('hard-fails JSON that breaks the schema and lists where', () => {
    const r = jsonFormatSignal(draft('{"name": "", "age": -1, "tags": ["c"], "extra": true}', { format: schema }));
    expect(r.hardFail).toBe(true);
    expect(r.reason).toBe(
      'the JSON does not match the requested schema: $.name must be at least 1 characters long, got 0; $.age must be >= 0, got -1; $.tags[0] must be one of "a", "b", got "c"',
    );
  });

  it('reports a missing required field and a wrong type', () => {
    const r = jsonFormatSignal(draft('{"name": 7}', { format: schema }));
    expect(r.reason).toContain('$.name expected string, got integer 7');
    expect(r.reason).toContain('$.age is required but missing');
  });

  it('unwraps OpenAI-style json_schema response formats', () => {
    const format = { type: 'json_schema', json_schema: { name: 'person', schema } };
    expect(jsonFormatSignal(draft('{"name": "Ada", "age": 36}', { format })).score).toBe(1);
    expect(jsonFormatSignal(draft('{"name": "Ada"}', { format })).hardFail).toBe(true);
  });
});
