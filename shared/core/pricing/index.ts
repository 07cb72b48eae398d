export * from './types.ts';
export * from './money.ts';
export { energyCostNano } from './energy.ts';
export { lookupPrice, quoteTier, isSelfHosted, unknownQuote } from './lookup.ts';
export type { TierPricingHints } from './lookup.ts';
export { costOfCall, estimateCostNano, DEFAULT_LOCAL_TOKENS_PER_SECOND } from './cost.ts';
export { describePrice } from './describe.ts';
export { listPricedModels, type ListedModel } from './list-prices.ts';
export { pricingContextFromConfig } from './context.ts';
