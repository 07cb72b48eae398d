// Text taken literally inside a regular expression: a user's keyword, a search.

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
