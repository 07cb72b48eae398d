// Splits a time range into the whole UTC days the rollup tables answer and the partial days at
// its edges, which are read from the raw rows. Days before 1970 are never rolled up, so that part
// of a range is an edge too.
import type { TimeRange } from '../../../shared/core/ledger/types.ts';

export const DAY_MS = 86_400_000;

/** Bound as named parameters: rollup days [fromDay, toDay), raw rows [lf, lt) and [rf, rt). */
export interface RangeSplit {
  fromDay: number;
  toDay: number;
  lf: number;
  lt: number;
  rf: number;
  rt: number;
}

const NOTHING = 0;

export function splitRange({ from, to }: TimeRange): RangeSplit {
  if (!(to > from)) return { fromDay: NOTHING, toDay: NOTHING, lf: NOTHING, lt: NOTHING, rf: NOTHING, rt: NOTHING };
  const fromDay = Math.ceil(Math.max(from, 0) / DAY_MS);
  const toDay = Math.floor(to / DAY_MS);
  if (toDay <= fromDay) return { fromDay: NOTHING, toDay: NOTHING, lf: from, lt: to, rf: NOTHING, rt: NOTHING };
  return { fromDay, toDay, lf: from, lt: fromDay * DAY_MS, rf: toDay * DAY_MS, rt: to };
}
