// Closing or reloading the window with unsaved settings edits asks first (the browser's
// "Leave site?"; in the desktop app, the main process's dialog), and only then.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigDraft } from '../../renderer/src/features/settings/config-draft.ts';
import { useSettingsDraftStore } from '../../renderer/src/stores/settings-draft-store.ts';
import { guardUnsavedSettings } from '../../renderer/src/stores/unsaved-settings-guard.ts';

/** Whether the window would ask before unloading now. */
function asksBeforeLeaving(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

const draft = { instructions: '' } as ConfigDraft;
let stop: (() => void) | null = null;

beforeEach(() => {
  useSettingsDraftStore.setState(useSettingsDraftStore.getInitialState());
});

afterEach(() => {
  stop?.();
  stop = null;
});

describe('unsaved settings guard', () => {
  it('asks before the window unloads only while settings edits wait to be saved', () => {
    stop = guardUnsavedSettings(window);
    expect(asksBeforeLeaving()).toBe(false);
    useSettingsDraftStore.getState().edit({ ...draft, instructions: 'Answer briefly.' });
    expect(asksBeforeLeaving()).toBe(true);
    useSettingsDraftStore.getState().discard(draft, 'rev-1');
    expect(asksBeforeLeaving()).toBe(false);
  });

  it('guards edits kept from before it started, and stops when told', () => {
    useSettingsDraftStore.getState().edit(draft);
    stop = guardUnsavedSettings(window);
    expect(asksBeforeLeaving()).toBe(true);
    stop();
    stop = null;
    expect(asksBeforeLeaving()).toBe(false);
  });
});
