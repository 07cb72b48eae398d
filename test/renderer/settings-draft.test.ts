import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../shared/core/config/schema.ts';
import { draftErrors, errorsByField, fromDraft, localErrors, moveTier, thinkingOf, toDraft, withProviderUrl } from '../../renderer/src/features/settings/config-draft.ts';
import { configErrorFields } from '../../renderer/src/stores/settings-store.ts';

const config: AppConfig = {
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', local: true, timeoutMs: 60_000 },
    { model: 'gpt-4o', provider: 'openai', price: { inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 }, threshold: 0.8 },
  ],
  domains: { code: { tiers: [{ model: 'qwen2.5-coder:7b', provider: 'ollama' }], keywords: ['python'] } },
  quality: { threshold: 0.72, requireVerified: true },
  routing: { skipDrafterAbove: 'hard' },
  streaming: { mode: 'buffer' },
  audit: { rate: 0.1 },
  local: { gpuWatts: 250, electricityUsdPerKwh: 0.3 },
  prices: { 'my-model': { inputPerMTok: 1, outputPerMTok: 2 } },
};

/** Every optional section the form does not show, with non-default values. */
const withSections: AppConfig = {
  ...config,
  budget: {
    enabled: true,
    daily: { limitUsd: 5, graceRatio: 0.1 },
    monthly: { limitUsd: 100, graceRatio: 0 },
    perUser: { daily: { limitUsd: 1, graceRatio: 0 } },
    users: { alice: { monthly: { limitUsd: 20, graceRatio: 0 } } },
    nearLimitRatio: 0.75,
    nearLimitThreshold: 0.4,
    atLimit: 'drafter-only',
    expectedOutputTokens: 512,
  },
  cache: { enabled: true, backend: 'sqlite', ttlSeconds: 600, keyPrefix: 'cf:', timeoutMs: 500 },
  alerts: {
    rules: [{ name: 'spend', metric: 'daily_cost', condition: 'greater_than', threshold: 2, actions: ['banner'], cooldownMinutes: 30, window: 100, minQueries: 20 }],
    webhook: { timeoutMs: 5000, attempts: 3 },
  },
  backup: { intervalHours: 12, keep: 3 },
  circuitBreaker: { failures: 5, windowMs: 30_000, coolDownMs: 10_000 },
};

describe('settings draft', () => {
  it('keeps budget, cache, alerts, backup and circuitBreaker through load -> edit threshold -> save', () => {
    const saved = fromDraft({ ...toDraft(withSections), threshold: 0.9 });
    expect(saved).toEqual({ ...withSections, quality: { ...withSections.quality, threshold: 0.9 } });
  });

  it('keeps anomaly and metrics sections and any section added later', () => {
    const full: AppConfig = {
      ...withSections,
      anomaly: { enabled: false, window: 50, threshold: 2.5, minSamples: 10, recent: 10, minSpikeUsd: 0.01, cooldownMinutes: 5, actions: ['banner'] },
      metrics: { enabled: true, port: 9999 },
    };
    // A section this renderer build does not know yet (config written by a newer version).
    const future = { ...full, futureSection: { on: true } };
    const saved = fromDraft({ ...toDraft(future), auditRate: 0.5 });
    expect(saved).toEqual({ ...future, audit: { rate: 0.5 } });
  });

  it('clears skipDrafterAbove when the form empties it', () => {
    const saved = fromDraft({ ...toDraft(withSections), skipDrafterAbove: '' });
    expect(saved.routing).toEqual({});
    expect(saved.budget).toEqual(withSections.budget);
  });

  it('round-trips a config, keeping what the form does not show', () => {
    expect(fromDraft(toDraft(config))).toEqual(config);
  });

  it('round-trips a drafter\'s samples, and drops them from a tier moved to the top of the cascade', () => {
    const sampling: AppConfig = { ...config, tiers: [{ ...(config.tiers[0] as AppConfig['tiers'][number]), samples: 3 }, ...config.tiers.slice(1)] };
    expect(fromDraft(toDraft(sampling))).toEqual(sampling);
    const d = toDraft(sampling);
    // The verifier answers for good and never samples: no field, nothing saved.
    expect(fromDraft({ ...d, tiers: moveTier(d.tiers, 0, 1) }).tiers.map((t) => [t.model, t.samples])).toEqual([
      ['gpt-4o', undefined],
      ['llama3.2:3b', undefined],
    ]);
  });

  it("round-trips each tier's thinking level, and leaves it out for the model's default", () => {
    const thinking: AppConfig = { ...config, tiers: [{ ...(config.tiers[0] as AppConfig['tiers'][number]), thinking: 'off' }, { ...(config.tiers[1] as AppConfig['tiers'][number]), thinking: 'high' }] };
    expect(fromDraft(toDraft(thinking))).toEqual(thinking);
    const d = toDraft(thinking);
    expect(d.tiers.map((t) => t.thinking)).toEqual(['off', 'high']);
    const back = fromDraft({ ...d, tiers: d.tiers.map((t) => ({ ...t, thinking: thinkingOf('') })) });
    expect(back.tiers.every((t) => !('thinking' in t))).toBe(true);
    expect(thinkingOf('medium')).toBe('medium');
    expect(thinkingOf('extreme')).toBe('');
  });

  it('round-trips the standing instructions, and removes them when the box is emptied', () => {
    const instructed: AppConfig = { ...config, instructions: 'Answer briefly.\nUse metric units.' };
    expect(fromDraft(toDraft(instructed))).toEqual(instructed);
    expect(toDraft(config).instructions).toBe('');
    expect('instructions' in fromDraft({ ...toDraft(instructed), instructions: '  \n' })).toBe(false);
  });

  it('checks samples before saving: empty or 1 to 8, on drafting tiers only, keyed by the server path', () => {
    const d = toDraft({ ...config, domains: { code: { tiers: [{ model: 'qwen2.5-coder:7b', provider: 'ollama' }, { model: 'gpt-4o', provider: 'openai' }] } } });
    const withSamples = (drafter: string, verifier: string, domainDrafter: string) => ({
      ...d,
      tiers: d.tiers.map((t, i) => ({ ...t, samples: i === 0 ? drafter : verifier })),
      domains: d.domains.map((x) => ({ ...x, tiers: x.tiers.map((t, i) => ({ ...t, samples: i === 0 ? domainDrafter : verifier })) })),
    });
    expect(localErrors(withSamples('8', 'nonsense', ''))).toEqual({});
    expect(localErrors(withSamples(' 1 ', '', '2'))).toEqual({});
    expect(localErrors(withSamples('9', '', '1.5'))).toEqual({
      'tiers.0.samples': 'Samples must be a whole number from 1 to 8 (empty = 1)',
      'domains.code.tiers.0.samples': 'Samples must be a whole number from 1 to 8 (empty = 1)',
    });
  });

  it('moves tiers up and down and ignores moves past the ends', () => {
    const d = toDraft(config);
    const swapped = moveTier(d.tiers, 1, 0);
    expect(fromDraft({ ...d, tiers: swapped }).tiers.map((t) => t.model)).toEqual(['gpt-4o', 'llama3.2:3b']);
    expect(moveTier(d.tiers, 0, -1)).toBe(d.tiers);
  });

  it('sets the Ollama URL on every Ollama tier only', () => {
    const d = withProviderUrl(toDraft(config), ['ollama'], 'http://gpu-box:11434');
    const tiers = fromDraft(d).tiers;
    expect(tiers[0]?.baseUrl).toBe('http://gpu-box:11434');
    expect(tiers[1]?.baseUrl).toBeUndefined();
  });

  it('sends an unparsable number as NaN so the server names the field, never as 0', () => {
    const d = { ...toDraft(config), gpuWatts: 'lots' };
    expect(fromDraft(d).local.gpuWatts).toBeNaN();
  });

  it('maps server field errors to the fields, without the config. prefix', () => {
    const error = {
      code: 'invalid_input' as const,
      message: 'config.tiers.0.model: Too small: expected string to have >=1 characters; config.local.gpuWatts: Invalid input: expected number, received null',
      details: { fields: ['config.tiers.0.model', 'config.local.gpuWatts'] },
    };
    const fields = configErrorFields(error);
    expect(fields).toEqual(['tiers.0.model', 'local.gpuWatts']);
    expect(errorsByField(fields, error.message)).toEqual({ 'tiers.0.model': 'required', 'local.gpuWatts': 'enter a number' });
  });

  it('finds every mistake at once before saving, said in words', () => {
    const d = toDraft(config);
    const tiers = d.tiers.map((t, i) => (i === 0 ? { ...t, model: '', samples: '0' } : { ...t, priceIn: '-1' }));
    const errors = draftErrors({ ...d, tiers, gpuWatts: '-50', electricityUsdPerKwh: 'abc' });
    expect(errors).toEqual({
      'tiers.0.model': 'required',
      'tiers.0.samples': 'Samples must be a whole number from 1 to 8 (empty = 1)',
      'tiers.1.price.inputPerMTok': 'must be at least 0',
      'local.gpuWatts': 'must be at least 0',
      'local.electricityUsdPerKwh': 'enter a number',
    });
    expect(draftErrors(toDraft(config))).toEqual({});
  });
});
