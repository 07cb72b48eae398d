// One rounding rule for every money figure the app writes: half away from zero on the amount's
// decimal value (the digits JavaScript writes for the number), which is what Intl.NumberFormat
// does. toFixed rounds the binary double instead, so $0.0008705 (exactly 870,500 nano-USD on the
// ledger) read "$0.000870" in one view and "$0.000871" in the next. For an amount that is a whole
// number of nano-USD, as every ledger and outcome figure is, this is the exact rounding of that
// integer; derived amounts (averages, forecasts, prices per token) have no integer to round, and
// their decimal value is what a reader checks the figure against.

const formats = new Map<string, Intl.NumberFormat>();

/**
 * |amount| with exactly `decimals` decimals, rounded half away from zero ("0.000871" for
 * 0.0008705, "1.01" for 1.005); `grouped` adds thousands separators ("1,234.50"). The sign is
 * left to the caller, which writes its own (a minus sign in the UI, a hyphen in the CLI).
 */
export function toFixedHalfUp(amount: number, decimals: number, grouped = false): string {
  const key = `${decimals}:${grouped}`;
  let format = formats.get(key);
  if (!format) {
    // 'en-US' fixed: the figure must not change with the machine's locale.
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouped, roundingMode: 'halfExpand' });
    formats.set(key, format);
  }
  return format.format(Math.abs(amount));
}
