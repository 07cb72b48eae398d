// Self-hosting break-even: monthly cost of cloud-only, a cloud-drafter cascade and a
// self-hosted-drafter cascade at one volume, the GPUs that volume needs, and where self-hosting
// starts to pay.
import type { BreakEvenResult, Checked, CostCurve, CostCurvePoint } from './types.ts';
import { buildCostModel, costsAt, utilizationAt } from './cost-model.ts';
import type { CostModel } from './cost-model.ts';
import { describeDecision, recommend } from './decision.ts';
import { findBreakEven } from './search.ts';
import { hardwareWriteOff, paybackAt } from './hardware.ts';
import { checkVolumes, parseBreakEvenInputs } from './validate.ts';

export function analyzeBreakEven(raw: unknown): Checked<BreakEvenResult> {
  const parsed = parseBreakEvenInputs(raw);
  if (!parsed.ok) return parsed;
  const inputs = parsed.value;
  const model = buildCostModel(inputs);
  const q = inputs.monthlyQueries;
  const c = costsAt(model, q);
  const costs = {
    cloudOnlyNano: c.cloudOnlyNano,
    cloudDrafterNano: c.cloudDraftingNano + c.escalationNano,
    selfHostedNano: c.selfDraftingNano + c.escalationNano,
  };
  const selfHost = {
    gpus: c.gpus,
    gpuNanoPerMonth: model.gpuNanoPerMonth,
    utilization: utilizationAt(model, q, c.gpus),
    generationHours: (q * model.generationSecondsPerQuery) / 3600,
    gpuNano: c.gpuNano,
    energyNano: c.energyNano,
    maintenanceNano: model.maintenanceNano,
  };
  const search = findBreakEven(model, inputs.searchLimitQueries);
  const recommendation = recommend(costs);
  const hardware = hardwareWriteOff(inputs);
  const payback = hardware && paybackAt({ inputs, hardware, gpus: c.gpus, cloudDraftingNano: c.cloudDraftingNano, energyNano: c.energyNano, maintenanceNano: model.maintenanceNano });
  return {
    ok: true,
    value: {
      inputs,
      costs,
      // Rounded to a millionth so 5,000,000 x (1 - 0.7) reads 1,500,000, not 1500000.0000000002.
      escalatedQueries: Math.round(q * model.escalationShare * 1e6) / 1e6,
      escalationNano: c.escalationNano,
      cloudDraftingNano: c.cloudDraftingNano,
      selfHost,
      savings: {
        cloudDrafterVsCloudOnlyNano: costs.cloudOnlyNano - costs.cloudDrafterNano,
        selfHostedVsCloudOnlyNano: costs.cloudOnlyNano - costs.selfHostedNano,
        selfHostedVsCloudDrafterNano: costs.cloudDrafterNano - costs.selfHostedNano,
      },
      breakEvenQueries: search.queries,
      noBreakEvenReason: search.reason,
      recommendation,
      decision: describeDecision({ inputs, costs, selfHost, breakEvenQueries: search.queries, noBreakEvenReason: search.reason, recommendation }),
      hardware,
      payback,
    },
  };
}

function pointAt(model: CostModel, queries: number): Omit<CostCurvePoint, 'crossover'> {
  const c = costsAt(model, queries);
  const cloudDrafterNano = c.cloudDraftingNano + c.escalationNano;
  const selfHostedNano = c.selfDraftingNano + c.escalationNano;
  return { queries, cloudOnlyNano: c.cloudOnlyNano, cloudDrafterNano, selfHostedNano, gpus: c.gpus, selfHostedCheaper: selfHostedNano <= cloudDrafterNano };
}

/**
 * The three monthly costs at each volume (ascending), for a chart. A point is marked
 * `crossover` when self-hosting and the cloud drafter swap places since the previous point;
 * the exact first crossover is `breakEvenQueries`. `inputs.monthlyQueries` is not used.
 */
export function costCurve(raw: unknown, volumes: unknown): Checked<CostCurve> {
  const parsed = parseBreakEvenInputs(raw);
  const vols = checkVolumes(volumes);
  if (!parsed.ok || !vols.ok) return { ok: false, errors: [...(parsed.ok ? [] : parsed.errors), ...(vols.ok ? [] : vols.errors)] };
  const model = buildCostModel(parsed.value);
  let prev: boolean | null = null;
  const points = vols.value.map((q) => {
    const p = pointAt(model, q);
    const crossover = prev !== null && prev !== p.selfHostedCheaper;
    prev = p.selfHostedCheaper;
    return { ...p, crossover };
  });
  return { ok: true, value: { points, breakEvenQueries: findBreakEven(model, parsed.value.searchLimitQueries).queries } };
}

/**
 * Volumes worth plotting: 1, 2 and 5 times powers of ten from 1,000 up to well past both the
 * user's volume and the break-even, plus those two volumes themselves.
 */
export function curveVolumes(raw: unknown): Checked<number[]> {
  const r = analyzeBreakEven(raw);
  if (!r.ok) return r;
  const { monthlyQueries } = r.value.inputs;
  const breakEven = r.value.breakEvenQueries;
  const top = Math.max(10 * monthlyQueries, breakEven === null ? 0 : 3 * breakEven, 1e5);
  const set = new Set<number>([monthlyQueries]);
  if (breakEven !== null) set.add(breakEven);
  for (let p = 1e3; p <= top; p *= 10) for (const f of [1, 2, 5]) if (p * f <= top) set.add(p * f);
  return { ok: true, value: [...set].sort((a, b) => a - b) };
}
