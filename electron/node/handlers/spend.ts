// budget.status and cache.clear: spend control's read-outs and its one maintenance action.
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';

type SpendHandlers = Pick<ApiHandlers, 'budget.status' | 'cache.clear'>;

export function spendHandlers(s: Services): SpendHandlers {
  return {
    'budget.status': ({ userId }) => s.budget.status(s.config.get(), userId),
    'cache.clear': () => s.responseCache.clear(s.config.get()),
  };
}
