// Window security settings and navigation policy, kept free of the 'electron' import so a
// plain Node test can check them (the Electron binary is not available everywhere we test).
import { APP_CSP } from '../node/server/security-headers.ts';

export { APP_CSP };

export interface AppUrls {
  /** file:// URL of dist/renderer/index.html. */
  indexUrl: string;
  /** Vite dev server (unpackaged runs only), e.g. http://localhost:5173/. */
  devServerUrl?: string;
}

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: boolean;
  /** Off in a packaged app (application-menu.ts developerToolsAllowed): no shortcut opens them either. */
  devTools: boolean;
  preload: string;
}

export interface MainWindowOptions {
  width: number;
  height: number;
  /** Absent: Electron centers the window. */
  x?: number;
  y?: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  /** Linux only: Windows takes the icon from the .exe, macOS from the app bundle. */
  icon?: string;
  webPreferences: SecureWebPreferences;
}

/** The first-launch size and the smallest the layout works at. */
export const MAIN_WINDOW_SIZE = { width: 1280, height: 840, minWidth: 880, minHeight: 560 } as const;

export interface WindowShell {
  devTools: boolean;
  platform?: NodeJS.Platform;
  /** The window icon file (dist-electron/icon.png), used on Linux. */
  iconPath?: string;
}

/** Where build-electron.mjs puts the window icon, relative to the app folder. */
export const WINDOW_ICON_FILE = ['dist-electron', 'icon.png'] as const;

/**
 * The `icon` option for a window of this shell: without it a Linux window manager shows a
 * generic icon in the task bar and Alt+Tab. Windows takes the icon from the .exe and macOS
 * from the app bundle, so elsewhere there is none to set.
 */
export function windowIcon(shell: Pick<WindowShell, 'platform' | 'iconPath'>): { icon?: string } {
  return shell.platform === 'linux' && shell.iconPath !== undefined ? { icon: shell.iconPath } : {};
}

export function mainWindowOptions(
  preloadPath: string,
  bounds: { width: number; height: number; x?: number; y?: number } = MAIN_WINDOW_SIZE,
  shell: WindowShell = { devTools: false },
): MainWindowOptions {
  return {
    width: bounds.width,
    height: bounds.height,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    minWidth: MAIN_WINDOW_SIZE.minWidth,
    minHeight: MAIN_WINDOW_SIZE.minHeight,
    title: 'CascadeFlow',
    // Shown on 'ready-to-show' to avoid a white flash.
    show: false,
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    ...windowIcon(shell),
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: shell.devTools,
      preload: preloadPath,
    },
  };
}

/**
 * True for the app's own document: the exact index.html file (any hash or query, which the
 * SPA may use for routing) or any page of the dev server's origin.
 */
export function isAppUrl(url: string, app: AppUrls): boolean {
  const target = parse(url);
  if (target === null) return false;
  if (target.protocol === 'file:') {
    const index = parse(app.indexUrl);
    return index !== null && index.protocol === 'file:' && index.host === target.host && samePath(index.pathname, target.pathname);
  }
  if (app.devServerUrl !== undefined) {
    const dev = parse(app.devServerUrl);
    return dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:') && dev.origin === target.origin;
  }
  return false;
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** For will-navigate and window.open: the app stays on its page; web links go to the browser. */
export function decideNavigation(url: string, app: AppUrls): NavigationDecision {
  if (isAppUrl(url, app)) return 'allow';
  const target = parse(url);
  if (target !== null && (target.protocol === 'https:' || target.protocol === 'http:')) return 'open-external';
  return 'deny';
}

/** Only the app's own top-level file:// document gets the CSP header (dev mode needs Vite's inline HMR code). */
export function shouldApplyCsp(url: string, app: AppUrls): boolean {
  const target = parse(url);
  return target !== null && target.protocol === 'file:' && isAppUrl(url, app);
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function samePath(a: string, b: string): boolean {
  const left = safeDecode(a);
  const right = safeDecode(b);
  if (left === null || right === null) return false;
  // Drive letters and folder names are case-insensitive on Windows.
  return process.platform === 'win32' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * Permission requests and checks are refused, except writing (sanitized) text to the
 * clipboard from the app's own page, which the "copy answer" buttons need.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, app: AppUrls): boolean {
  return permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAppUrl(requestingUrl, app);
}
