// The budget notes a run's decision text carries ("budget 'daily' ($5.00 a day) is 85% spent:
// threshold lowered to 0.5"): the backend joins notes with "; " and ends them with ". ".
const NOTE = /budget '[^']+'[^;]*?(?=; |\. |\.$|$)/g;

export function budgetNotes(decision: string): string[] {
  return decision.match(NOTE)?.map((n) => n.trim()) ?? [];
}
