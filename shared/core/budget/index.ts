export * from './types.ts';
export * from './config-schema.ts';
export { periodRange, DAY_MS, type PeriodRange } from './periods.ts';
export { budgetsFor, budgetsToShow, budgetPolicy, capNano, isBudgetActive, perUserLimits, perUserSpecs, userLimits } from './resolve.ts';
export { estimateInputTokens, estimateRunCost, worstOutputTokens, type OutputAssumption, type RunEstimate } from './estimate.ts';
export { decideBudget, type BudgetCheck, type DecideInput } from './decide.ts';
export { budgetState, needsAttention, type QueryEstimate } from './status.ts';
export { budgetStateText, limitsEveryQuery, perUserText } from './wording.ts';
