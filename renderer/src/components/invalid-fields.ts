// A refused form says what needs fixing once, in one sentence that names the fields ("3 fields
// need attention: Model (tier 2), ..."), instead of each field's error speaking up on its own:
// several alerts at once drown each other out. Names are read from the page the user sees: a
// control's label, with the parts it sits in (data-field-context on an ancestor: "tier 2",
// "domain code"), so the sentence matches what a screen reader says on reaching the field.

/** Controls marked invalid (see invalidProps in field.tsx), in the page's order. */
export function invalidControls(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
}

/** "Model (domain code, tier 2)": the control's label, and where it sits when that is ambiguous. */
export function fieldName(control: HTMLElement): string {
  const labelled = control.getAttribute('aria-label') ?? (control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement ? control.labels?.[0]?.textContent : null);
  const label = labelled?.trim() || control.id || 'a field';
  const context: string[] = [];
  for (let el = control.parentElement?.closest<HTMLElement>('[data-field-context]'); el; el = el.parentElement?.closest<HTMLElement>('[data-field-context]')) {
    const part = el.dataset['fieldContext'];
    if (part) context.unshift(part);
  }
  return context.length > 0 ? `${label} (${context.join(', ')})` : label;
}

const NAMED = 5;

/** The one sentence for the fields marked invalid in `container`; null when there are none. */
export function invalidSummary(container: HTMLElement): string | null {
  return attentionSummary(invalidControls(container).map(fieldName));
}

/** The one sentence for the invalid fields; null when there are none. */
export function attentionSummary(names: readonly string[]): string | null {
  const unique = [...new Set(names)];
  if (unique.length === 0) return null;
  const shown = unique.slice(0, NAMED);
  const rest = unique.length - shown.length;
  const list = rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return `${unique.length === 1 ? '1 field needs' : `${unique.length} fields need`} attention: ${list}.`;
}
