// The desktop side of the renderer's unsaved-settings guard (renderer/src/stores/
// unsaved-settings-guard.ts): while settings edits wait unsaved, the page's beforeunload handler
// holds the window open. Electron shows no question of its own for that (the window would
// just refuse to close), so the main window asks here, and lets it close when the user says so.
// Kept free of the 'electron' import so a plain Node test can drive it.

export interface UnloadGuardedWindow {
  webContents: { on(event: 'will-prevent-unload', listener: (event: { preventDefault(): void }) => void): unknown };
}

export interface CloseQuestion {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
}

const DISCARD = 0;
const CANCEL = 1;

export const UNSAVED_SETTINGS_QUESTION: CloseQuestion = {
  type: 'question',
  title: 'Unsaved settings',
  message: 'Your changes in Models & Settings are not saved.',
  detail: 'Close the window and lose them, or cancel and save them first.',
  buttons: ['Discard and close', 'Cancel'],
  // Enter and Escape keep the edits: losing them takes a deliberate choice.
  defaultId: CANCEL,
  cancelId: CANCEL,
  noLink: true,
};

/** `ask` shows the question modal to `win` and returns the chosen button's index (dialog.showMessageBoxSync). */
export function guardUnsavedClose<W extends UnloadGuardedWindow>(win: W, ask: (win: W, question: CloseQuestion) => number): void {
  win.webContents.on('will-prevent-unload', (event) => {
    // preventDefault() here overrides the page's beforeunload: the window closes (or reloads).
    if (ask(win, UNSAVED_SETTINGS_QUESTION) === DISCARD) event.preventDefault();
  });
}
