// zod wrapper so an API method can validate break-even input at the transport with the same
// rules (and the same per-field messages) as parseBreakEvenInputs.
import { z } from 'zod';
import type { NormalizedBreakEvenInputs } from './types.ts';
import { parseBreakEvenInputs } from './validate.ts';

export const breakEvenInputsSchema = z.unknown().transform((raw, ctx): NormalizedBreakEvenInputs => {
  const r = parseBreakEvenInputs(raw);
  if (r.ok) return r.value;
  for (const e of r.errors) {
    ctx.addIssue({ code: 'custom', message: e.message, path: e.field === '(root)' ? [] : e.field.split('.') });
  }
  return z.NEVER;
});
