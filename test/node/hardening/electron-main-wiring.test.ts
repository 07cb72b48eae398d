// The Electron main process as wired in electron/main/index.ts, with a stand-in 'electron' module
// (the binary is not available here): the window is created with the secure options, navigation
// and window.open stay in the app, web links go to the OS browser through shell.openExternal and
// nothing else does, permissions are refused, the CSP header is set, IPC checks the sender, and
// a window held open by unsaved settings asks before it closes.
// Also the lifecycle around the window: its place is restored within the displays there are now,
// a second launch shows it again, API keys never share browser mode's file, and quitting waits
// for the backend once.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSecretFileStore } from '../../../electron/node/sqlite/secret-file-store.ts';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  const appListeners = new Map<string, Listener[]>();
  const state = {
    root: '',
    windows: [] as { options: Record<string, unknown>; loaded: string | null; listeners: Map<string, Listener[]>; calls: string[]; contents: { listeners: Map<string, Listener[]> } }[],
    /** The button the next message box answers with, and the questions asked. */
    answer: 0,
    questions: [] as { window: unknown; options: Record<string, unknown> }[],
    /** Work areas of the displays plugged in now. */
    displays: [] as { x: number; y: number; width: number; height: number }[],
    openExternal: [] as string[],
    /** Folders given to shell.openPath. */
    openedFolders: [] as string[],
    ipcHandlers: new Map<string, Listener>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    headersReceived: null as Listener | null,
    quitCalls: 0,
    errors: [] as string[],
    /** The template given to Menu.buildFromTemplate, once set as the application menu. */
    applicationMenu: null as unknown,
  };
  return { appListeners, state };
});

vi.mock('electron', () => {
  const { appListeners, state } = h;
  const on = (name: string, fn: Listener) => {
    appListeners.set(name, [...(appListeners.get(name) ?? []), fn]);
  };
  class FakeWebContents {
    listeners = new Map<string, Listener[]>();
    on(name: string, fn: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    }
    send() {}
    isDestroyed() {
      return false;
    }
    once() {}
  }
  class BrowserWindow {
    static getAllWindows() {
      return state.windows;
    }
    webContents = new FakeWebContents();
    private readonly record: (typeof state.windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: null, listeners: new Map(), calls: [], contents: this.webContents };
      state.windows.push(this.record);
    }
    private listen(name: string, fn: Listener) {
      this.record.listeners.set(name, [...(this.record.listeners.get(name) ?? []), fn]);
    }
    once(name: string, fn: Listener) {
      this.listen(name, fn);
    }
    on(name: string, fn: Listener) {
      this.listen(name, fn);
    }
    show() {
      this.record.calls.push('show');
    }
    focus() {
      this.record.calls.push('focus');
    }
    maximize() {
      this.record.calls.push('maximize');
    }
    isMinimized() {
      return false;
    }
    isMaximized() {
      return true;
    }
    getNormalBounds() {
      return { x: 2000, y: 40, width: 1100, height: 760 };
    }
    loadFile(path: string) {
      this.record.loaded = path;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.record.loaded = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      enableSandbox: () => {},
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on,
      getAppPath: () => join(state.root, 'app'),
      getPath: () => join(state.root, 'userData'),
      getVersion: () => '9.9.9',
      name: 'CascadeFlow',
      isPackaged: true,
      quit: () => void state.quitCalls++,
      exit: () => {},
    },
    BrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown } | null) => void (state.applicationMenu = menu?.template ?? null),
    },
    dialog: {
      showErrorBox: (_t: string, m: string) => void state.errors.push(m),
      showMessageBoxSync: (window: unknown, options: Record<string, unknown>) => (state.questions.push({ window, options }), state.answer),
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => void state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => void state.ipcHandlers.delete(channel),
    },
    Notification: class {
      static isSupported() {
        return false;
      }
      show() {}
    },
    screen: { getAllDisplays: () => state.displays.map((workArea) => ({ workArea })) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8'),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => void (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => void (state.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Listener) => void (state.headersReceived = fn) },
      },
    },
    shell: {
      openExternal: (url: string) => (state.openExternal.push(url), Promise.resolve()),
      openPath: (path: string) => (state.openedFolders.push(path), Promise.resolve('')),
    },
  };
});

const { state, appListeners } = h;
let indexUrl = '';

const savedEnv = { db: process.env.CASCADEFLOW_DB, config: process.env.CASCADEFLOW_CONFIG, dataDir: process.env.CASCADEFLOW_DATA_DIR, devTools: process.env.CASCADEFLOW_DEVTOOLS };

beforeAll(async () => {
  // The developer's own database and config must not be opened by the app under test.
  delete process.env.CASCADEFLOW_DB;
  delete process.env.CASCADEFLOW_CONFIG;
  delete process.env.CASCADEFLOW_DEVTOOLS;
  state.root = mkdtempSync(join(tmpdir(), 'cf-electron-main-'));
  // The data folder the CLI uses (paths.ts), apart from Electron's userData as on Linux.
  process.env.CASCADEFLOW_DATA_DIR = join(state.root, 'data');
  const renderer = join(state.root, 'app', 'dist', 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>CascadeFlow</title>');
  writeFileSync(join(state.root, 'app', 'package.json'), JSON.stringify({ name: 'cascadeflow-desktop', productName: 'CascadeFlow', main: 'dist-electron/main.cjs' }));
  // Last time the window sat on a second monitor, to the right of the first.
  state.displays = [
    { x: 0, y: 0, width: 1920, height: 1040 },
    { x: 1920, y: 0, width: 1920, height: 1040 },
  ];
  mkdirSync(join(state.root, 'userData'), { recursive: true });
  writeFileSync(join(state.root, 'userData', 'window-state.json'), JSON.stringify({ bounds: { x: 2500, y: 100, width: 1200, height: 800 }, maximized: false }));
  indexUrl = pathToFileURL(join(renderer, 'index.html')).href;
  await import('../../../electron/main/index.ts');
  await vi.waitFor(() => expect(state.windows).toHaveLength(1), { timeout: 15_000, interval: 20 });
});

afterAll(() => {
  rmSync(state.root, { recursive: true, force: true });
  if (savedEnv.db !== undefined) process.env.CASCADEFLOW_DB = savedEnv.db;
  if (savedEnv.config !== undefined) process.env.CASCADEFLOW_CONFIG = savedEnv.config;
  if (savedEnv.devTools !== undefined) process.env.CASCADEFLOW_DEVTOOLS = savedEnv.devTools;
  if (savedEnv.dataDir === undefined) delete process.env.CASCADEFLOW_DATA_DIR;
  else process.env.CASCADEFLOW_DATA_DIR = savedEnv.dataDir;
});

/** A webContents as 'web-contents-created' hands it over, recording what the app hooked. */
function createdContents() {
  const handlers = new Map<string, Listener>();
  let openHandler: Listener | null = null;
  const contents = {
    on: (name: string, fn: Listener) => void handlers.set(name, fn),
    setWindowOpenHandler: (fn: Listener) => void (openHandler = fn),
  };
  for (const l of appListeners.get('web-contents-created') ?? []) l({}, contents);
  return {
    navigate(name: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
      const event = { url, preventDefault: vi.fn() };
      handlers.get(name)?.(event);
      return event.preventDefault.mock.calls.length > 0;
    },
    open(url: string): unknown {
      return openHandler?.({ url });
    },
  };
}

describe('electron main process wiring', () => {
  it('creates the window sandboxed and isolated and loads the app file', () => {
    expect(state.errors).toEqual([]);
    const win = state.windows[0];
    expect(win?.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, nodeIntegrationInWorker: false, webviewTag: false, webSecurity: true });
    expect(win?.loaded).toBe(join(state.root, 'app', 'dist', 'renderer', 'index.html'));
  });

  it("replaces electron's default menu, and a packaged app has no developer tools in the menu or the window", () => {
    const template = JSON.stringify(state.applicationMenu);
    expect(state.applicationMenu).toEqual(expect.arrayContaining([expect.objectContaining({ label: expect.stringMatching(/Edit$/) })]));
    expect(template).toContain('"paste"');
    expect(template).not.toContain('toggleDevTools');
    expect(template).not.toContain('"reload"');
    // This package.json names no docs: Help only shows the data folder, the one the app uses.
    const help = (state.applicationMenu as { label?: string; submenu?: { label?: string; click?: () => void }[] }[]).at(-1);
    expect(help?.label).toMatch(/Help$/);
    expect(help?.submenu?.map((item) => item.label)).toEqual(['Show Data Folder']);
    help?.submenu?.[0]?.click?.();
    expect(state.openedFolders).toEqual([join(state.root, 'data')]);
    expect(state.windows[0]?.options['webPreferences']).toMatchObject({ devTools: false });
  });

  it('denies window open and sends only web links to the os browser', () => {
    const c = createdContents();
    state.openExternal.length = 0;
    for (const url of ['https://platform.openai.com/api-keys', 'http://localhost:11434/']) expect(c.open(url)).toEqual({ action: 'deny' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'smb://host/share', indexUrl]) expect(c.open(url), url).toEqual({ action: 'deny' });
    expect(state.openExternal).toEqual(['https://platform.openai.com/api-keys', 'http://localhost:11434/']);
  });

  it('keeps navigation on the app page', () => {
    const c = createdContents();
    state.openExternal.length = 0;
    expect(c.navigate('will-navigate', `${indexUrl}#/savings`)).toBe(false);
    expect(c.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(c.navigate('will-attach-webview', indexUrl)).toBe(true);
    // A clicked web link opens in the browser; a file link opens nowhere.
    expect(state.openExternal).toEqual(['https://evil.example/']);
  });

  it('refuses permissions and sets the csp header on the app page', () => {
    const granted: boolean[] = [];
    state.permissionRequest?.({}, 'media', (ok: boolean) => granted.push(ok), { requestingUrl: indexUrl });
    state.permissionRequest?.({}, 'geolocation', (ok: boolean) => granted.push(ok), { requestingUrl: indexUrl });
    expect(granted).toEqual([false, false]);
    expect(state.permissionCheck?.({}, 'notifications', '', { requestingUrl: indexUrl })).toBe(false);
    let headers: unknown;
    state.headersReceived?.({ resourceType: 'mainFrame', url: indexUrl, responseHeaders: {} }, (r: unknown) => (headers = r));
    expect(headers).toMatchObject({ responseHeaders: { 'Content-Security-Policy': [expect.stringContaining("script-src 'self'")] } });
  });

  it('asks before closing a window whose page holds unsaved settings, and closes it only on "Discard and close"', () => {
    const win = state.windows[0];
    const unload = (answer: number): boolean => {
      state.answer = answer;
      const event = { preventDefault: vi.fn() };
      for (const l of win?.contents.listeners.get('will-prevent-unload') ?? []) l(event);
      return event.preventDefault.mock.calls.length > 0;
    };
    // preventDefault() overrides the page's beforeunload: the window goes.
    expect(unload(0)).toBe(true);
    expect(unload(1)).toBe(false);
    expect(state.questions).toHaveLength(2);
    expect(state.questions[0]?.options).toMatchObject({ buttons: ['Discard and close', 'Cancel'], cancelId: 1, defaultId: 1, message: 'Your changes in Models & Settings are not saved.' });
    // Modal to the window it is about.
    expect((state.questions[0]?.window as { webContents: unknown }).webContents).toBe(win?.contents);
  });

  it('keeps the backend through a quit whose window stayed open for its unsaved settings', async () => {
    // Quitting starts (before-quit), the window's question is answered Cancel: no will-quit.
    const event = { preventDefault: vi.fn() };
    for (const l of appListeners.get('before-quit') ?? []) l(event);
    const invoke = state.ipcHandlers.get('api:invoke');
    expect(await invoke?.({ senderFrame: { url: `${indexUrl}#/settings` } }, 'config.get', {})).toMatchObject({ ok: true });
    expect(state.quitCalls).toBe(0);
  });

  it('answers ipc only from the app page', async () => {
    const invoke = state.ipcHandlers.get('api:invoke');
    expect(invoke).toBeDefined();
    expect(await invoke?.({ senderFrame: { url: 'https://evil.example/' } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke?.({ senderFrame: null }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke?.({ senderFrame: { url: `${indexUrl}#/chat` } }, 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'desktop', version: '9.9.9' } });
  });
});

function emit(listeners: Map<string, Listener[]> | undefined, name: string, ...args: unknown[]): void {
  for (const l of listeners?.get(name) ?? []) l(...args);
}

describe('electron main process lifecycle', () => {
  const userData = () => join(state.root, 'userData');
  const dataDir = () => join(state.root, 'data');
  const fromApp = () => ({ senderFrame: { url: indexUrl } });

  it('keeps the ledger in the data folder the CLI reads, and the window\'s place in userData', async () => {
    const invoke = state.ipcHandlers.get('api:invoke');
    expect(await invoke?.(fromApp(), 'app.info', {})).toMatchObject({ ok: true, value: { dataDir: dataDir(), dbPath: join(dataDir(), 'cascadeflow.db') } });
    expect(existsSync(join(dataDir(), 'cascadeflow.db'))).toBe(true);
    expect(existsSync(join(userData(), 'cascadeflow.db'))).toBe(false);
  });

  it('reopens the window where it was while that monitor is still there', () => {
    expect(state.windows[0]?.options).toMatchObject({ x: 2500, y: 100, width: 1200, height: 800 });
  });

  it('saves the place on close and brings a window back on a second launch, fitted to the displays left', () => {
    const first = state.windows[0];
    emit(first?.listeners, 'close', {});
    expect(JSON.parse(readFileSync(join(userData(), 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 2000, y: 40, width: 1100, height: 760 }, maximized: true });
    // macOS: the window is closed, the app keeps running; the second monitor is unplugged meanwhile.
    emit(first?.listeners, 'closed');
    state.displays = [{ x: 0, y: 0, width: 1920, height: 1040 }];
    emit(appListeners, 'second-instance', {}, [], '/');
    expect(state.windows).toHaveLength(2);
    const second = state.windows[1];
    expect(second?.options).toMatchObject({ width: 1280, height: 840 });
    expect(second?.options).not.toHaveProperty('x');
    expect(second?.loaded).toBe(join(state.root, 'app', 'dist', 'renderer', 'index.html'));
    emit(second?.listeners, 'ready-to-show');
    expect(second?.calls).toEqual(['maximize', 'show']);
    // Launched again while that window is open: it comes forward, no third window.
    emit(appListeners, 'second-instance', {}, [], '/');
    expect(state.windows).toHaveLength(2);
    expect(second?.calls.slice(-2)).toEqual(['show', 'focus']);
  });

  it("keeps the encrypted keys apart from browser mode's key file in the same folder", async () => {
    const invoke = state.ipcHandlers.get('api:invoke');
    expect(await invoke?.(fromApp(), 'secrets.set', { name: 'CF_TEST_DESKTOP_KEY', value: 'sk-desktop-1' })).toMatchObject({ ok: true, value: { isSet: true, source: 'store' } });
    // `cascadeflow serve` keeps its keys in <data folder>/secrets.json: on macOS and Windows that folder is userData.
    const browserMode = createSecretFileStore(userData());
    expect(browserMode.names()).toEqual([]);
    browserMode.set('CF_TEST_BROWSER_KEY', 'sk-browser-1');
    const listed = await invoke?.(fromApp(), 'secrets.list', {});
    expect(listed).toMatchObject({ ok: true, value: { secrets: expect.arrayContaining([{ name: 'CF_TEST_DESKTOP_KEY', isSet: true, source: 'store' }]) } });
    expect(browserMode.get('CF_TEST_BROWSER_KEY')).toBe('sk-browser-1');
    expect(readFileSync(join(userData(), 'secrets.encrypted.json'), 'utf8')).not.toContain('sk-desktop-1');
  });

  it('quits once the backend is closed, holding a second quit request meanwhile', async () => {
    const first = { preventDefault: vi.fn() };
    emit(appListeners, 'will-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    const again = { preventDefault: vi.fn() };
    emit(appListeners, 'will-quit', again);
    expect(again.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(state.quitCalls).toBe(1), { timeout: 15_000, interval: 20 });
    // The API went with the backend, and the database was closed: its WAL was checkpointed away.
    expect(state.ipcHandlers.has('api:invoke')).toBe(false);
    expect(existsSync(join(dataDir(), 'cascadeflow.db'))).toBe(true);
    expect(existsSync(join(dataDir(), 'cascadeflow.db-wal'))).toBe(false);
    // The quit that app.quit() starts then goes through.
    const last = { preventDefault: vi.fn() };
    emit(appListeners, 'will-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });
});
