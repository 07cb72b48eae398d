// Runs the built dist-electron/main.cjs in plain Node with a stand-in 'electron' module, the way
// Electron's main process would load it (CommonJS, package requires resolved from the app's
// node_modules), then quits it. Prints one JSON line of what the bundle did.
//   node run-main-bundle.cjs <app dir with dist-electron/> <userData dir>
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const [appDir, userData] = process.argv.slice(2);
// The ledger goes to the data folder (paths.ts): here the same folder, never the real home.
process.env.CASCADEFLOW_DATA_DIR = userData;
const report = { windows: [], ipcChannels: [], errors: [], quitAfterClose: false, applicationMenu: null };
const appListeners = new Map();
const emit = (name, ...args) => (appListeners.get(name) || []).forEach((fn) => fn(...args));
let closing = false;

const finish = (code) => {
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(code);
};

class BrowserWindow {
  static getAllWindows() {
    return report.windows;
  }
  constructor(options) {
    this.record = { webPreferences: options.webPreferences, icon: options.icon ?? null, loaded: null };
    report.windows.push(this.record);
    this.webContents = { send() {}, isDestroyed: () => false, once() {}, on() {} };
  }
  once() {}
  on() {}
  show() {}
  loadURL(url) {
    this.record.loaded = url;
    return Promise.resolve();
  }
  loadFile(file) {
    this.record.loaded = file;
    // The page is up: quit the way the user would (before-quit, the windows close, will-quit),
    // which closes the backend first.
    setTimeout(() => {
      closing = true;
      emit('before-quit', { preventDefault() {} });
      emit('will-quit', { preventDefault() {} });
    }, 50);
    return Promise.resolve();
  }
}

const electron = {
  app: {
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on(name, fn) {
      appListeners.set(name, [...(appListeners.get(name) || []), fn]);
      return this;
    },
    getAppPath: () => appDir,
    getPath: () => userData,
    getVersion: () => '0.0.0-test',
    name: 'CascadeFlow',
    isPackaged: false,
    quit() {
      report.quitAfterClose = closing;
      finish(0);
    },
    exit: (code) => finish(code),
  },
  BrowserWindow,
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (menu) => {
      report.applicationMenu = menu === null ? null : menu.template;
    },
  },
  dialog: { showErrorBox: (title, message) => report.errors.push(`${title}: ${message}`) },
  ipcMain: { handle: (channel) => report.ipcChannels.push(channel), removeHandler() {} },
  Notification: class { static isSupported() { return false; } },
  safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text', encryptString() {}, decryptString() {} },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, webRequest: { onHeadersReceived() {} } } },
  shell: { openExternal: () => Promise.resolve() },
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};
// Loaded as CommonJS, as Electron loads the app's "main".
createRequire(import.meta.url)(path.join(appDir, 'dist-electron', 'main.cjs'));
