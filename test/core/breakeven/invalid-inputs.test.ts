import { describe, expect, it } from 'vitest';
import { analyzeBreakEven, costCurve } from '../../../shared/core/breakeven/analyze.ts';
import { breakEvenInputsSchema } from '../../../shared/core/breakeven/schema.ts';
import type { FieldError } from '../../../shared/core/breakeven/types.ts';
import { SEED_EXAMPLE } from './fixtures.ts';

function errorsFor(inputs: unknown): FieldError[] {
  const r = analyzeBreakEven(inputs);
  if (r.ok) throw new Error('expected the inputs to be rejected');
  return r.errors;
}

describe('invalid break-even inputs name the field', () => {
  it.each([
    ['throughputTokensPerSec', 0, 'must be greater than 0'],
    ['throughputTokensPerSec', -5, 'must be greater than 0'],
    ['outputTokensPerQuery', 0, 'must be greater than 0'],
    ['monthlyQueries', -1, 'must not be negative'],
    ['monthlyQueries', 1e15, 'must be at most 1,000,000,000,000'],
    ['inputTokensPerQuery', -0.5, 'must not be negative'],
    ['gpuWatts', -300, 'must not be negative'],
    ['electricityUsdPerKwh', -0.1, 'must not be negative'],
    ['maintenanceUsdPerMonth', -100, 'must not be negative'],
    ['drafterAcceptanceRate', 1.5, 'must be between 0 and 1'],
    ['drafterAcceptanceRate', -0.1, 'must be between 0 and 1'],
    ['monthlyQueries', Number.NaN, 'must be a number'],
    ['monthlyQueries', '5000000', 'must be a number'],
    ['monthlyQueries', Number.POSITIVE_INFINITY, 'must be a finite number'],
    ['gpuWatts', Number.NEGATIVE_INFINITY, 'must be a finite number'],
    ['maxUtilization', 0, 'must be greater than 0 and at most 1'],
    ['maxUtilization', 1.2, 'must be greater than 0 and at most 1'],
    ['hoursPerMonth', 0, 'must be greater than 0'],
    ['hoursPerMonth', 800, 'must be at most 744 (a 31-day month)'],
    ['searchLimitQueries', 0, 'must be greater than 0'],
  ])('%s = %s: %s', (field, value, message) => {
    expect(errorsFor({ ...SEED_EXAMPLE, [field]: value })).toEqual([{ field, message }]);
  });

  it('names nested price and GPU fields', () => {
    expect(errorsFor({ ...SEED_EXAMPLE, cloudDrafterPrice: { inputPerMTok: -1, outputPerMTok: 0.6 } })).toEqual([
      { field: 'cloudDrafterPrice.inputPerMTok', message: 'must not be negative' },
    ]);
    expect(errorsFor({ ...SEED_EXAMPLE, verifierPrice: { inputPerMTok: 2.5, outputPerMTok: Number.NaN } })).toEqual([
      { field: 'verifierPrice.outputPerMTok', message: 'must be a number' },
    ]);
    expect(errorsFor({ ...SEED_EXAMPLE, selfHost: { kind: 'hourly', gpuUsdPerHour: 1, utilization: 0 } })).toEqual([
      { field: 'selfHost.utilization', message: 'must be greater than 0 and at most 1' },
    ]);
    expect(errorsFor({ ...SEED_EXAMPLE, selfHost: { kind: 'hourly', gpuUsdPerHour: -1, utilization: 1 } })).toEqual([
      { field: 'selfHost.gpuUsdPerHour', message: 'must not be negative' },
    ]);
    expect(errorsFor({ ...SEED_EXAMPLE, selfHost: { kind: 'weekly', usdPerMonth: 5 } })).toEqual([
      { field: 'selfHost.kind', message: "must be 'hourly', 'monthly' or 'purchase'" },
    ]);
  });

  it('reports missing fields and every error at once', () => {
    const { throughputTokensPerSec: _dropped, ...rest } = SEED_EXAMPLE;
    expect(errorsFor({ ...rest, gpuWatts: -1, drafterAcceptanceRate: 2 })).toEqual([
      { field: 'drafterAcceptanceRate', message: 'must be between 0 and 1' },
      { field: 'gpuWatts', message: 'must not be negative' },
      { field: 'throughputTokensPerSec', message: 'is required' },
    ]);
    expect(errorsFor(null)).toEqual([{ field: '(root)', message: 'must be an object' }]);
  });

  it('accepts zero where zero makes sense', () => {
    const r = analyzeBreakEven({ ...SEED_EXAMPLE, monthlyQueries: 0, gpuWatts: 0, electricityUsdPerKwh: 0, maintenanceUsdPerMonth: 0, drafterAcceptanceRate: 0 });
    expect(r.ok).toBe(true);
  });

  it('rejects bad curve volumes by index', () => {
    const r = costCurve(SEED_EXAMPLE, [1000, -5, 2000, 1500, Number.NaN]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        { field: 'volumes.1', message: 'must not be negative' },
        { field: 'volumes.3', message: 'must not be smaller than the volume before it' },
        { field: 'volumes.4', message: 'must be a number' },
      ]);
    }
  });

  it('gives the same field paths through the zod schema', () => {
    const r = breakEvenInputsSchema.safeParse({ ...SEED_EXAMPLE, throughputTokensPerSec: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
      { path: 'throughputTokensPerSec', message: 'must be greater than 0' },
    ]);
    const good = breakEvenInputsSchema.safeParse(SEED_EXAMPLE);
    expect(good.success && good.data.hoursPerMonth).toBe(730);
  });
});
