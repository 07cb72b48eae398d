// The settings form's edit session, kept outside the view: edits not saved yet survive a visit
// to another view, as unsent chat text does (composer-drafts-store.ts), with what Save found
// wrong in them, and the navigation can show that they are waiting. Leaving for another view
// never throws work away and never stops the user with a question; Discard is the one way to
// drop the edits (closing or reloading the window asks first: unsaved-settings-guard.ts).
// Types only from the settings feature: its draft logic (and zod, which that pulls in) stays in
// the settings chunk, loaded when the page opens (features/settings/save-settings.ts).
import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/result.ts';
import type { ConfigDraft } from '../features/settings/config-draft.ts';

interface SettingsDraftState {
  /** What the form shows; null until the config first loads. */
  draft: ConfigDraft | null;
  /**
   * The revision of the stored config the draft started from (config.get): Save sends it, so
   * edits never silently overwrite settings saved elsewhere since (another window, the CLI, a
   * hand edit of the config file).
   */
  baseRevision: string | null;
  /** The user changed the draft since it was loaded or saved. */
  dirty: boolean;
  saving: boolean;
  /** Field path (`tiers.0.model`, `local.gpuWatts`) to its message, from the last refused Save. */
  fieldErrors: Record<string, string>;
  /** Why the last Save was refused; code 'conflict' when the stored settings changed meanwhile. */
  saveError: ApiError | null;
  /** The last Save went through; cleared by the next edit, or on leaving the page. */
  saved: boolean;
  /** The edits were dropped for the settings saved elsewhere ("Load them"); cleared like `saved`. */
  loaded: boolean;
  /**
   * Counts what Save and "Load them" did. The page's status region says each one, even in the
   * same words as the one before (a second Save refused for the same fields).
   */
  outcomes: number;
  /** The stored config, as a fresh draft: taken only while there are no edits to keep. */
  follow(draft: ConfigDraft, revision: string | null): void;
  edit(draft: ConfigDraft): void;
  /** Drops the edits and what was wrong with them: back to the stored config. */
  discard(draft: ConfigDraft | null, revision: string | null): void;
}

export const useSettingsDraftStore = create<SettingsDraftState>()((set, get) => ({
  draft: null,
  baseRevision: null,
  dirty: false,
  saving: false,
  fieldErrors: {},
  saveError: null,
  saved: false,
  loaded: false,
  outcomes: 0,

  follow(draft, revision) {
    if (!get().dirty) set({ draft, baseRevision: revision });
  },

  edit(draft) {
    set({ draft, dirty: true, saved: false, loaded: false });
  },

  discard(draft, revision) {
    set({ draft, baseRevision: revision, dirty: false, fieldErrors: {}, saveError: null, saved: false, loaded: false });
  },
}));
