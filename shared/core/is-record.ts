// The check every parser of untyped JSON starts with: a plain object (not null, not an array).
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
