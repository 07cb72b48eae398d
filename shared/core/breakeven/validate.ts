// Checks break-even inputs field by field so a form can put each message next to its field.
// Inputs often come from text boxes, so NaN, Infinity and strings are expected, not exotic.
import { isRecord } from '../is-record.ts';
import type { BreakEvenInputs, Checked, FieldError, NormalizedBreakEvenInputs, NormalizedSelfHostCost, TokenPriceUsd } from './types.ts';

export const DEFAULT_HOURS_PER_MONTH = 730;
export const DEFAULT_MAX_UTILIZATION = 0.7;
export const DEFAULT_SEARCH_LIMIT_QUERIES = 1e12;
const MAX_HOURS_PER_MONTH = 744;

type Rule = 'non-negative' | 'positive' | 'share' | 'positive-share';

const RULE_MESSAGE: Record<Rule, string> = {
  'non-negative': 'must not be negative',
  positive: 'must be greater than 0',
  share: 'must be between 0 and 1',
  'positive-share': 'must be greater than 0 and at most 1',
};

function passes(rule: Rule, n: number): boolean {
  switch (rule) {
    case 'non-negative':
      return n >= 0;
    case 'positive':
      return n > 0;
    case 'share':
      return n >= 0 && n <= 1;
    case 'positive-share':
      return n > 0 && n <= 1;
  }
}

class Checker {
  readonly errors: FieldError[] = [];

  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  number(obj: Record<string, unknown>, key: string, field: string, rule: Rule): number {
    const v = obj[key];
    if (typeof v !== 'number' || Number.isNaN(v)) this.fail(field, v === undefined ? 'is required' : 'must be a number');
    else if (!Number.isFinite(v)) this.fail(field, 'must be a finite number');
    else if (!passes(rule, v)) this.fail(field, RULE_MESSAGE[rule]);
    else return v;
    return Number.NaN;
  }

  /** An upper bound for a number already checked (NaN when it failed stays NaN, reported once). */
  atMost(n: number, field: string, max: number): number {
    if (n > max) {
      this.fail(field, `must be at most ${max.toLocaleString('en-US')}`);
      return Number.NaN;
    }
    return n;
  }

  optionalNumber(obj: Record<string, unknown>, key: string, field: string, rule: Rule, fallback: number): number {
    return obj[key] === undefined ? fallback : this.number(obj, key, field, rule);
  }

  price(obj: Record<string, unknown>, key: string): TokenPriceUsd {
    const v = obj[key];
    if (!isRecord(v)) {
      this.fail(key, v === undefined ? 'is required' : 'must be an object with inputPerMTok and outputPerMTok');
      return { inputPerMTok: Number.NaN, outputPerMTok: Number.NaN };
    }
    return {
      inputPerMTok: this.number(v, 'inputPerMTok', `${key}.inputPerMTok`, 'non-negative'),
      outputPerMTok: this.number(v, 'outputPerMTok', `${key}.outputPerMTok`, 'non-negative'),
    };
  }

  selfHost(obj: Record<string, unknown>): NormalizedSelfHostCost {
    const v = obj['selfHost'];
    if (!isRecord(v)) {
      this.fail('selfHost', v === undefined ? 'is required' : "must be {kind:'hourly', ...}, {kind:'monthly', ...} or {kind:'purchase', ...}");
      return { kind: 'monthly', usdPerMonth: Number.NaN };
    }
    if (v['kind'] === 'hourly') {
      return {
        kind: 'hourly',
        gpuUsdPerHour: this.number(v, 'gpuUsdPerHour', 'selfHost.gpuUsdPerHour', 'non-negative'),
        utilization: this.number(v, 'utilization', 'selfHost.utilization', 'positive-share'),
      };
    }
    if (v['kind'] === 'monthly') return { kind: 'monthly', usdPerMonth: this.number(v, 'usdPerMonth', 'selfHost.usdPerMonth', 'non-negative') };
    if (v['kind'] === 'purchase') {
      // A price of 0 is not a purchase, and it would make "pays for itself" meaningless.
      const priceUsd = this.number(v, 'priceUsd', 'selfHost.priceUsd', 'positive');
      let resaleUsd = this.optionalNumber(v, 'resaleUsd', 'selfHost.resaleUsd', 'non-negative', 0);
      if (resaleUsd > priceUsd) {
        this.fail('selfHost.resaleUsd', 'must not be more than the purchase price');
        resaleUsd = Number.NaN;
      }
      return { kind: 'purchase', priceUsd, writeOffMonths: this.number(v, 'writeOffMonths', 'selfHost.writeOffMonths', 'positive'), resaleUsd };
    }
    this.fail('selfHost.kind', "must be 'hourly', 'monthly' or 'purchase'");
    return { kind: 'monthly', usdPerMonth: Number.NaN };
  }

  name(obj: Record<string, unknown>, key: string, fallback: string): string {
    const v = obj[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > 200) {
      this.fail(key, 'must be a model name of 1 to 200 characters');
      return fallback;
    }
    return v.trim();
  }
}

/** Validates and fills defaults. Every error names its field; all errors are reported at once. */
export function parseBreakEvenInputs(raw: unknown): Checked<NormalizedBreakEvenInputs> {
  if (!isRecord(raw)) return { ok: false, errors: [{ field: '(root)', message: 'must be an object' }] };
  const c = new Checker();
  const value: NormalizedBreakEvenInputs = {
    monthlyQueries: c.atMost(c.number(raw, 'monthlyQueries', 'monthlyQueries', 'non-negative'), 'monthlyQueries', DEFAULT_SEARCH_LIMIT_QUERIES),
    inputTokensPerQuery: c.number(raw, 'inputTokensPerQuery', 'inputTokensPerQuery', 'non-negative'),
    outputTokensPerQuery: c.number(raw, 'outputTokensPerQuery', 'outputTokensPerQuery', 'positive'),
    drafterAcceptanceRate: c.number(raw, 'drafterAcceptanceRate', 'drafterAcceptanceRate', 'share'),
    cloudDrafterPrice: c.price(raw, 'cloudDrafterPrice'),
    verifierPrice: c.price(raw, 'verifierPrice'),
    selfHost: c.selfHost(raw),
    gpuWatts: c.number(raw, 'gpuWatts', 'gpuWatts', 'non-negative'),
    electricityUsdPerKwh: c.number(raw, 'electricityUsdPerKwh', 'electricityUsdPerKwh', 'non-negative'),
    maintenanceUsdPerMonth: c.number(raw, 'maintenanceUsdPerMonth', 'maintenanceUsdPerMonth', 'non-negative'),
    throughputTokensPerSec: c.number(raw, 'throughputTokensPerSec', 'throughputTokensPerSec', 'positive'),
    hoursPerMonth: c.optionalNumber(raw, 'hoursPerMonth', 'hoursPerMonth', 'positive', DEFAULT_HOURS_PER_MONTH),
    maxUtilization: c.optionalNumber(raw, 'maxUtilization', 'maxUtilization', 'positive-share', DEFAULT_MAX_UTILIZATION),
    searchLimitQueries: c.optionalNumber(raw, 'searchLimitQueries', 'searchLimitQueries', 'positive', DEFAULT_SEARCH_LIMIT_QUERIES),
    cloudDrafterName: c.name(raw, 'cloudDrafterName', 'the cloud drafter'),
    verifierName: c.name(raw, 'verifierName', 'the verifier'),
  };
  if (value.hoursPerMonth > MAX_HOURS_PER_MONTH) c.fail('hoursPerMonth', `must be at most ${MAX_HOURS_PER_MONTH} (a 31-day month)`);
  return c.errors.length > 0 ? { ok: false, errors: c.errors } : { ok: true, value };
}

/** Monthly volumes for a curve: finite, non-negative, in ascending order. */
export function checkVolumes(raw: unknown): Checked<number[]> {
  if (!Array.isArray(raw)) return { ok: false, errors: [{ field: 'volumes', message: 'must be a list of monthly query volumes' }] };
  const errors: FieldError[] = [];
  const values: number[] = [];
  raw.forEach((v: unknown, i) => {
    const field = `volumes.${i}`;
    if (typeof v !== 'number' || Number.isNaN(v)) errors.push({ field, message: 'must be a number' });
    else if (!Number.isFinite(v)) errors.push({ field, message: 'must be a finite number' });
    else if (v < 0) errors.push({ field, message: RULE_MESSAGE['non-negative'] });
    else {
      const prev = values.at(-1);
      if (prev !== undefined && v < prev) errors.push({ field, message: 'must not be smaller than the volume before it' });
      values.push(v);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: values };
}

/** Type-level helper for callers holding a typed object: same checks as parseBreakEvenInputs. */
export function validateBreakEvenInputs(inputs: BreakEvenInputs): FieldError[] {
  const r = parseBreakEvenInputs(inputs);
  return r.ok ? [] : r.errors;
}
