// The desktop app's menu bar, built from a pure function so a plain Node test can check it
// (Electron's default menu would otherwise ship, with Reload and Toggle Developer Tools in it).
// The Edit menu is not decoration: on macOS Cmd+C/V/X/A/Z reach a text field only through
// menu items with those roles.
import type { MenuItemConstructorOptions } from 'electron';

export interface ApplicationMenuContext {
  platform: NodeJS.Platform;
  /** app.name: the productName, "CascadeFlow". */
  appName: string;
  /** Reload and the developer tools (developerToolsAllowed below). */
  developerTools: boolean;
  /** The project's docs (helpUrlFromPackageJson below); absent, Help has no documentation item. */
  helpUrl?: string;
  openExternal: (url: string) => void;
  /** The data folder (ledger, backups, traces): what a user looks for to back up or reset. */
  dataDir: string;
  /** Opens a folder in the system's file manager (shell.openPath). */
  openFolder: (path: string) => void;
}

/** Env var that brings the developer tools back to a packaged build, for debugging one install. */
export const DEVTOOLS_ENV = 'CASCADEFLOW_DEVTOOLS';

/**
 * The developer tools (menu items and webPreferences.devTools) are there when running from
 * source, and in a packaged app only with CASCADEFLOW_DEVTOOLS=1: a user's copy offers no
 * console to paste code into.
 */
export function developerToolsAllowed(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !isPackaged || env[DEVTOOLS_ENV] === '1';
}

/** package.json's `homepage`, else its `repository` URL, when it is an https link; otherwise undefined. */
export function helpUrlFromPackageJson(pkg: unknown): string | undefined {
  if (typeof pkg !== 'object' || pkg === null) return undefined;
  const { homepage, repository } = pkg as { homepage?: unknown; repository?: unknown };
  const repositoryUrl = typeof repository === 'object' && repository !== null ? (repository as { url?: unknown }).url : repository;
  for (const candidate of [homepage, repositoryUrl]) {
    if (typeof candidate !== 'string') continue;
    // npm's "git+https://host/x.git" form names the same page as https://host/x.
    const url = parseHttps(candidate.replace(/^git\+/, '').replace(/\.git$/, ''));
    if (url !== undefined) return url;
  }
  return undefined;
}

function parseHttps(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function applicationMenuTemplate(ctx: ApplicationMenuContext): MenuItemConstructorOptions[] {
  const mac = ctx.platform === 'darwin';
  // Alt+letter mnemonics on Windows and Linux; macOS menus have none.
  const label = (text: string) => (mac ? text : `&${text}`);
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: ctx.appName,
    submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  // Quit lives in the app menu on macOS; elsewhere File > Quit (Exit on Windows) as users expect.
  const fileMenu: MenuItemConstructorOptions = { label: label('File'), submenu: [{ role: 'quit' }] };
  const editMenu: MenuItemConstructorOptions = {
    label: label('Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
  const developer: MenuItemConstructorOptions[] = ctx.developerTools ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] : [];
  const viewMenu: MenuItemConstructorOptions = {
    label: label('View'),
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  };
  const windowMenu: MenuItemConstructorOptions = mac
    ? // role 'window' makes macOS list the open windows under it.
      { label: 'Window', role: 'window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] }
    : { label: label('Window'), submenu: [{ role: 'minimize' }, { role: 'close' }] };
  const helpUrl = ctx.helpUrl;
  // The README's backup and reset steps start from the data folder, whose place differs per OS.
  const showDataFolder: MenuItemConstructorOptions = { label: 'Show Data Folder', click: () => ctx.openFolder(ctx.dataDir) };
  const helpMenu: MenuItemConstructorOptions = {
    label: label('Help'),
    role: 'help',
    submenu: [...(helpUrl === undefined ? [] : [{ label: `${ctx.appName} documentation`, click: () => ctx.openExternal(helpUrl) }]), showDataFolder],
  };

  return [...(mac ? [appMenu] : [fileMenu]), editMenu, viewMenu, windowMenu, helpMenu];
}
