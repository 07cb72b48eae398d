// Saving the settings draft (settings-draft-store.ts): the form's own checks first, then
// config.set from the revision the edits started from. Outside the view, so a save still lands
// in the store when the user has already gone to another view by the time the server answers.
import { useSettingsDraftStore } from '../../stores/settings-draft-store.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { draftErrors, errorsByField, fromDraft, toDraft } from './config-draft.ts';

/**
 * 'invalid': refused for mistakes on fields (the view takes the focus to the first one);
 * 'conflict': the stored settings changed since the edits began (the view offers to load them
 * or to save over them).
 */
export type SaveOutcome = 'saved' | 'invalid' | 'conflict' | 'failed' | 'nothing';

/** `overwrite`: the stored revision a refusal named, to save over that change on purpose. */
export async function saveSettings(opts: { overwrite?: string } = {}): Promise<SaveOutcome> {
  const { draft, baseRevision } = useSettingsDraftStore.getState();
  if (!draft) return 'nothing';
  const set = useSettingsDraftStore.setState;
  const outcomes = () => useSettingsDraftStore.getState().outcomes + 1;
  const mistakes = draftErrors(draft);
  if (Object.keys(mistakes).length > 0) {
    set({ fieldErrors: mistakes, saveError: { code: 'invalid_input', message: 'fix the fields marked in red.' }, saved: false, loaded: false, outcomes: outcomes() });
    return 'invalid';
  }
  set({ saving: true });
  const revision = opts.overwrite ?? baseRevision ?? undefined;
  const r = await useSettingsStore.getState().saveConfig(fromDraft(draft), revision);
  if (r.ok) {
    // The fields stay editable while the server answers: an edit made meanwhile is not in what
    // was saved, so it stays, still unsaved, on top of what was. Otherwise not dirty: the draft
    // follows the saved config again (the view's follow effect).
    const editedMeanwhile = useSettingsDraftStore.getState().draft !== draft;
    set({ saving: false, dirty: editedMeanwhile, baseRevision: r.revision, fieldErrors: {}, saveError: null, saved: !editedMeanwhile, loaded: false, outcomes: outcomes() });
    return 'saved';
  }
  const fieldErrors = r.error.code === 'conflict' ? {} : errorsByField(r.fields, r.error.message);
  set({ saving: false, saveError: r.error, fieldErrors, saved: false, loaded: false, outcomes: outcomes() });
  if (r.error.code === 'conflict') return 'conflict';
  return Object.keys(fieldErrors).length > 0 ? 'invalid' : 'failed';
}

/**
 * "Load the saved settings": what is stored now (config.get takes a change made outside the
 * app), in place of the edits. The edits stay when the settings cannot be loaded.
 */
export async function loadSavedSettings(): Promise<boolean> {
  const settings = useSettingsStore.getState();
  await settings.load();
  const { config, revision, status } = useSettingsStore.getState();
  if (status !== 'ready' || !config) return false;
  const drafts = useSettingsDraftStore.getState();
  drafts.discard(toDraft(config), revision);
  useSettingsDraftStore.setState({ loaded: true, outcomes: drafts.outcomes + 1 });
  return true;
}

/** The stored revision a save over a change made elsewhere is meant for: the one the refusal named, else the one loaded last. */
export function overwriteRevision(): string | undefined {
  const named = useSettingsDraftStore.getState().saveError?.details?.['revision'];
  return typeof named === 'string' ? named : (useSettingsStore.getState().revision ?? undefined);
}
