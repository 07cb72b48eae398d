// Saving the settings draft (settings-draft-store.ts): the form's own checks first, then
// config.set. Outside the view, so a save still lands in the store when the user has already
// gone to another view by the time the server answers.
import { useSettingsDraftStore } from '../../stores/settings-draft-store.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { draftErrors, errorsByField, fromDraft } from './config-draft.ts';

/** 'invalid': refused for mistakes on fields (the view takes the focus to the first one). */
export type SaveOutcome = 'saved' | 'invalid' | 'failed' | 'nothing';

export async function saveSettings(): Promise<SaveOutcome> {
  const { draft } = useSettingsDraftStore.getState();
  if (!draft) return 'nothing';
  const set = useSettingsDraftStore.setState;
  const mistakes = draftErrors(draft);
  if (Object.keys(mistakes).length > 0) {
    set({ fieldErrors: mistakes, saveError: { code: 'invalid_input', message: 'fix the fields marked in red.' }, saved: false });
    return 'invalid';
  }
  set({ saving: true });
  const r = await useSettingsStore.getState().saveConfig(fromDraft(draft));
  if (r.ok) {
    // The fields stay editable while the server answers: an edit made meanwhile is not in what
    // was saved, so it stays, still unsaved. Otherwise not dirty: the draft follows the saved
    // config again (the view's follow effect).
    const editedMeanwhile = useSettingsDraftStore.getState().draft !== draft;
    set({ saving: false, dirty: editedMeanwhile, fieldErrors: {}, saveError: null, saved: !editedMeanwhile });
    return 'saved';
  }
  const fieldErrors = errorsByField(r.fields, r.error.message);
  set({ saving: false, saveError: r.error, fieldErrors, saved: false });
  return Object.keys(fieldErrors).length > 0 ? 'invalid' : 'failed';
}
