// The small window the desktop app shows while a database upgrade runs in its worker thread,
// kept free of the 'electron' import so a plain Node test can check it. A static page: no
// script, no preload, nothing loaded from anywhere.
import { upgradeNotice } from '../node/sqlite/upgrade-notice.ts';
import { windowIcon, type WindowShell } from './window-options.ts';

export interface SplashWindowOptions {
  width: number;
  height: number;
  resizable: false;
  minimizable: false;
  maximizable: false;
  title: string;
  show: false;
  backgroundColor: string;
  /** Linux only, as the main window's (window-options.ts windowIcon). */
  icon?: string;
  webPreferences: { sandbox: true; contextIsolation: true; nodeIntegration: false; javascript: false };
}

export function upgradeSplashOptions(shell: Pick<WindowShell, 'platform' | 'iconPath'> = {}): SplashWindowOptions {
  return {
    width: 520,
    height: 220,
    resizable: false,
    minimizable: false,
    maximizable: false,
    title: 'CascadeFlow',
    show: false,
    backgroundColor: '#111418',
    ...windowIcon(shell),
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page, as a data: URL. */
export function upgradeSplashUrl(dbPath: string, pending: readonly string[]): string {
  const html = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>CascadeFlow</title>
<style>
  body { margin: 0; padding: 28px 32px; font: 14px/1.5 system-ui, sans-serif; background: #111418; color: #e6e8eb; }
  h1 { font-size: 16px; margin: 0 0 10px; display: flex; align-items: center; gap: 10px; }
  p { margin: 0; color: #aab1ba; overflow-wrap: anywhere; }
  .spin { width: 14px; height: 14px; border: 2px solid #3b4250; border-top-color: #7c6cf2; border-radius: 50%; animation: s 0.9s linear infinite; }
  @keyframes s { to { transform: rotate(360deg); } }
</style></head>
<body><h1><span class="spin" role="progressbar" aria-label="Upgrading"></span>Upgrading your data</h1>
<p>${escapeHtml(upgradeNotice(dbPath, pending))}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
