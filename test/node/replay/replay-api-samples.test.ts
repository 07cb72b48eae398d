// replay.* with recorded samples (`cascadeflow record --samples`), through the real backend: the
// trace list says how many answers a replay can draw, a run draws them and the consistency check
// escalates the draft they contradict, and "Use threshold" makes the live drafter draw as many.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConfigSchema } from '../../../shared/core/config/schema.ts';
import { toJsonl } from '../../../shared/core/replay/trace.ts';
import { DRAFTER, GUESSING, RIGHT_SETUP as RIGHT, sampledItem as item, SURE, VERIFIER } from '../../core/replay/fixtures.ts';
import { openTestBackend, type TestBackend } from '../helpers/harness.ts';

const CONFIG = appConfigSchema.parse({
  tiers: [
    { model: 'llama3.2:3b', provider: 'ollama', local: true },
    { model: 'gpt-4o', provider: 'openai' },
  ],
  quality: { threshold: 0.7 },
});

describe('replay API with recorded samples', () => {
  let t: TestBackend;
  let sampled: string;
  let partly: string;
  beforeAll(async () => {
    t = await openTestBackend(CONFIG);
    const a = await t.backend.call('replay.import', { kind: 'trace', content: toJsonl([GUESSING, SURE]), name: 'Sampled' });
    const b = await t.backend.call('replay.import', { kind: 'trace', content: toJsonl([GUESSING, SURE, item('unsampled', RIGHT, true)]), name: 'Partly sampled' });
    if (!a.ok || !b.ok) throw new Error('import failed');
    sampled = a.value.id;
    partly = b.value.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the fewest extra answers recorded with each model, 0 when one answer has none', async () => {
    const r = await t.backend.call('replay.traces', {});
    if (!r.ok) throw new Error(r.error.message);
    const models = (id: string) => r.value.traces.find((x) => x.id === id)?.models.map((m) => [m.model, m.samples]);
    expect(models(sampled)).toEqual([
      [VERIFIER, 0],
      [DRAFTER, 2],
    ]);
    expect(models(partly)).toEqual([
      [VERIFIER, 0],
      [DRAFTER, 0],
    ]);
    expect(r.value.traces.find((x) => x.id === 'bundled:mtbench')?.models.map((m) => m.samples)).toEqual([0, 0]);
  });

  it('draws 3 answers per query: the guess its samples contradict escalates, the sure draft stays', async () => {
    const run = (samples?: number) => t.backend.call('replay.run', { traceId: sampled, tiers: [DRAFTER, VERIFIER], threshold: 0.7, local: [DRAFTER], ...(samples ? { samples } : {}) });
    const three = await run(3);
    if (!three.ok) throw new Error(three.error.message);
    expect(three.value.samples).toBe(3);
    expect(three.value.points[0]).toMatchObject({ escalation_rate: 0.5, relative_quality: 1 });

    const alone = await run();
    if (!alone.ok) throw new Error(alone.error.message);
    expect(alone.value.samples).toBe(1);
    expect(alone.value.points[0]).toMatchObject({ escalation_rate: 0, relative_quality: 0.5 });
    // Two extra answers of the drafter, each paid like the draft.
    expect(three.value.baselines.always_drafter.cost_usd).toBeCloseTo(3 * alone.value.baselines.always_drafter.cost_usd, 12);
  });

  it('leaves out a query recorded without samples, like the command line', async () => {
    const r = await t.backend.call('replay.run', { traceId: partly, tiers: [DRAFTER, VERIFIER], threshold: 0.7, local: [DRAFTER], samples: 3 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.queries).toBe(2);
    expect(r.value.excluded).toEqual({ count: 1, ids: ['unsampled'] });
  });

  it('refuses more answers than the trace recorded, naming samples', async () => {
    const r = await t.backend.call('replay.run', { traceId: sampled, tiers: [DRAFTER, VERIFIER], threshold: 0.7, local: [DRAFTER], samples: 4 });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'invalid_input', details: { fields: ['samples'], samples: 4 } });
    expect(r.ok ? '' : r.error.message).toBe(
      `Drawing 4 answers per query (samples) needs 3 extra answers of ${DRAFTER} recorded with each query, and no query of this trace has them: record them with \`cascadeflow record --samples 4\`, or draw fewer.`,
    );
    const tooMany = await t.backend.dispatch('replay.run', { traceId: sampled, tiers: [DRAFTER, VERIFIER], threshold: 0.7, samples: 9 });
    expect(tooMany.ok ? null : tooMany.error).toMatchObject({ code: 'invalid_input', details: { fields: ['samples'] } });
  });

  it('"Use threshold" after a sampled replay makes the live drafter draw as many answers; 1 turns it off', async () => {
    const on = await t.backend.call('replay.apply', { threshold: 0.6, samples: 3 });
    if (!on.ok) throw new Error(on.error.message);
    expect(on.value.config.tiers).toEqual([
      { model: 'llama3.2:3b', provider: 'ollama', local: true, samples: 3 },
      { model: 'gpt-4o', provider: 'openai' },
    ]);
    const stored = await t.backend.call('config.get', {});
    expect(stored.ok && stored.value.config.tiers[0]?.samples).toBe(3);

    const off = await t.backend.call('replay.apply', { threshold: 0.6, samples: 1 });
    expect(off.ok && off.value.config.tiers[0]).toEqual({ model: 'llama3.2:3b', provider: 'ollama', local: true });

    // Without samples the tiers are left as they are.
    await t.backend.call('replay.apply', { threshold: 0.6, samples: 2 });
    const plain = await t.backend.call('replay.apply', { threshold: 0.65 });
    expect(plain.ok && plain.value.config.tiers[0]?.samples).toBe(2);

    const lone = await t.backend.call('replay.apply', { threshold: 0.6, tiers: [{ model: 'gpt-4o', provider: 'openai' }], samples: 3 });
    expect(lone.ok && lone.value.config.tiers).toEqual([{ model: 'gpt-4o', provider: 'openai' }]);
    expect(lone.ok && lone.value.notes).toEqual(['the cascade has a single model, which never drafts, so it draws no extra answers']);
  });
});
