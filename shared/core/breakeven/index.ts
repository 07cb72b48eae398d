export * from './types.ts';
export { analyzeBreakEven, costCurve, curveVolumes } from './analyze.ts';
export { parseBreakEvenInputs, validateBreakEvenInputs, checkVolumes, DEFAULT_HOURS_PER_MONTH, DEFAULT_MAX_UTILIZATION, DEFAULT_SEARCH_LIMIT_QUERIES } from './validate.ts';
export { breakEvenInputsSchema } from './schema.ts';
