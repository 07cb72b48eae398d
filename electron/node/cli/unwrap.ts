import { ApiFailure, type Result } from '../../../shared/api/result.ts';

/** The CLI treats an error Result like a thrown failure: message to stderr, non-zero exit. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new ApiFailure(r.error.code, r.error.message, r.error.details);
  return r.value;
}
