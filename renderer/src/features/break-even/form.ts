// The break-even view's side of the form: the field errors as sentences next to their fields,
// and the model pickers. The form itself (fields, defaults, parsing) is shared with the CLI:
// shared/core/breakeven/form.ts.
import { formFieldErrors, formNumber, type BreakEvenForm, type FormField } from '../../../../shared/core/breakeven/form.ts';
import type { FieldError } from '../../../../shared/core/breakeven/types.ts';

/** The core's field errors keyed by form field, as sentences: "Must be between 0 and 100%." */
export function fieldErrors(errors: FieldError[]): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const [field, message] of Object.entries(formFieldErrors(errors)) as [FormField, string][]) {
    out[field] = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  }
  return out;
}

/** A model whose token price the form can use. */
export interface PricedModel {
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  source: 'list' | 'override';
}

/** Cloud models from models.list with a known token price, cheapest first. */
export function pricedModels(models: readonly { model: string; local: boolean; inputPerMTok: number | null; outputPerMTok: number | null; pricing: string }[]): PricedModel[] {
  const out = new Map<string, PricedModel>();
  for (const m of models) {
    if (m.local || m.inputPerMTok === null || m.outputPerMTok === null) continue;
    if (m.pricing !== 'list' && m.pricing !== 'override') continue;
    out.set(m.model, { model: m.model, inputPerMTok: m.inputPerMTok, outputPerMTok: m.outputPerMTok, source: m.pricing });
  }
  return [...out.values()].sort((a, b) => a.inputPerMTok + a.outputPerMTok - (b.inputPerMTok + b.outputPerMTok) || a.model.localeCompare(b.model));
}

export type PriceRole = 'cloudDrafter' | 'verifier';

const ROLE_FIELDS = {
  cloudDrafter: { name: 'cloudDrafterName', in: 'cloudDrafterIn', out: 'cloudDrafterOut' },
  verifier: { name: 'verifierName', in: 'verifierIn', out: 'verifierOut' },
} as const satisfies Record<PriceRole, { name: FormField; in: FormField; out: FormField }>;

/** The priced model the form's name and prices match, or null for a custom price. */
export function selectedModel(f: BreakEvenForm, role: PriceRole, options: readonly PricedModel[]): PricedModel | null {
  const k = ROLE_FIELDS[role];
  const same = (s: string, n: number) => formNumber(s) === n;
  return options.find((o) => o.model === f[k.name].trim() && same(f[k.in], o.inputPerMTok) && same(f[k.out], o.outputPerMTok)) ?? null;
}

export function withModel(f: BreakEvenForm, role: PriceRole, m: PricedModel): BreakEvenForm {
  const k = ROLE_FIELDS[role];
  return { ...f, [k.name]: m.model, [k.in]: String(m.inputPerMTok), [k.out]: String(m.outputPerMTok) };
}
