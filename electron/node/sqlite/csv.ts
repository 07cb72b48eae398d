// RFC 4180 fields, plus neutralising spreadsheet formulas in free text: a prompt that starts with
// "=" must not run as a formula when the export is opened in a spreadsheet.

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** For user-written text only; numbers keep their sign. */
export function csvText(value: string | null): string {
  if (value === null) return '';
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}

/** Exact decimal USD from integer nano-USD, without floating-point rounding. */
export function nanoToUsd(nano: number): string {
  const sign = nano < 0 ? '-' : '';
  const abs = Math.abs(nano);
  const whole = Math.floor(abs / 1e9);
  const frac = abs - whole * 1e9;
  return `${sign}${whole}.${String(frac).padStart(9, '0')}`;
}
