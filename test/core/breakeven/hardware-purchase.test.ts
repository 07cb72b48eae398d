import { describe, expect, it } from 'vitest';
import { analyzeBreakEven } from '../../../shared/core/breakeven/analyze.ts';
import type { BreakEvenResult, FieldError } from '../../../shared/core/breakeven/types.ts';
import { SEED_EXAMPLE, STEP_EXAMPLE } from './fixtures.ts';

function analyze(inputs: unknown): BreakEvenResult {
  const r = analyzeBreakEven(inputs);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function errorsFor(inputs: unknown): FieldError[] {
  const r = analyzeBreakEven(inputs);
  if (r.ok) throw new Error('expected the inputs to be rejected');
  return r.errors;
}

const bought = (priceUsd: number, writeOffMonths: number, resaleUsd?: number) => ({
  kind: 'purchase' as const,
  priceUsd,
  writeOffMonths,
  ...(resaleUsd === undefined ? {} : { resaleUsd }),
});

// The seed's workload (see fixtures.ts): per query a gpt-4o-mini draft costs $0.00012 and its
// electricity on the GPU $0.00001; maintenance is $100 a month. At 5M queries a month:
//   cloud drafts 5M x $0.00012 = $600, electricity 5M x $0.00001 = $50, escalations $3,000.
describe('a GPU bought outright', () => {
  it('written off to the seed\'s $200 a month, gives the seed\'s figures', () => {
    // $4,800 / 24 months = $200 a month: the same bill and break-even as "fixed $200 per month".
    const r = analyze({ ...SEED_EXAMPLE, selfHost: bought(4_800, 24) });
    const fixed = analyze(SEED_EXAMPLE);
    expect(r.costs).toEqual(fixed.costs);
    expect(r.costs.selfHostedNano).toBe(3_350e9);
    expect(r.breakEvenQueries).toBe(2_727_273);
    expect(r.selfHost.gpuNanoPerMonth).toBe(200e9);
    expect(r.hardware?.assumption).toBe('$4,800 GPU over 24 months = $200.00 a month');
  });

  it('states the monthly figure a $2,000 GPU over 24 months amounts to, and uses it', () => {
    // $2,000 / 24 = $83.333333333 a month (83,333,333,333 nano, rounded to the nano).
    const r = analyze({ ...SEED_EXAMPLE, selfHost: bought(2_000, 24) });
    expect(r.hardware).toEqual({ priceNano: 2_000e9, resaleNano: 0, writeOffMonths: 24, monthlyNano: 83_333_333_333, assumption: '$2,000 GPU over 24 months = $83.33 a month' });
    // Self-hosted: $83.333333333 + $50 + $100 + $3,000 = $3,233.333333333.
    expect(r.costs.selfHostedNano).toBe(3_233_333_333_333);
    expect(r.selfHost.gpuNano).toBe(83_333_333_333);
    // Break-even: ($83.333333333 + $100) / ($0.00012 - $0.00001) = 1,666,666.67 -> 1,666,667 queries.
    //   at 1,666,667: self $83.333333333 + $16.66667 + $100 = $200.000003333 <= cloud $200.00004
    //   at 1,666,666: self $199.999993333 > cloud $199.99992
    expect(r.breakEvenQueries).toBe(1_666_667);
  });

  it('takes the resale value off what is written off', () => {
    // ($2,000 - $500) / 24 months = $62.50 a month.
    const r = analyze({ ...SEED_EXAMPLE, selfHost: bought(2_000, 24, 500) });
    expect(r.hardware?.monthlyNano).toBe(62_500_000_000);
    expect(r.hardware?.assumption).toBe('$2,000 GPU over 24 months, less $500 resale = $62.50 a month');
    expect(r.costs.selfHostedNano).toBe(3_212_500_000_000);
  });

  it('says after how many months it pays for itself at the user\'s volume', () => {
    // A month saves $600 of cloud drafts - $50 electricity - $100 maintenance = $450.
    // $2,000 / $450 = 4.44 months: after 4 months $1,800 is saved, after 5 $2,250 >= $2,000.
    const r = analyze({ ...SEED_EXAMPLE, selfHost: bought(2_000, 24) });
    expect(r.payback).toEqual({
      kind: 'months',
      months: 5,
      exactMonths: 2_000 / 450,
      outlayNano: 2_000e9,
      monthlySavingNano: 450e9,
      withinWriteOff: true,
      sentence: 'The $2,000 GPU pays for itself after 5 months at 5,000,000 queries/month: it saves $450.00 a month over drafting on gpt-4o-mini, after electricity and maintenance.',
    });
  });

  it('counts the full price, not the resale, towards paying for itself', () => {
    // The $500 comes back only when the GPU is sold: still $2,000 / $450 -> 5 months.
    expect(analyze({ ...SEED_EXAMPLE, selfHost: bought(2_000, 24, 500) }).payback).toMatchObject({ kind: 'months', months: 5, outlayNano: 2_000e9 });
  });

  it('says when it pays for itself only after the months it is written off over', () => {
    // 1.5M queries: $180 of cloud drafts - $15 electricity - $100 maintenance = $65 a month;
    // $2,000 / $65 = 30.8 -> 31 months, past the 24. Consistently, the monthly bill says the cloud
    // drafter is cheaper: $83.33 + $15 + $100 = $198.33 against $180.
    const r = analyze({ ...SEED_EXAMPLE, monthlyQueries: 1_500_000, selfHost: bought(2_000, 24) });
    expect(r.payback).toMatchObject({ kind: 'months', months: 31, monthlySavingNano: 65e9, withinWriteOff: false });
    expect(r.payback?.sentence).toBe(
      'The $2,000 GPU pays for itself after 31 months at 1,500,000 queries/month: it saves $65.00 a month over drafting on gpt-4o-mini, after electricity and maintenance. That is later than the 24 months it is written off over.',
    );
    expect(r.recommendation).toBe('cloud-drafter');
  });

  it('says plainly when it never pays for itself', () => {
    // 500k queries: $60 of cloud drafts, but $5 electricity + $100 maintenance = $105 a month.
    const r = analyze({ ...SEED_EXAMPLE, monthlyQueries: 500_000, selfHost: bought(2_000, 24) });
    expect(r.payback).toEqual({
      kind: 'never',
      outlayNano: 2_000e9,
      monthlySavingNano: -45e9,
      sentence: 'The $2,000 GPU never pays for itself at 500,000 queries/month: electricity and maintenance ($105.00 a month) cost more than the drafts it replaces on gpt-4o-mini ($60.00 a month).',
    });
  });

  it('with no traffic and no upkeep, saves nothing and so never pays for itself', () => {
    const r = analyze({ ...SEED_EXAMPLE, monthlyQueries: 0, maintenanceUsdPerMonth: 0, selfHost: bought(2_000, 24) });
    expect(r.payback).toMatchObject({ kind: 'never', monthlySavingNano: 0 });
    expect(r.payback?.sentence).toContain('cost as much as the drafts it replaces');
  });

  it('buys as many GPUs as the volume needs, and all of them must pay for themselves', () => {
    // STEP_EXAMPLE: one GPU serves 1,839,600 queries of 1 s; 4M queries need 3 GPUs = $9,000.
    // $3,000 over 30 months = $100 a month each, like the fixed $100 of the step tests.
    // A month saves 4M x $0.0001 = $400 of cloud drafts - $0 electricity - $250 maintenance = $150:
    // $9,000 / $150 = 60 months.
    const r = analyze({ ...STEP_EXAMPLE, monthlyQueries: 4_000_000, selfHost: bought(3_000, 30) });
    expect(r.selfHost.gpus).toBe(3);
    expect(r.selfHost.gpuNano).toBe(300e9);
    expect(r.payback?.sentence).toBe(
      'The 3 GPUs ($9,000) pay for themselves after 60 months at 4,000,000 queries/month: they save $150.00 a month over drafting on the cloud drafter, after electricity and maintenance. That is later than the 30 months they are written off over.',
    );
  });

  it('has no write-off or payback for a rented GPU', () => {
    const r = analyze(SEED_EXAMPLE);
    expect(r.hardware).toBeNull();
    expect(r.payback).toBeNull();
  });
});

describe('invalid purchase inputs name the field', () => {
  it.each([
    [bought(0, 24), 'selfHost.priceUsd', 'must be greater than 0'],
    [bought(-2_000, 24), 'selfHost.priceUsd', 'must be greater than 0'],
    [bought(2_000, 0), 'selfHost.writeOffMonths', 'must be greater than 0'],
    [{ kind: 'purchase', priceUsd: 2_000 }, 'selfHost.writeOffMonths', 'is required'],
    [bought(2_000, 24, -1), 'selfHost.resaleUsd', 'must not be negative'],
    [bought(2_000, 24, 2_500), 'selfHost.resaleUsd', 'must not be more than the purchase price'],
    [bought(2_000, Number.POSITIVE_INFINITY), 'selfHost.writeOffMonths', 'must be a finite number'],
  ])('%j: %s %s', (selfHost, field, message) => {
    expect(errorsFor({ ...SEED_EXAMPLE, selfHost })).toEqual([{ field, message }]);
  });

  it('a resale value equal to the price writes off nothing', () => {
    expect(analyze({ ...SEED_EXAMPLE, selfHost: bought(2_000, 24, 2_000) }).selfHost.gpuNano).toBe(0);
  });
});
