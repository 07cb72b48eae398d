// A tier's `thinking` level in the config: every level for every provider, Claude included,
// and anything else refused with the field that is wrong.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/core/config/schema.ts';
import { THINKING_LEVELS } from '../../../shared/core/model.ts';

const drafter = { model: 'llama3.2:3b', provider: 'ollama' };
const claude = (thinking: unknown) => ({ model: 'claude-sonnet-4-6', provider: 'anthropic', thinking });

describe('a tier thinking level', () => {
  it('takes off, low, medium and high on a Claude tier, in the main cascade and in a domain', () => {
    for (const level of THINKING_LEVELS) {
      const r = parseConfig({ tiers: [drafter, claude(level)], domains: { code: { tiers: [claude(level)] } } });
      expect(r.ok && [r.config.tiers[1]?.thinking, r.config.domains['code']?.tiers[0]?.thinking]).toEqual([level, level]);
    }
  });

  it('refuses a level no server takes, naming the field and the levels there are', () => {
    const r = parseConfig({ tiers: [drafter, claude('max')], domains: { code: { tiers: [claude(true)] } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.fields).toEqual(['tiers.1.thinking', 'domains.code.tiers.0.thinking']);
    expect(r.message).toBe(
      'invalid config: tiers.1.thinking: Invalid option: expected one of "off"|"low"|"medium"|"high"; domains.code.tiers.0.thinking: Invalid option: expected one of "off"|"low"|"medium"|"high"',
    );
  });
});
