// What the CLI and the desktop app say before an existing database is upgraded: the wait that
// follows (0008 rewrites every call: about 20 s for a million queries) is then expected, not a hang.
export function upgradeNotice(dbPath: string, pending: readonly string[]): string {
  const steps = pending.length === 1 ? `step ${pending[0]}` : `steps ${pending.join(', ')}`;
  return `Upgrading ${dbPath} for this version of CascadeFlow (${steps}). This happens once; a ledger of a million queries takes about half a minute.`;
}
