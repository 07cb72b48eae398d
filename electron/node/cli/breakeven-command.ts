// `cascadeflow breakeven`: the Break-even view on the command line. Its flags are the view's
// fields (shared/core/breakeven/form.ts), named after them, in the same units, with the same
// defaults and the same checks; --use-my-numbers fills them from the ledger as the view's button
// does. The math and the sentences are the view's: shared/core/breakeven.
import { ApiFailure } from '../../../shared/api/result.ts';
import { analyzeBreakEven } from '../../../shared/core/breakeven/analyze.ts';
import { RECOMMENDATION_TITLE } from '../../../shared/core/breakeven/decision.ts';
import { DEFAULT_FORM, formFieldErrors, SELF_HOST_FIELDS, SELF_HOST_KINDS, toInputs, type BreakEvenForm, type FormField, type SelfHostKind } from '../../../shared/core/breakeven/form.ts';
import { fillFromLedger, verifierOf, type MeasuredSpeedFill, type MyNumbersSources, type UsageProfile } from '../../../shared/core/breakeven/my-numbers.ts';
import { costPerMillionTokens, type CostPerMillionTokens } from '../../../shared/core/breakeven/per-million-tokens.ts';
import type { BreakEvenResult, FieldError } from '../../../shared/core/breakeven/types.ts';
import { formatHours } from '../../../shared/core/duration.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/context.ts';
import { listPricedModels, type ListedModel } from '../../../shared/core/pricing/list-prices.ts';
import { quoteTier } from '../../../shared/core/pricing/lookup.ts';
import { formatCount, formatUsd } from '../../../shared/core/pricing/money.ts';
import { integerFlag, parse, UsageError } from './args.ts';
import { openBackend } from './context.ts';
import { unwrap } from './unwrap.ts';

const FIELDS = Object.keys(DEFAULT_FORM) as FormField[];

/** monthlyQueries -> monthly-queries: a flag per field of the view, named after it. */
function flagName(field: FormField): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const FIELD_OPTIONS = Object.fromEntries(FIELDS.map((f) => [flagName(f), { type: 'string' as const }]));

const DEFAULT_DAYS = 30;

const d = (field: FormField) => `--${flagName(field)} ${DEFAULT_FORM[field] === '' ? '0' : DEFAULT_FORM[field]}`;

// Built from the form's defaults so the help cannot drift from them.
export const BREAKEVEN_HELP = `  cascadeflow breakeven [--use-my-numbers [--days ${DEFAULT_DAYS}]] [--json]
        [${d('monthlyQueries')}] [${d('inputTokensPerQuery')}] [${d('outputTokensPerQuery')}] [${d('acceptancePct')}]
        [${d('cloudDrafterName')}] [${d('cloudDrafterIn')}] [${d('cloudDrafterOut')}]   (USD per 1M tokens)
        [${d('verifierName')}] [${d('verifierIn')}] [${d('verifierOut')}]
        [--self-host-kind ${SELF_HOST_KINDS.join('|')}]   (default ${DEFAULT_FORM.selfHostKind})
          hourly: [${d('gpuUsdPerHour')}] [${d('utilizationPct')}]   monthly: [${d('usdPerMonth')}]
          purchase: [${d('gpuPriceUsd')}] [${d('writeOffMonths')}] [${d('resaleUsd')}]
        [${d('throughputTokensPerSec')}] [${d('maxUtilizationPct')}] [${d('gpuWatts')}]
        [${d('electricityUsdPerKwh')}] [${d('maintenanceUsdPerMonth')}]
                                                    self-host the drafter or draft in the cloud: break-even, payback
`;

/** What --use-my-numbers read and filled, for the summary's first lines and the JSON. */
interface FromLedger {
  profile: UsageProfile;
  note: string;
  measuredSpeed: MeasuredSpeedFill | null;
  /** Flags given beside --use-my-numbers: their values replace the ledger's. */
  overriddenBy: string[];
}

/** Field flags of one way to pay for the GPU, given with another: ignored without a word, they would mislead. */
function checkSelfHostFlags(kind: SelfHostKind, given: readonly FormField[]): void {
  for (const other of SELF_HOST_KINDS) {
    if (other === kind) continue;
    const stray = given.find((f) => SELF_HOST_FIELDS[other].includes(f));
    if (stray !== undefined) throw new UsageError(`--${flagName(stray)} applies to --self-host-kind ${other}, and the GPU is ${kind} here: add --self-host-kind ${other}, or leave it out`);
  }
}

/** A model named by a flag and the two price flags that go with it. */
const PRICED_MODELS = [
  { name: 'verifierName', in: 'verifierIn', out: 'verifierOut' },
  { name: 'cloudDrafterName', in: 'cloudDrafterIn', out: 'cloudDrafterOut' },
] as const satisfies readonly { name: FormField; in: FormField; out: FormField }[];

/**
 * A model named without its prices takes its list price, as picking it in the view does: a name
 * alone would otherwise label the default model's price with another model's name. A name with no
 * list price is refused, naming the flags that give one.
 */
function priceNamedModels(given: readonly FormField[], flagValue: (f: FormField) => string | undefined): Partial<BreakEvenForm> {
  const filled: Partial<BreakEvenForm> = {};
  // The whole price list is built once, and only when a name needs it.
  let catalogue: ListedModel[] | undefined;
  for (const m of PRICED_MODELS) {
    const name = flagValue(m.name)?.trim();
    if (name === undefined || given.includes(m.in) || given.includes(m.out)) continue;
    const listed = (catalogue ??= listPricedModels()).find((l) => l.model === name);
    if (!listed) throw new UsageError(`--${flagName(m.name)} ${name} has no list price here: give its price with --${flagName(m.in)} and --${flagName(m.out)} (USD per 1M tokens)`);
    filled[m.in] = String(listed.inputPerMTok);
    filled[m.out] = String(listed.outputPerMTok);
  }
  return filled;
}

/**
 * What "use my numbers" reads: the ledger's usage profile, and from the configuration the GPU watts,
 * the electricity price and the cascade's verifier (top tier) with its price (null when unknown).
 */
async function readLedger(values: { config?: string; db?: string }, days: number): Promise<{ profile: UsageProfile; local: { gpuWatts: number; electricityUsdPerKwh: number }; verifier: MyNumbersSources['verifier'] }> {
  const backend = await openBackend(values, 'cli', { readsLedger: true });
  try {
    const profile = unwrap(await backend.call('ledger.usageProfile', { days }));
    const { config } = unwrap(await backend.call('config.get', {}));
    const top = config.tiers.at(-1);
    // The price models.list gives the top tier, without probing its provider: only the price is wanted here.
    const verifier = top ? verifierOf(top.model, quoteTier(pricingContextFromConfig(config), top)) : null;
    return { profile, local: config.local, verifier };
  } finally {
    await backend.close();
  }
}

/** Every bad field at once, each named by its flag, in the flag's units. */
function invalidInputMessage(errors: readonly FieldError[], form: BreakEvenForm, fromLedger: ReadonlySet<FormField>): string {
  const byField = formFieldErrors(errors);
  const lines = (Object.entries(byField) as [FormField, string][]).map(([field, message]) => {
    const source = fromLedger.has(field) ? ', from your ledger' : '';
    return `--${flagName(field)} ${message} (got "${form[field]}"${source})`;
  });
  // The form cannot produce an error of a field it does not have; said as the core says it, should it happen.
  if (lines.length === 0) lines.push(...errors.map((e) => `${e.field} ${e.message}`));
  return lines.join('; ');
}

export async function breakevenCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...FIELD_OPTIONS, 'use-my-numbers': { type: 'boolean' }, days: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  // The field flags are built from the form's keys, so their names are strings to the type checker.
  const byName: Readonly<Record<string, unknown>> = values;
  const flagValue = (field: FormField): string | undefined => {
    const v = byName[flagName(field)];
    return typeof v === 'string' ? v : undefined;
  };
  const kindFlag = flagValue('selfHostKind');
  if (kindFlag !== undefined && !(SELF_HOST_KINDS as readonly string[]).includes(kindFlag)) {
    throw new UsageError(`--self-host-kind must be one of ${SELF_HOST_KINDS.join(', ')} (got "${kindFlag}")`);
  }
  const kind = (kindFlag as SelfHostKind | undefined) ?? DEFAULT_FORM.selfHostKind;
  const given = FIELDS.filter((f) => f !== 'selfHostKind' && flagValue(f) !== undefined);
  checkSelfHostFlags(kind, given);
  if (values.days !== undefined && !values['use-my-numbers']) throw new UsageError('--days applies to --use-my-numbers: the days of the ledger to learn from');
  const days = integerFlag('days', values.days, 1, 3650) ?? DEFAULT_DAYS;

  let form: BreakEvenForm = { ...DEFAULT_FORM, selfHostKind: kind };
  let fromLedger: FromLedger | null = null;
  const filledFields = new Set<FormField>();
  if (values['use-my-numbers']) {
    const ledger = await readLedger(values, days);
    const filled = fillFromLedger(form, ledger);
    if (!filled.ok) throw new ApiFailure('not_found', filled.message);
    for (const f of FIELDS) if (filled.form[f] !== form[f]) filledFields.add(f);
    form = filled.form;
    fromLedger = { profile: ledger.profile, note: filled.note, measuredSpeed: filled.measuredSpeed, overriddenBy: given.filter((f) => filledFields.has(f)).map((f) => `--${flagName(f)}`) };
  }
  for (const f of given) {
    form = { ...form, [f]: flagValue(f) };
    filledFields.delete(f);
  }
  const listPrices = priceNamedModels(given, flagValue);
  form = { ...form, ...listPrices };
  for (const f of Object.keys(listPrices) as FormField[]) filledFields.delete(f);

  const analysis = analyzeBreakEven(toInputs(form));
  if (!analysis.ok) throw new UsageError(invalidInputMessage(analysis.errors, form, filledFields));
  const result = analysis.value;
  const perMillionTokens = costPerMillionTokens(result);
  if (values.json) process.stdout.write(`${JSON.stringify({ ...result, perMillionTokens, fromLedger }, null, 2)}\n`);
  else process.stdout.write(formatBreakEven(result, perMillionTokens, fromLedger));
  return 0;
}

/** Label and amount columns, amounts aligned on the right as in a bill. */
function table(rows: readonly [string, string][]): string[] {
  const labelWidth = Math.max(...rows.map(([l]) => l.length));
  const amountWidth = Math.max(...rows.map(([, a]) => a.length));
  return rows.map(([l, a]) => `  ${l.padEnd(labelWidth)}  ${a.padStart(amountWidth)}`);
}

function perMillionLine(r: BreakEvenResult, p: CostPerMillionTokens): string {
  const local = p.selfHostedNano === null ? 'unknown on your GPU with no queries to spread its monthly cost over' : `${formatUsd(p.selfHostedNano)} on your GPU${r.selfHost.gpus === 1 ? '' : 's'} at this volume`;
  return `Drafting per 1M tokens (input and output): ${local}, ${formatUsd(p.cloudDrafterNano)} on ${r.inputs.cloudDrafterName}; the verifier ${r.inputs.verifierName} costs ${formatUsd(p.verifierNano)}.`;
}

/** The view's result card, stat cards and itemised table, as text. */
export function formatBreakEven(r: BreakEvenResult, p: CostPerMillionTokens, fromLedger: FromLedger | null): string {
  const out: string[] = [];
  if (fromLedger) {
    out.push(fromLedger.note);
    if (fromLedger.overriddenBy.length > 0) out.push(`Given on the command line instead of the ledger's: ${fromLedger.overriddenBy.join(', ')}.`);
    out.push('');
  }
  out.push(`${RECOMMENDATION_TITLE[r.recommendation]}, at ${formatCount(r.inputs.monthlyQueries)} queries/month`, r.decision);
  if (r.payback) out.push(r.payback.sentence);
  const bestSaving = Math.max(r.savings.cloudDrafterVsCloudOnlyNano, r.savings.selfHostedVsCloudOnlyNano, 0);
  const breakEven = r.breakEvenQueries !== null ? `${formatCount(Math.ceil(r.breakEvenQueries))} queries/month, from which self-hosting wins` : 'never: self-hosting does not pay off';
  out.push(
    '',
    'Per month',
    ...table([
      [`Cloud only (every query on ${r.inputs.verifierName})`, formatUsd(r.costs.cloudOnlyNano)],
      [`Cascade, cloud drafter (${r.inputs.cloudDrafterName})`, formatUsd(r.costs.cloudDrafterNano)],
      ['Cascade, self-hosted drafter', formatUsd(r.costs.selfHostedNano)],
    ]),
    `Best saving vs cloud only: ${bestSaving > 0 ? `${formatUsd(bestSaving)} a month, ${formatUsd(bestSaving * 12)} a year` : 'none, the cascade does not pay off here'}.`,
    `Break-even: ${breakEven}.`,
    `GPUs needed: ${formatCount(r.selfHost.gpus)}, ${Math.round(r.selfHost.utilization * 100)}% busy (plan: at most ${Math.round(r.inputs.maxUtilization * 100)}%).`,
    perMillionLine(r, p),
    '',
    'Self-hosting, itemised',
    ...table([
      [`GPU${r.selfHost.gpus === 1 ? '' : 's'} (${formatCount(r.selfHost.gpus)})${r.hardware ? `, bought: ${r.hardware.assumption} each` : ''}`, formatUsd(r.selfHost.gpuNano)],
      [`Electricity (${formatHours(r.selfHost.generationHours)} of generation)`, formatUsd(r.selfHost.energyNano)],
      ['Maintenance', formatUsd(r.selfHost.maintenanceNano)],
      [`Verifier for ${formatCount(Math.round(r.escalatedQueries))} escalated queries`, formatUsd(r.escalationNano)],
    ]),
  );
  return `${out.join('\n')}\n`;
}
