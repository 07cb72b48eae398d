// The one entry point both transports call: validate the input with the method's zod schema,
// run the handler, and turn every failure into a Result with an error code. Nothing throws
// across this boundary.
import { ZodError } from 'zod';
import { apiInputSchemas } from '../../shared/api/schemas.ts';
import type { MethodName } from '../../shared/api/contract.ts';
import { ApiFailure, err, ok, type ErrorCode, type Result } from '../../shared/api/result.ts';
import { isProviderError } from '../../shared/core/provider-error.ts';
import type { ApiHandlers } from './handlers/types.ts';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export function isMethodName(method: string): method is MethodName {
  return Object.prototype.hasOwnProperty.call(apiInputSchemas, method);
}

/** Gives an error that is not a bug (the database's disk is full...) its own message; null for the rest. */
export type DescribeError = (error: unknown) => ApiFailure | null;

export function createDispatch(handlers: ApiHandlers, onInternalError?: (method: string, error: unknown) => void, describe?: DescribeError): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) return err('unknown_method', `Unknown API method "${method}".`);
    const parsed = apiInputSchemas[method].safeParse(input ?? {});
    if (!parsed.success) return invalidInput(parsed.error);
    try {
      // The schema for `method` produced `parsed.data`, so it is the handler's input type.
      const handler = handlers[method] as (i: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (e) {
      return toErrorResult(method, e, onInternalError, describe);
    }
  };
}

/** The field each issue is about; an unknown key is named itself, not its parent object. */
function fieldsOf(issue: ZodError['issues'][number]): string[] {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => [...at, k].join('.'));
  return [at.length ? at.join('.') : '(input)'];
}

function invalidInput(error: ZodError): Result<never> {
  const fields = error.issues.flatMap(fieldsOf);
  const message = error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`).join('; ');
  return err('invalid_input', message, { fields });
}

const PROVIDER_CODES: Record<string, ErrorCode> = {
  model_not_found: 'model_not_found',
  auth_failed: 'auth_failed',
  rate_limited: 'rate_limited',
  timeout: 'timeout',
  unreachable: 'unreachable',
  bad_response: 'bad_response',
  context_too_long: 'context_too_long',
  cancelled: 'cancelled',
  provider_error: 'provider_error',
};

export function toErrorResult(method: string, e: unknown, onInternalError?: (method: string, error: unknown) => void, describe?: DescribeError): Result<never> {
  if (e instanceof ApiFailure) return err(e.code, e.message, e.details);
  if (e instanceof ZodError) return invalidInput(e);
  if (isProviderError(e)) {
    const details: Record<string, unknown> = { provider: e.provider };
    if (e.model !== undefined) details.model = e.model;
    if (e.retryAfterMs !== undefined) details.retryAfterMs = e.retryAfterMs;
    return err(PROVIDER_CODES[e.code] ?? 'provider_error', e.message, details);
  }
  onInternalError?.(method, e);
  const described = describe?.(e);
  if (described) return err(described.code, described.message, described.details);
  return err('internal', `Internal error in ${method}. The details are in the app log.`);
}
