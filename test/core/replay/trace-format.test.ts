import { describe, expect, it } from 'vitest';
import { parseTrace, readTraceText, toJsonl, TraceFormatError, labelOf } from '../../../shared/core/replay/trace.ts';
import { parseCsv, csvRecords, CsvError } from '../../../shared/core/replay/csv.ts';

const good = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, messages: [{ role: 'user', content: 'What is 2+2?' }], responses: { small: { text: '4', correct: true }, big: { text: '4', correct: true } }, ...extra });

describe('trace validation', () => {
  it('reports a wrong field type with its line number and path', () => {
    const lines = [good('a'), good('b'), JSON.stringify({ id: 'c', messages: [{ role: 'user', content: 'q' }], responses: { 'gpt-4': { text: 42 } } })];
    const { items, issues } = parseTrace(lines.join('\n'));
    expect(items.map((i) => i.item.id)).toEqual(['a', 'b']);
    expect(issues).toEqual([{ line: 3, message: 'responses.gpt-4.text: expected string, received number' }]);
  });

  it('says what a field must be, not zod\'s "Invalid input" or "Too small: expected number to be >=0"', () => {
    const q = [{ role: 'user', content: 'q' }];
    const lines = [
      { messages: q, responses: { m: { text: 'x' } } },
      { id: '', messages: q, responses: { m: { text: 'x' } } },
      { id: 'c', messages: q, responses: { m: { text: 'x', cost_usd: -1, usage: { input_tokens: 1.5, output_tokens: 1 } } } },
      { id: 'd', messages: q, responses: { '': { text: 'x' } } },
      { id: 'e', messages: q, responses: { m: { text: 'x', finish_reason: 'done' } } },
      { id: 'f', messages: [], responses: { m: { text: 'x' } } },
    ];
    const { issues } = parseTrace(lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(issues).toEqual([
      { line: 1, message: 'id: required, a non-empty string' },
      { line: 2, message: 'id: required, a non-empty string' },
      { line: 3, message: 'responses.m.usage.input_tokens: expected a whole number, received number' },
      { line: 3, message: 'responses.m.cost_usd: must be at least 0' },
      { line: 4, message: 'responses: a key is not valid (a model id is empty)' },
      { line: 5, message: 'responses.m.finish_reason: expected one of "stop"|"length"|"tool_calls"|"content_filter"|"other"' },
      { line: 6, message: 'messages: must not be empty (at least one item)' },
      { line: 6, message: "messages: the last message must be the user's (the one the answers reply to)" },
    ]);
  });

  it('reports every bad line, including invalid JSON and missing fields, and counts blank lines', () => {
    const text = [good('a'), '', '{not json', JSON.stringify({ id: 'x', responses: { m: { text: 't' } } }), good('a')].join('\n');
    const { issues } = parseTrace(text);
    expect(issues.map((i) => i.line)).toEqual([3, 4, 5]);
    expect(issues[0]?.message).toMatch(/^not valid JSON/);
    expect(issues[1]?.message).toBe('messages: missing (expected array)');
    expect(issues[2]?.message).toBe('id: "a" is already used on line 1');
  });

  it('refuses a trace with a bad line instead of skipping it', () => {
    const text = `${good('a')}\n${JSON.stringify({ id: 'b', messages: [{ role: 'user', content: 'q' }], responses: { m: { text: 't', correct: 'yes' } } })}\n`;
    let error: unknown;
    try {
      readTraceText(text, 'my.jsonl');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect((error as TraceFormatError).message).toContain('line 2: responses.m.correct: expected boolean, received string');
    expect((error as TraceFormatError).message).toMatch(/^my\.jsonl is not a valid trace \(1 problem\)/);
  });

  it('requires the conversation to end with the user message and at least one response', () => {
    const { issues } = parseTrace(JSON.stringify({ id: 'a', messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }], responses: {} }));
    expect(issues.map((i) => i.message)).toEqual([
      "messages: the last message must be the user's (the one the answers reply to)",
      "responses: needs at least one model's response",
    ]);
  });

  it('keeps unknown fields and round-trips through JSONL', () => {
    const items = readTraceText(`${good('a', { source: 'bench', turn: 2 })}\n`).map((l) => l.item);
    expect(items[0]?.source).toBe('bench');
    expect(readTraceText(toJsonl(items)).map((l) => l.item)).toEqual(items);
  });

  it('labels: correct wins over score; neither is unlabelled', () => {
    expect(labelOf({ text: '', correct: false, score: 9 })).toBe(0);
    expect(labelOf({ text: '', score: 7.5 })).toBe(7.5);
    expect(labelOf({ text: '' })).toBeNull();
  });
});

describe('CSV parsing', () => {
  it('handles quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'prompt,a\r\n"He said ""hi"", then\nleft",True\nplain,"x\n\ny"\n';
    const rows = parseCsv(text);
    expect(rows).toEqual([
      { line: 1, fields: ['prompt', 'a'] },
      { line: 2, fields: ['He said "hi", then\nleft', 'True'] },
      { line: 4, fields: ['plain', 'x\n\ny'] },
    ]);
  });

  it('keeps empty fields and a last row without a line break', () => {
    expect(parseCsv('a,,c\n,"",')).toEqual([
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', '', ''] },
    ]);
  });

  it('names the line of a malformed row', () => {
    expect(() => parseCsv('a,b\n"open,b\n')).toThrow(new CsvError('line 2: a quoted field is never closed'));
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: unexpected character "y" after a closing quote/);
    expect(() => csvRecords('a,b\n1,2\n1,2,3\n')).toThrow(/line 3: expected 2 fields, found 3/);
  });
});
