// Counts in words, so that a new user's first query reads "1 query", not "1 queries".
import { formatCount } from './pricing/money.ts';

/** "1 query", "2 queries", "1,319 queries": the count, grouped, with the noun that agrees with it. */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
