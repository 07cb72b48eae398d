import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate, developerToolsAllowed, helpUrlFromPackageJson, type ApplicationMenuContext } from '../../../electron/main/application-menu.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const PLATFORMS = ['darwin', 'linux', 'win32'] as const;
// Electron's own item type, taken from the template (tests may not import 'electron').
type MenuItemConstructorOptions = ReturnType<typeof applicationMenuTemplate>[number];

function menu(overrides: Partial<ApplicationMenuContext> = {}): MenuItemConstructorOptions[] {
  return applicationMenuTemplate({ platform: 'linux', appName: 'CascadeFlow', developerTools: false, openExternal: () => {}, dataDir: '/home/ana/.local/share/cascadeflow', openFolder: () => {}, ...overrides });
}

/** Every role anywhere in the menu. */
function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role !== undefined ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

function submenuRoles(items: readonly MenuItemConstructorOptions[], label: string): string[] {
  const found = items.find((item) => item.label?.replace('&', '') === label);
  return Array.isArray(found?.submenu) ? found.submenu.flatMap((i) => (i.role !== undefined ? [i.role] : [])) : [];
}

const labels = (items: readonly MenuItemConstructorOptions[]) => items.map((item) => item.label);

describe('application menu', () => {
  it('leaves reload and the developer tools out of a packaged app, on every platform', () => {
    for (const platform of PLATFORMS) {
      const packaged = roles(menu({ platform, developerTools: developerToolsAllowed(true, {}) }));
      expect(packaged, platform).not.toContain('toggleDevTools');
      expect(packaged, platform).not.toContain('reload');
      expect(packaged, platform).not.toContain('forceReload');
      const fromSource = roles(menu({ platform, developerTools: developerToolsAllowed(false, {}) }));
      expect(fromSource, platform).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    }
  });

  it('brings the developer tools back to a packaged app only with CASCADEFLOW_DEVTOOLS=1', () => {
    expect(developerToolsAllowed(true, { CASCADEFLOW_DEVTOOLS: '1' })).toBe(true);
    expect(developerToolsAllowed(true, { CASCADEFLOW_DEVTOOLS: '0' })).toBe(false);
    expect(developerToolsAllowed(true, { CASCADEFLOW_DEVTOOLS: '' })).toBe(false);
    expect(developerToolsAllowed(false, {})).toBe(true);
  });

  it('has the edit roles that clipboard shortcuts in text fields need, on every platform', () => {
    for (const platform of PLATFORMS) {
      expect(submenuRoles(menu({ platform }), 'Edit'), platform).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    }
  });

  it('zooms and goes full screen from the view menu', () => {
    for (const platform of PLATFORMS) {
      expect(submenuRoles(menu({ platform }), 'View'), platform).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    }
  });

  it('opens with the app menu on macOS and with File elsewhere', () => {
    const mac = menu({ platform: 'darwin' });
    expect(labels(mac)).toEqual(['CascadeFlow', 'Edit', 'View', 'Window', 'Help']);
    expect(submenuRoles(mac, 'CascadeFlow')).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(mac.find((i) => i.label === 'Window')?.role).toBe('window');
    expect(submenuRoles(mac, 'Window')).toEqual(['minimize', 'zoom', 'front']);
    for (const platform of ['linux', 'win32'] as const) {
      const other = menu({ platform });
      // & marks the Alt+letter mnemonic.
      expect(labels(other), platform).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
      expect(submenuRoles(other, 'File'), platform).toEqual(['quit']);
      expect(submenuRoles(other, 'Window'), platform).toEqual(['minimize', 'close']);
      expect(roles(other), platform).not.toContain('about');
      expect(roles(other), platform).not.toContain('services');
    }
  });

  it('has a Help menu that shows the data folder, and links the docs only when there are some', () => {
    const opened: string[] = [];
    const folders: string[] = [];
    const withDocs = menu({ platform: 'darwin', helpUrl: 'https://example.org/cascadeflow', openExternal: (url) => opened.push(url), openFolder: (path) => folders.push(path) });
    const help = withDocs.at(-1);
    expect(help).toMatchObject({ label: 'Help', role: 'help' });
    const items = Array.isArray(help?.submenu) ? help.submenu : [];
    expect(items.map((i) => i.label)).toEqual(['CascadeFlow documentation', 'Show Data Folder']);
    items[0]?.click?.({} as never, undefined, {} as never);
    items[1]?.click?.({} as never, undefined, {} as never);
    expect(opened).toEqual(['https://example.org/cascadeflow']);
    expect(folders).toEqual(['/home/ana/.local/share/cascadeflow']);
    for (const platform of PLATFORMS) {
      const plain = menu({ platform }).at(-1);
      expect(plain?.label?.replace('&', ''), platform).toBe('Help');
      expect((Array.isArray(plain?.submenu) ? plain.submenu : []).map((i) => i.label), platform).toEqual(['Show Data Folder']);
    }
  });
});

describe('help link from package.json', () => {
  it('takes an https homepage, else the repository page', () => {
    expect(helpUrlFromPackageJson({ homepage: 'https://cascadeflow.dev/docs' })).toBe('https://cascadeflow.dev/docs');
    expect(helpUrlFromPackageJson({ repository: { type: 'git', url: 'git+https://github.com/acme/cascadeflow.git' } })).toBe('https://github.com/acme/cascadeflow');
    expect(helpUrlFromPackageJson({ repository: 'https://github.com/acme/cascadeflow' })).toBe('https://github.com/acme/cascadeflow');
    expect(helpUrlFromPackageJson({ homepage: 'not a url', repository: { url: 'https://github.com/acme/x' } })).toBe('https://github.com/acme/x');
  });

  it('ignores links the browser should not be sent to', () => {
    expect(helpUrlFromPackageJson({ homepage: 'http://example.org/' })).toBeUndefined();
    expect(helpUrlFromPackageJson({ homepage: 'file:///etc/passwd' })).toBeUndefined();
    expect(helpUrlFromPackageJson({ repository: 'github:acme/cascadeflow' })).toBeUndefined();
    expect(helpUrlFromPackageJson(null)).toBeUndefined();
    expect(helpUrlFromPackageJson('https://example.org/')).toBeUndefined();
  });

  it("finds none in this project's package.json, so the shipped Help has no documentation item", () => {
    expect(helpUrlFromPackageJson(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')))).toBeUndefined();
  });
});
