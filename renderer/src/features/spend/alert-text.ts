// An alert's message usually starts with its name ("cost spike: spend in the last hour...");
// next to the name in bold, that prefix would read twice.
import type { Alert } from '../../../../shared/core/monitoring/alert-types.ts';

export function alertMessage(a: Pick<Alert, 'name' | 'message'>): string {
  const prefix = `${a.name}:`;
  return a.message.toLowerCase().startsWith(prefix.toLowerCase()) ? a.message.slice(prefix.length).trim() : a.message;
}
