// Outcome errors carry a plain string code; the UI's error vocabulary is the API's closed union.
import { ERROR_CODES, type ErrorCode } from '../../../shared/api/result.ts';

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

export function toErrorCode(code: string | undefined): ErrorCode {
  return code !== undefined && isErrorCode(code) ? code : 'provider_error';
}
