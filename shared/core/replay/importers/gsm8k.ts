// RouteLLM's GSM8K recordings (gsm8k_responses.csv) as a trace: one query per row; each model
// column holds True/False (its final answer was right) and `<model>_response` its full answer.
import { csvRecords, CsvError } from '../csv.ts';
import type { TraceItem } from '../trace.ts';
import { ImportFormatError } from './errors.ts';
import { isOpenWeightsRepoId } from './open-weights.ts';

export function gsm8kTraceFromCsv(text: string): TraceItem[] {
  let parsed: ReturnType<typeof csvRecords>;
  try {
    parsed = csvRecords(text);
  } catch (e) {
    if (e instanceof CsvError) throw new ImportFormatError(e.message);
    throw e;
  }
  const { header, records } = parsed;
  if (!header.includes('prompt')) throw new ImportFormatError(`line 1: no "prompt" column (columns: ${header.join(', ')})`);
  const models = header.filter((h) => h !== 'prompt' && !h.endsWith('_response') && header.includes(`${h}_response`));
  if (models.length === 0) throw new ImportFormatError('line 1: no model columns: expected pairs of columns "<model>" (True/False) and "<model>_response"');

  return records.map(({ line, values }, index): TraceItem => {
    const responses: TraceItem['responses'] = {};
    for (const model of models) {
      const flag = (values[model] ?? '').trim().toLowerCase();
      if (flag !== 'true' && flag !== 'false') {
        throw new ImportFormatError(`line ${line}: column "${model}" must be True or False (got ${JSON.stringify(values[model])})`);
      }
      responses[model] = { text: values[`${model}_response`] ?? '', correct: flag === 'true', ...(isOpenWeightsRepoId(model) ? { local: true } : {}) };
    }
    const prompt = values.prompt ?? '';
    if (prompt.trim() === '') throw new ImportFormatError(`line ${line}: the prompt is empty`);
    return { id: `gsm8k-${index}`, messages: [{ role: 'user', content: prompt }], category: 'math', responses };
  });
}
