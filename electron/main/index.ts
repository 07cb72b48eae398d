// Electron main process: the only file that wires the real 'electron' module to the pure
// pieces next to it (window-options, window-state, ipc, safe-storage-secrets, launch-options,
// startup-failure, close-within). It is bundled to dist-electron/main.cjs by
// scripts/build-electron.mjs.
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, screen, session, shell, type Session, type WebContents } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBackend } from '../node/backend.ts';
import type { Backend } from '../node/backend-types.ts';
import { readConfigFile } from '../node/config-file.ts';
import { defaultDataDir } from '../node/paths.ts';
import { NOT_BUILT_MESSAGE } from '../node/server/static-files.ts';
import { pendingUpgrade } from '../node/sqlite/pending-upgrade.ts';
import { upgradeInWorker } from '../node/sqlite/upgrade-in-worker.ts';
import { upgradeNotice } from '../node/sqlite/upgrade-notice.ts';
import { applicationMenuTemplate, developerToolsAllowed, helpUrlFromPackageJson } from './application-menu.ts';
import { closeWithin, QUIT_TIMEOUT_MS } from './close-within.ts';
import { createIpcBridge, type IpcBridge } from './ipc.ts';
import { resolveLaunchOptions } from './launch-options.ts';
import { createSafeStorageSecrets, SAFE_STORAGE_SECRETS_FILE } from './safe-storage-secrets.ts';
import { describeDatabaseFailure, STARTUP_FAILURE_TITLE } from './startup-failure.ts';
import { guardUnsavedClose } from './unsaved-close-guard.ts';
import { upgradeSplashOptions, upgradeSplashUrl } from './upgrade-splash.ts';
import { APP_CSP, decideNavigation, isPermissionAllowed, MAIN_WINDOW_SIZE, mainWindowOptions, shouldApplyCsp, isAppUrl, WINDOW_ICON_FILE, type AppUrls, type WindowShell } from './window-options.ts';
import { placeWindow, readWindowState, WINDOW_STATE_FILE, writeWindowState } from './window-state.ts';

let backend: Backend | null = null;
let bridge: IpcBridge | null = null;
let mainWindow: BrowserWindow | null = null;
/** Set once the backend is up: opens the main window (again, after macOS left the app running without one). */
let openMainWindow: (() => void) | null = null;
/** The backend is closing on quit: a second quit request meanwhile is held until it is done. */
let closing = false;

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second process would open the same database and miss the first one's events.
  app.quit();
} else {
  app.on('second-instance', () => {
    // macOS keeps the app running with no window: launching it again must show one.
    if (mainWindow === null) {
      openMainWindow?.();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.whenReady().then(start).catch(fatal);
}

async function start(): Promise<void> {
  const appPath = app.getAppPath();
  // Electron's own folder keeps what only the window needs (its place, the encrypted keys); the
  // ledger lives in the data folder the CLI and browser mode use, so `cascadeflow report` reads
  // the desktop's ledger on every system. On macOS and Windows the two folders are the same; on
  // Linux userData is ~/.config/CascadeFlow and the data folder ~/.local/share/cascadeflow.
  const userData = app.getPath('userData');
  const dataDir = defaultDataDir();
  const launch = resolveLaunchOptions(process.argv, process.env, dataDir, app.isPackaged);
  const indexPath = join(appPath, 'dist', 'renderer', 'index.html');
  const preloadPath = join(appPath, 'dist-electron', 'preload.cjs');
  const urls: AppUrls = {
    indexUrl: pathToFileURL(indexPath).href,
    ...(launch.devServerUrl !== undefined ? { devServerUrl: launch.devServerUrl } : {}),
  };
  if (urls.devServerUrl === undefined && !existsSync(indexPath)) throw new Error(NOT_BUILT_MESSAGE);

  // Packaged builds carry the example traces in resources/traces (electron-builder extraResources).
  const resources: unknown = process.resourcesPath;
  if (app.isPackaged && typeof resources === 'string' && !process.env.CASCADEFLOW_TRACES_DIR) process.env.CASCADEFLOW_TRACES_DIR = join(resources, 'traces');

  hardenSession(session.defaultSession, urls);
  guardWebContents(urls);
  const developerTools = developerToolsAllowed(app.isPackaged, process.env);
  installApplicationMenu(appPath, developerTools, dataDir);

  // An upgrade can rebuild a table (about 20 s for a million queries): it runs in a worker
  // thread behind a small window, so the app is visibly busy rather than silently absent.
  const pending = pendingUpgrade(launch.dbPath);
  let splash: BrowserWindow | null = null;
  if (pending.length > 0) {
    console.log(`[cascadeflow] ${upgradeNotice(launch.dbPath, pending)}`);
    const shown = new BrowserWindow(upgradeSplashOptions({ platform: process.platform, iconPath: join(appPath, ...WINDOW_ICON_FILE) }));
    shown.once('ready-to-show', () => shown.show());
    void shown.loadURL(upgradeSplashUrl(launch.dbPath, pending));
    splash = shown;
    // On failure the splash stays up until fatal() shows the error and exits.
    await upgradeInWorker(launch.dbPath, join(appPath, 'dist-electron', 'upgrade-worker.cjs')).catch((e: unknown) => {
      throw new Error(describeDatabaseFailure(e, launch.dbPath), { cause: e });
    });
  }

  backend = await openBackend(launch, dataDir, userData);
  bridge = createIpcBridge({ ipcMain, backend, isAllowedSender: (url) => isAppUrl(url, urls), chooseSavePath });

  const windowStatePath = join(userData, WINDOW_STATE_FILE);
  openMainWindow = () => {
    mainWindow = createWindow(preloadPath, urls, indexPath, windowStatePath, { devTools: developerTools, platform: process.platform, iconPath: join(appPath, ...WINDOW_ICON_FILE) });
  };
  openMainWindow();
  // Closed when the main window appears, never before it exists: closing the last window
  // quits the app ('window-all-closed' below).
  if (splash !== null) {
    const done = splash;
    mainWindow?.once('ready-to-show', () => done.destroy());
  }
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow?.();
  });
}

/** The backend on the launch's database; a failure to open it becomes a sentence naming the file and the way out. */
async function openBackend(launch: ReturnType<typeof resolveLaunchOptions>, dataDir: string, userData: string): Promise<Backend> {
  const config = launch.configPath !== undefined ? { configFile: readConfigFile(launch.configPath) } : {};
  try {
    return await createBackend({
      dbPath: launch.dbPath,
      dataDir,
      mode: 'desktop',
      version: app.getVersion(),
      secrets: createSafeStorageSecrets({ safeStorage, filePath: join(userData, SAFE_STORAGE_SECRETS_FILE) }),
      ...config,
      // Only if the file changed since pendingUpgrade() looked (another process): the log says why.
      onDatabaseUpgrade: (pending) => console.log(`[cascadeflow] ${upgradeNotice(launch.dbPath, pending)}`),
      onDesktopNotification: ({ title, body }) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
    });
  } catch (e) {
    throw new Error(describeDatabaseFailure(e, launch.dbPath), { cause: e });
  }
}

async function chooseSavePath(defaultName: string): Promise<string | null> {
  const ext = extname(defaultName).slice(1);
  const options = {
    title: 'Export the ledger',
    defaultPath: join(app.getPath('downloads'), defaultName),
    filters: ext === '' ? [] : [{ name: ext.toUpperCase(), extensions: [ext] }],
  };
  const r = mainWindow !== null ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return r.canceled || r.filePath === '' ? null : r.filePath;
}

/** Replaces Electron's default menu (which offers Reload and the developer tools to every user). */
function installApplicationMenu(appPath: string, developerTools: boolean, dataDir: string): void {
  const template = applicationMenuTemplate({
    platform: process.platform,
    appName: app.name,
    developerTools,
    helpUrl: helpUrlFromPackageJson(JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8'))),
    openExternal: (url) => void shell.openExternal(url),
    dataDir,
    // openPath resolves to an error text rather than rejecting; a missing folder is made on first run.
    openFolder: (path) => void shell.openPath(path).then((error) => (error === '' ? undefined : console.error(`[cascadeflow] could not open ${path}: ${error}`))),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(preloadPath: string, urls: AppUrls, indexPath: string, statePath: string, windowShell: WindowShell): BrowserWindow {
  const placement = placeWindow(
    readWindowState(statePath),
    screen.getAllDisplays().map((d) => d.workArea),
    MAIN_WINDOW_SIZE,
  );
  const win = new BrowserWindow(mainWindowOptions(preloadPath, placement.bounds, windowShell));
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  bridge?.attachWindow(win.webContents);
  guardUnsavedClose(win, (w, question) => dialog.showMessageBoxSync(w, question));
  win.on('close', () => {
    try {
      // The normal bounds, so a maximized window restores to the size it had before.
      writeWindowState(statePath, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      console.error('[cascadeflow] saving the window position failed', e);
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  const loading = urls.devServerUrl !== undefined ? win.loadURL(urls.devServerUrl) : win.loadFile(indexPath);
  loading.catch(fatal);
  return win;
}

function hardenSession(ses: Session, urls: AppUrls): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, urls));
  });
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) => isPermissionAllowed(permission, details.requestingUrl, urls));
  // The header and the <meta> in index.html carry the same policy; the header also covers
  // a build whose index.html lacks the meta.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' || !shouldApplyCsp(details.url, urls)) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
}

function guardWebContents(urls: AppUrls): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      const decision = decideNavigation(event.url, urls);
      if (decision === 'allow') return;
      event.preventDefault();
      // A clicked web link leaves the app for the user's browser.
      if (decision === 'open-external') void shell.openExternal(event.url);
    });
    contents.on('will-redirect', (event) => {
      if (decideNavigation(event.url, urls) !== 'allow') event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (decideNavigation(url, urls) === 'open-external') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// After every window has closed, not before: a window kept open for its unsaved settings
// (unsaved-close-guard.ts) cancels the quit and still needs its backend.
app.on('will-quit', (event) => {
  if (closing) {
    // Quit asked again while the backend closes (Cmd+Q twice): the first request finishes the job.
    event.preventDefault();
    return;
  }
  const running = backend;
  if (running === null) return;
  // Let running queries finish their ledger rows before the process exits, within QUIT_TIMEOUT_MS.
  event.preventDefault();
  backend = null;
  openMainWindow = null;
  bridge?.dispose();
  bridge = null;
  closing = true;
  void closeWithin(() => running.close(), QUIT_TIMEOUT_MS, (m, e) => console.error(`[cascadeflow] ${m}`, e ?? '')).then(() => {
    closing = false;
    app.quit();
  });
});

function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('[cascadeflow] fatal', error);
  dialog.showErrorBox(STARTUP_FAILURE_TITLE, message);
  app.exit(1);
}
