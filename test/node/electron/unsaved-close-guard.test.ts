// The main window's question when its page holds unsaved settings (the page's beforeunload
// guard keeps the window open; Electron itself would just refuse to close, silently).
import { describe, expect, it } from 'vitest';
import { guardUnsavedClose, UNSAVED_SETTINGS_QUESTION, type CloseQuestion } from '../../../electron/main/unsaved-close-guard.ts';

function fakeWindow() {
  const listeners: ((event: { preventDefault(): void }) => void)[] = [];
  return {
    webContents: { on: (event: 'will-prevent-unload', l: (event: { preventDefault(): void }) => void) => listeners.push(l) },
    /** The page's beforeunload held the unload: does the window go anyway? */
    tryToClose(): boolean {
      let closes = false;
      for (const l of listeners) l({ preventDefault: () => (closes = true) });
      return closes;
    },
  };
}

describe('unsaved settings close guard', () => {
  it('closes on "Discard and close", stays open on Cancel, asking modal to that window', () => {
    const win = fakeWindow();
    const asked: { win: unknown; question: CloseQuestion }[] = [];
    let answer = 0;
    guardUnsavedClose(win, (w, question) => (asked.push({ win: w, question }), answer));
    expect(win.tryToClose()).toBe(true);
    answer = 1;
    expect(win.tryToClose()).toBe(false);
    expect(asked.map((a) => a.win)).toEqual([win, win]);
    expect(asked[0]?.question.buttons[0]).toBe('Discard and close');
  });

  it('keeps the edits on Enter and Escape: losing them takes a deliberate choice', () => {
    const q = UNSAVED_SETTINGS_QUESTION;
    expect(q.buttons[q.defaultId]).toBe('Cancel');
    expect(q.buttons[q.cancelId]).toBe('Cancel');
  });
});
