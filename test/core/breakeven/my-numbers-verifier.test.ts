// "Use my numbers" takes the cascade's verifier only at a price known both ways: the CLI (from the
// pricing context) and the Break-even view (from models.list) go through verifierOf alike.
import { describe, expect, it } from 'vitest';
import { verifierOf } from '../../../shared/core/breakeven/my-numbers.ts';

describe('verifierOf', () => {
  it('takes the model at its quoted price when both prices are known', () => {
    expect(verifierOf('gpt-4o', { inputPerMTok: 2.5, outputPerMTok: 10 })).toEqual({ model: 'gpt-4o', inputPerMTok: 2.5, outputPerMTok: 10 });
  });

  it('keeps a free model (price 0), which is known, not unknown', () => {
    expect(verifierOf('llama3.2:3b', { inputPerMTok: 0, outputPerMTok: 0 })).toEqual({ model: 'llama3.2:3b', inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('gives none for a price unknown either way, or no quote at all', () => {
    expect(verifierOf('my-finetune', { inputPerMTok: null, outputPerMTok: 10 })).toBeNull();
    expect(verifierOf('my-finetune', { inputPerMTok: 2.5, outputPerMTok: null })).toBeNull();
    expect(verifierOf('my-finetune', null)).toBeNull();
    expect(verifierOf('my-finetune', undefined)).toBeNull();
  });
});
