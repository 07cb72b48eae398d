// Closing or reloading the window while settings edits wait (settings-draft-store.ts) asks
// first: leaving for another view keeps the edits, but closing would lose them without a word.
// In a browser tab this is the browser's own "Leave site?" question; in the desktop app the
// main process turns it into a dialog (electron/main/unsaved-close-guard.ts). Only while there
// are edits: a page that always guards makes every close a question.
import { useSettingsDraftStore } from './settings-draft-store.ts';

export function guardUnsavedSettings(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Engines that predate preventDefault() here ask only when returnValue is set.
    event.returnValue = true;
  };
  let guarding = false;
  const guard = (dirty: boolean) => {
    if (dirty === guarding) return;
    guarding = dirty;
    if (dirty) target.addEventListener('beforeunload', onBeforeUnload);
    else target.removeEventListener('beforeunload', onBeforeUnload);
  };
  guard(useSettingsDraftStore.getState().dirty);
  const unsubscribe = useSettingsDraftStore.subscribe((s) => guard(s.dirty));
  return () => {
    unsubscribe();
    guard(false);
  };
}
