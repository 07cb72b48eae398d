// The desktop app launched on a database another program holds locked: it says so in a dialog
// naming the file and the way out, then exits with status 1; it never opens its window.
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/node/sqlite/open-database.ts';

const h = vi.hoisted(() => ({
  root: '',
  dialogs: [] as { title: string; message: string }[],
  exitCodes: [] as (number | undefined)[],
  windows: 0,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows() {
      return [];
    }
    constructor() {
      h.windows++;
    }
  }
  return {
    app: {
      enableSandbox: () => {},
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: () => {},
      getAppPath: () => join(h.root, 'app'),
      getPath: () => join(h.root, 'userData'),
      getVersion: () => '9.9.9',
      isPackaged: true,
      quit: () => {},
      exit: (code?: number) => void h.exitCodes.push(code),
    },
    BrowserWindow,
    dialog: { showErrorBox: (title: string, message: string) => void h.dialogs.push({ title, message }) },
    ipcMain: { handle: () => {}, removeHandler: () => {} },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: () => {} },
    Notification: class {},
    safeStorage: { isEncryptionAvailable: () => false },
    screen: { getAllDisplays: () => [] },
    session: { defaultSession: { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {}, webRequest: { onHeadersReceived: () => {} } } },
    shell: { openExternal: () => Promise.resolve() },
  };
});

const savedDb = process.env.CASCADEFLOW_DB;
let holder: BetterSqlite3.Database;
let dbPath = '';

beforeAll(() => {
  h.root = mkdtempSync(join(tmpdir(), 'cf-electron-locked-'));
  const renderer = join(h.root, 'app', 'dist', 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>CascadeFlow</title>');
  // Every Electron app directory has one (Electron will not start without it); the menu reads it.
  writeFileSync(join(h.root, 'app', 'package.json'), JSON.stringify({ name: 'cascadeflow-desktop', main: 'dist-electron/main.cjs' }));
  dbPath = join(h.root, 'shared.db');
  openDatabase(dbPath).close();
  // Another program in the middle of a write: the app cannot take the write lock its startup needs.
  holder = new BetterSqlite3(dbPath);
  holder.exec('BEGIN EXCLUSIVE');
  process.env.CASCADEFLOW_DB = dbPath;
});

afterAll(() => {
  holder.exec('ROLLBACK');
  holder.close();
  rmSync(h.root, { recursive: true, force: true });
  if (savedDb === undefined) delete process.env.CASCADEFLOW_DB;
  else process.env.CASCADEFLOW_DB = savedDb;
});

it('shows a locked database in a dialog and exits', { timeout: 30_000 }, async () => {
  await import('../../../electron/main/index.ts');
  // SQLite waits out its 5 s busy timeout first.
  await vi.waitFor(() => expect(h.exitCodes).toEqual([1]), { timeout: 20_000, interval: 50 });
  expect(h.dialogs).toEqual([
    {
      title: 'CascadeFlow could not start',
      message: `The database ${dbPath} is locked by another program: another CascadeFlow (\`cascadeflow serve\` or a command such as \`cascadeflow backup\`) is probably using it. Close that program, then start CascadeFlow again.`,
    },
  ]);
  expect(h.windows).toBe(0);
});
