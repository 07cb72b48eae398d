import { describe, expect, it } from 'vitest';
import type { ModelStatus } from '../../../shared/api/contract.ts';
import { formatModels } from '../../../electron/node/cli/models.ts';

const model = (over: Partial<ModelStatus>): ModelStatus => ({
  model: 'm',
  provider: 'openai',
  usedAs: ['tier 1'],
  local: false,
  reachable: true,
  reachability: 'ok',
  inputPerMTok: null,
  outputPerMTok: null,
  pricing: 'unknown',
  ...over,
});

describe('cascadeflow models table', () => {
  it('rounds a price tie half away from zero, as every other money figure does', () => {
    // $0.0375 per 1M: toFixed(3) rounded the double just below it to "$0.037".
    const out = formatModels([model({ model: 'cheap', inputPerMTok: 0.0375, outputPerMTok: 2.675, pricing: 'list' })]);
    expect(out).toContain('$0.038 in / $2.68 out per 1M');
  });
});

describe('cascadeflow models on an unknown price', () => {
  it("asks whether a close id of the price list was meant, without using it", () => {
    const out = formatModels([model({ model: 'llama-3.2-3b', provider: 'groq', priceSuggestions: ['llama-3.2-3b-preview'] }), model({ model: 'my-finetune' })]);
    const row = out.split('\n').find((l) => l.startsWith('llama-3.2-3b '));
    expect(row).toContain('price unknown');
    expect(out).toContain('  llama-3.2-3b: price unknown; did you mean llama-3.2-3b-preview? (if so, correct the model name; if not, give it a price)');
    expect(out).not.toMatch(/my-finetune: price unknown/);
  });
});
