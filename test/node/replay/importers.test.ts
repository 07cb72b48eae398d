import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import type { TraceItem } from '../../../shared/core/replay/trace.ts';
import { readTraceText, toJsonl } from '../../../shared/core/replay/trace.ts';
import { importGsm8kFile, importMtBenchFiles } from '../../../electron/node/replay/trace-files.ts';
import { tempDir } from '../sqlite/ledger-fixtures.ts';

const DATA = '/work/shared/data/routellm';
const MIXTRAL = 'mistralai/Mixtral-8x7B-Instruct-v0.1';
const GPT4 = 'gpt-4-1106-preview';

const accuracy = (items: TraceItem[], model: string) => items.filter((i) => i.responses[model]?.correct === true).length / items.length;
const meanScore = (items: TraceItem[], model: string) => items.reduce((s, i) => s + (i.responses[model]?.score ?? NaN), 0) / items.length;

describe('routellm-gsm8k importer on the real CSV', () => {
  const items = importGsm8kFile(join(DATA, 'gsm8k_responses.csv'));

  it('makes one query per row with both models labelled from the True/False columns', () => {
    expect(items).toHaveLength(1319);
    expect(new Set(items.flatMap((i) => Object.keys(i.responses)))).toEqual(new Set([MIXTRAL, GPT4]));
    expect(accuracy(items, MIXTRAL)).toBeCloseTo(0.638, 3);
    expect(accuracy(items, GPT4)).toBeCloseTo(0.857, 3);
    const both = items.filter((i) => i.responses[MIXTRAL]?.correct && i.responses[GPT4]?.correct).length / items.length;
    expect(both).toBeCloseTo(0.566, 3);
  });

  it("marks the open-weights model's answers local (recorded on the recorders' GPUs), not GPT-4's", () => {
    expect(items.every((i) => i.responses[MIXTRAL]?.local === true)).toBe(true);
    expect(items.some((i) => i.responses[GPT4]?.local !== undefined)).toBe(false);
  });

  it('keeps multi-line quoted answers whole', () => {
    const first = items[0] as TraceItem;
    expect(first.id).toBe('gsm8k-0');
    expect(first.messages).toEqual([{ role: 'user', content: expect.stringMatching(/^Janet’s ducks lay 16 eggs per day\./) }]);
    expect(first.responses[MIXTRAL]?.text).toMatch(/^ Janet starts with 16 eggs per day\.\nShe eats 3 .*\n#### 18$/s);
    expect(first.responses[GPT4]?.text).toMatch(/makes 9 \* \$2 = \$18 every day at the farmers' market\.$/);
    // Row 3's prompt is quoted because it contains commas.
    expect(items[2]?.messages[0]?.content).toMatch(/^Josh decides to try flipping a house\. {2}He buys a house for \$80,000/);
  });

  it('writes a trace that reads back valid', () => {
    expect(readTraceText(toJsonl(items)).map((l) => l.item)).toEqual(items);
  });
});

describe('routellm-gsm8k importer errors', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('names the line of a row whose label is not True/False, counting lines inside quoted fields', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'bad.csv');
    writeFileSync(path, 'prompt,m,m_response\nq1,True,"two\nlines"\nq2,maybe,x\n');
    expect(() => importGsm8kFile(path)).toThrow(new ReplayInputError(`cannot import ${path} as RouteLLM's GSM8K CSV (gsm8k_responses.csv): line 4: column "m" must be True or False (got "maybe")`));
  });

  it('refuses a CSV without model/response column pairs', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'cols.csv');
    writeFileSync(path, 'prompt,answer\nq,a\n');
    expect(() => importGsm8kFile(path)).toThrow(/no model columns/);
  });
});

describe('routellm-mtbench importer on the real files', () => {
  const items = importMtBenchFiles(join(DATA, 'mt_bench_judgements.jsonl'), join(DATA, 'mt_bench_questions.jsonl'));

  it('makes one query per question and turn (320 judgements / 2 models = 160), scored by the judge', () => {
    expect(items).toHaveLength(160);
    expect(items.filter((i) => i.turn === 2)).toHaveLength(80);
    expect(items.every((i) => Object.keys(i.responses).length === 2)).toBe(true);
    expect(meanScore(items, MIXTRAL)).toBeCloseTo(8.34, 2);
    expect(meanScore(items, GPT4)).toBeCloseTo(9.23, 2);
    const atLeast = items.filter((i) => (i.responses[MIXTRAL]?.score ?? 0) >= (i.responses[GPT4]?.score ?? 0)).length / items.length;
    expect(atLeast).toBeCloseTo(0.669, 3);
  });

  it("marks Mixtral's answers local and GPT-4's not", () => {
    expect(items.every((i) => i.responses[MIXTRAL]?.local === true && i.responses[GPT4]?.local === undefined)).toBe(true);
  });

  it('cuts the judged answer out of the judge prompt, without the template around it', () => {
    for (const item of items) {
      for (const r of Object.values(item.responses)) {
        expect(r.text.length).toBeGreaterThan(0);
        expect(r.text).not.toMatch(/\[The (Start|End) of|### (User|Assistant A):|<\|The (Start|End)/);
      }
    }
    const t2 = items.find((i) => i.id === 'mtbench-141-t2') as TraceItem;
    expect(t2.responses[GPT4]?.text).toMatch(/^In my response, I made several assumptions based on the established principles of quantum mechanics\./);
    expect(t2.responses[GPT4]?.text).toMatch(/underlying principles of quantum physics\.$/);
  });

  it("gives a turn-2 query the turn-1 exchange as history", () => {
    const t1 = items.find((i) => i.id === 'mtbench-141-t1') as TraceItem;
    const t2 = items.find((i) => i.id === 'mtbench-141-t2') as TraceItem;
    expect(t2.category).toBe('stem');
    expect(t2.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(t2.messages[0]?.content).toBe(t1.messages[0]?.content);
    expect(t2.messages[1]?.content).toBe(t1.responses[GPT4]?.text);
    expect(t2.messages[2]?.content).toBe('What assumptions have you made in your response? Are they valid?');
    expect(t2.history_model).toBe(GPT4);
  });

  it('can take the history from another model', () => {
    const other = importMtBenchFiles(join(DATA, 'mt_bench_judgements.jsonl'), join(DATA, 'mt_bench_questions.jsonl'), { historyModel: MIXTRAL });
    const t1 = other.find((i) => i.id === 'mtbench-141-t1') as TraceItem;
    const t2 = other.find((i) => i.id === 'mtbench-141-t2') as TraceItem;
    expect(t2.messages[1]?.content).toBe(t1.responses[MIXTRAL]?.text);
  });
});

describe('bundled example traces', () => {
  const examples = join(import.meta.dirname, '../../../examples/traces');

  it('are exactly what the importers make of the RouteLLM files', () => {
    expect(readFileSync(join(examples, 'gsm8k.jsonl'), 'utf8')).toBe(toJsonl(importGsm8kFile(join(DATA, 'gsm8k_responses.csv'))));
    expect(readFileSync(join(examples, 'mtbench.jsonl'), 'utf8')).toBe(toJsonl(importMtBenchFiles(join(DATA, 'mt_bench_judgements.jsonl'), join(DATA, 'mt_bench_questions.jsonl'))));
  });

  it('carry the source licence and a notice naming the source', () => {
    expect(readFileSync(join(examples, 'LICENSE'), 'utf8')).toBe(readFileSync(join(DATA, 'LICENSE'), 'utf8'));
    const notice = readFileSync(join(examples, 'NOTICE'), 'utf8');
    expect(notice).toContain('lm-sys/RouteLLM');
    expect(notice).toContain('0b64fdaf');
    expect(notice).toContain('Apache License, Version 2.0');
  });
});
