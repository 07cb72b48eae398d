import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CSP } from '../../../electron/node/server/security-headers.ts';
import { APP_CSP, decideNavigation, isAppUrl, isPermissionAllowed, mainWindowOptions, shouldApplyCsp, type AppUrls } from '../../../electron/main/window-options.ts';

const INDEX_URL = pathToFileURL('/opt/Cascade Flow/resources/app.asar/dist/renderer/index.html').href;
const PACKAGED: AppUrls = { indexUrl: INDEX_URL };
const DEV: AppUrls = { indexUrl: INDEX_URL, devServerUrl: 'http://localhost:5173/' };

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values]));
}

describe('main window options', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = mainWindowOptions('/app/dist-electron/preload.cjs').webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('gives the window its icon on linux only (windows and macos take it from the installed app)', () => {
    expect(mainWindowOptions('/p.cjs', undefined, { devTools: false, platform: 'linux', iconPath: '/app/dist-electron/icon.png' }).icon).toBe('/app/dist-electron/icon.png');
    for (const platform of ['darwin', 'win32'] as const) {
      expect(mainWindowOptions('/p.cjs', undefined, { devTools: false, platform, iconPath: '/app/dist-electron/icon.png' }), platform).not.toHaveProperty('icon');
    }
  });

  it('opens no developer tools unless asked to', () => {
    expect(mainWindowOptions('/p.cjs').webPreferences.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', undefined, { devTools: true }).webPreferences.devTools).toBe(true);
  });

  it('uses a csp without eval or foreign scripts', () => {
    const csp = directives(APP_CSP);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
  });

  it('puts the same policy in the page itself, where file:// in the desktop app takes it from', () => {
    const html = readFileSync(join(resolve(import.meta.dirname, '../../..'), 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(DOCUMENT_CSP);
    // The header adds only what a <meta> policy cannot carry.
    expect(APP_CSP).toBe(`${DOCUMENT_CSP}; frame-ancestors 'none'`);
  });
});

describe('navigation guard', () => {
  it('allows only the app page', () => {
    expect(decideNavigation(INDEX_URL, PACKAGED)).toBe('allow');
    expect(decideNavigation(`${INDEX_URL}#/savings`, PACKAGED)).toBe('allow');
    expect(decideNavigation(`${INDEX_URL}?tab=replay`, PACKAGED)).toBe('allow');
    expect(decideNavigation(pathToFileURL('/opt/Cascade Flow/resources/app.asar/dist/renderer/other.html').href, PACKAGED)).toBe('deny');
    expect(decideNavigation('file:///etc/passwd', PACKAGED)).toBe('deny');
    expect(decideNavigation('file://evil-host/opt/Cascade%20Flow/resources/app.asar/dist/renderer/index.html', PACKAGED)).toBe('deny');
    expect(decideNavigation('javascript:alert(1)', PACKAGED)).toBe('deny');
    expect(decideNavigation('data:text/html,<script>1</script>', PACKAGED)).toBe('deny');
    expect(decideNavigation('not a url', PACKAGED)).toBe('deny');
  });

  it('sends web links to the browser', () => {
    expect(decideNavigation('https://platform.openai.com/api-keys', PACKAGED)).toBe('open-external');
    expect(decideNavigation('http://localhost:11434/', PACKAGED)).toBe('open-external');
  });

  it('allows the dev server only when configured', () => {
    expect(isAppUrl('http://localhost:5173/#/chat', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/', PACKAGED)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', DEV)).toBe(false);
  });

  it('puts the csp header on the packaged page only', () => {
    expect(shouldApplyCsp(INDEX_URL, PACKAGED)).toBe(true);
    expect(shouldApplyCsp('http://localhost:5173/', DEV)).toBe(false);
    expect(shouldApplyCsp('https://example.com/', PACKAGED)).toBe(false);
  });

  it('grants no permission but clipboard writes from the app', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', INDEX_URL, PACKAGED)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', PACKAGED)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, PACKAGED)).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem']) {
      expect(isPermissionAllowed(permission, INDEX_URL, PACKAGED), permission).toBe(false);
    }
  });
});
