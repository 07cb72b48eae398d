// One error type for every provider failure, with a code the UI and the ledger understand
// and a message that tells the user what to do next.

export type ProviderErrorCode =
  | 'model_not_found'
  | 'auth_failed'
  | 'rate_limited'
  | 'timeout'
  | 'unreachable'
  | 'bad_response'
  | 'context_too_long'
  | 'cancelled'
  | 'provider_error';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly model: string | undefined;
  /** For `rate_limited`: how long the provider asked us to wait. */
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(init: { code: ProviderErrorCode; provider: string; message: string; model?: string; retryAfterMs?: number; status?: number; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.provider = init.provider;
    this.model = init.model;
    this.retryAfterMs = init.retryAfterMs;
    this.status = init.status;
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
