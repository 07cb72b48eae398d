// The validator's public surface.
export { validateDraft, combineScore, acceptedAt, escalationReason, SIGNAL_WEIGHTS } from './decide.ts';
export { SIGNALS } from './signals/index.ts';
export type { Signal } from './signals/index.ts';
export * from './types.ts';
