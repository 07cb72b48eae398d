// A dot on the Settings navigation item while settings edits are waiting to be saved or
// discarded, like the mark on an editor's tab with unsaved changes: the edits are kept while
// the user is elsewhere (settings-draft-store.ts), and this keeps them from being forgotten.
// Read by a screen reader as part of the item's name: "Models & Settings (unsaved changes)".
import { useSettingsDraftStore } from '../../stores/settings-draft-store.ts';

export function UnsavedSettingsMark() {
  const dirty = useSettingsDraftStore((s) => s.dirty);
  if (!dirty) return null;
  return (
    <span className="nav-unsaved" title="Unsaved changes">
      <span className="nav-unsaved-dot" aria-hidden="true" />
      <span className="visually-hidden" data-testid="unsaved-settings-mark">
        (unsaved changes)
      </span>
    </span>
  );
}
