// Errors cross the API boundary as data: Electron IPC drops everything but `message` of a
// thrown error, and HTTP needs a body anyway. The code union is closed so the UI can switch on it.

export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'unauthorized',
  'not_found',
  'conflict',
  'config_invalid',
  'model_not_found',
  'auth_failed',
  'rate_limited',
  'timeout',
  'unreachable',
  'bad_response',
  'context_too_long',
  'provider_error',
  'cancelled',
  'budget_exceeded',
  'price_unknown',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Structured extras, e.g. `{ fields: ['tiers.0.model'] }` or `{ retryAfterMs: 2000 }`. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Thrown inside handlers and core code when a failure already has an API code. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
