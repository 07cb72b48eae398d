import { describe, expect, it } from 'vitest';
import { jsonFormatSignal } from '../../../shared/core/quality/signals/json-format.ts';
import { validateDraft } from '../../../shared/core/quality/decide.ts';
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

  describe('JSON asked for in words', () => {
    const asks = (answer: string, query: string) => jsonFormatSignal(draft(answer, { query }));

    it('checks the JSON of a chat answer when the question asks for JSON', () => {
      // The end of a real Mixtral answer from the MT-Bench recordings (judged 6/10): markdown escapes inside JSON.
      const answer = 'Sure, here is the updated response:\n\n[\n  {"review": "Phenomenal.", "release\\_date": "2019-11-18"}\n]\n\nNote: I assumed the dates.';
      const r = asks(answer, 'Update your previous reply by including the release date as part of the JSON content.');
      expect(r).toMatchObject({ applicable: true, score: 0.3 });
      expect(r.hardFail).toBeUndefined();
      expect(r.reason).toMatch(/^the question asks for JSON, and the draft's JSON does not parse \(.+\)$/);
      expect(asks(answer.replace('\\_', '_'), 'Return the answer as a JSON array.')).toMatchObject({ applicable: true, score: 1 });
    });

    it('reads a ```json block and ignores code in other languages', () => {
      expect(asks('Here:\n```json\n{"a": 1,}\n```', 'Give me the result in JSON format.').score).toBe(0.3);
      expect(asks('Here:\n```json\n{"a": 1}\n```', 'Give me the result in JSON format.').score).toBe(1);
      const python = 'Use json.dumps:\n```python\ndata = {\'a\': 1}\nprint(json.dumps(data))\n```';
      expect(asks(python, 'How do I print a dict as JSON in Python?').applicable).toBe(false);
    });

    it('does not judge answers to questions about JSON', () => {
      expect(asks('JSON is a text format: {"a": 1, ...} and so on.', 'What is the JSON format?').applicable).toBe(false);
    });

    it('doubts an answer that gives no JSON at all, enough to escalate at the default threshold', () => {
      const query = 'Return a JSON object with the capital of France';
      const prose = 'The capital of France is Paris.';
      expect(asks(prose, query)).toEqual({ name: 'json_format', applicable: true, score: 0.5, reason: 'the question asks for JSON, and the draft gives none' });
      const verdict = validateDraft(draft(prose, { query }), 0.7);
      expect(verdict.accepted).toBe(false);
      expect(verdict.hardFailure).toBe(false);
      expect(verdict.explanation).toContain('the question asks for JSON, and the draft gives none');
      // Braces in prose are not an attempt at JSON.
      expect(asks('Use {city} as the key.', query).score).toBe(0.5);
    });

    it('hears an instruction that opens with its verb: "Return JSON with...", "Respond only with JSON"', () => {
      const prose = 'Here is a short answer about Alice: she is 30.';
      const query = 'Return JSON with keys "name" and "age" for Alice who is 30. Respond only with JSON.';
      expect(asks(prose, query)).toMatchObject({ applicable: true, score: 0.5 });
      expect(asks(prose, 'Alice is 30. Please reply with nothing but valid JSON.')).toMatchObject({ applicable: true, score: 0.5 });
      expect(asks('{"name": "Alice", "age": 30}', query)).toMatchObject({ applicable: true, score: 1 });
      expect(validateDraft(draft(prose, { query }), 0.7).accepted).toBe(false);
      // A question about returning JSON, or a request for code that handles it, is not a request for JSON.
      expect(asks(prose, 'How do I return JSON from a Flask route?').applicable).toBe(false);
      expect(asks(prose, 'Give me a JSON parser written in Rust.').applicable).toBe(false);
    });

    it('finds JSON inline in a sentence', () => {
      const r = asks('Here it is: {"capital": "Paris"}.', 'Return a JSON object with the capital of France');
      expect(r).toMatchObject({ applicable: true, score: 1 });
      expect(asks('The list is ["a", "b"] as asked.', 'Give the letters as a JSON array.').score).toBe(1);
    });
  });
});
