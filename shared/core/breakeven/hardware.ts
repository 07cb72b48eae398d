// A GPU bought outright: what it amounts to a month over the months it is written off over, and
// after how many months at the user's volume it has paid for itself.
import { formatCount, formatUsd, usdToNano } from '../pricing/money.ts';
import { counted } from '../words.ts';
import type { HardwareWriteOff, NormalizedBreakEvenInputs, Payback, PurchasedGpu } from './types.ts';

/** (price - resale) / months, per GPU, in nano-USD. */
export function writeOffNanoPerMonth(p: Required<PurchasedGpu>): number {
  return Math.round((usdToNano(p.priceUsd) - usdToNano(p.resaleUsd)) / p.writeOffMonths);
}

/** "$2,000", but "$1,999.50": whole dollars read as the price the user typed. */
function usd(nano: number): string {
  return nano % 1e9 === 0 ? `$${formatCount(nano / 1e9)}` : formatUsd(nano);
}

function months(n: number): string {
  return Number.isInteger(n) ? counted(n, 'month') : `${n} months`;
}

export function hardwareWriteOff(i: NormalizedBreakEvenInputs): HardwareWriteOff | null {
  const s = i.selfHost;
  if (s.kind !== 'purchase') return null;
  const priceNano = usdToNano(s.priceUsd);
  const resaleNano = usdToNano(s.resaleUsd);
  const monthlyNano = writeOffNanoPerMonth(s);
  const resale = resaleNano > 0 ? `, less ${usd(resaleNano)} resale` : '';
  return {
    priceNano,
    resaleNano,
    writeOffMonths: s.writeOffMonths,
    monthlyNano,
    assumption: `${usd(priceNano)} GPU over ${months(s.writeOffMonths)}${resale} = ${formatUsd(monthlyNano)} a month`,
  };
}

/** The sentences' verbs agree with one GPU or several. */
const ONE = { pays: 'pays for itself', it: 'it', replaces: 'replaces', saves: 'saves', itIs: 'it is' };
const MANY = { pays: 'pay for themselves', it: 'they', replaces: 'replace', saves: 'save', itIs: 'they are' };

export interface PaybackFacts {
  inputs: NormalizedBreakEvenInputs;
  hardware: HardwareWriteOff;
  gpus: number;
  /** What the cloud drafter would charge for this month's drafts. */
  cloudDraftingNano: number;
  energyNano: number;
  maintenanceNano: number;
}

/**
 * Months until the GPUs bought for this volume have saved their price. Escalations cost the same
 * either way and the write-off is the purchase itself, so neither is a saving: what a month saves
 * is the cloud drafts replaced, less the electricity and maintenance of running the GPUs.
 */
export function paybackAt(f: PaybackFacts): Payback {
  const q = formatCount(f.inputs.monthlyQueries);
  const outlayNano = f.gpus * f.hardware.priceNano;
  const runningNano = f.energyNano + f.maintenanceNano;
  const monthlySavingNano = f.cloudDraftingNano - runningNano;
  const w = f.gpus === 1 ? ONE : MANY;
  const what = f.gpus === 1 ? `The ${usd(f.hardware.priceNano)} GPU` : `The ${counted(f.gpus, 'GPU')} (${usd(outlayNano)})`;
  const drafter = f.inputs.cloudDrafterName;
  if (monthlySavingNano <= 0) {
    const compared = monthlySavingNano < 0 ? 'more than' : 'as much as';
    return {
      kind: 'never',
      outlayNano,
      monthlySavingNano,
      sentence: `${what} never ${w.pays} at ${q} queries/month: electricity and maintenance (${formatUsd(runningNano)} a month) cost ${compared} the drafts ${w.it} ${w.replaces} on ${drafter} (${formatUsd(f.cloudDraftingNano)} a month).`,
    };
  }
  const exactMonths = outlayNano / monthlySavingNano;
  const whole = Math.ceil(exactMonths);
  const withinWriteOff = whole <= f.hardware.writeOffMonths;
  const late = withinWriteOff ? '' : ` That is later than the ${months(f.hardware.writeOffMonths)} ${w.itIs} written off over.`;
  return {
    kind: 'months',
    months: whole,
    exactMonths,
    outlayNano,
    monthlySavingNano,
    withinWriteOff,
    sentence: `${what} ${w.pays} after ${counted(whole, 'month')} at ${q} queries/month: ${w.it} ${w.saves} ${formatUsd(monthlySavingNano)} a month over drafting on ${drafter}, after electricity and maintenance.${late}`,
  };
}
