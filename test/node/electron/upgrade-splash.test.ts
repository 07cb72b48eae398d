// The window shown while a database upgrade runs: static, sandboxed, and saying what happens.
import { describe, expect, it } from 'vitest';
import { upgradeSplashOptions, upgradeSplashUrl } from '../../../electron/main/upgrade-splash.ts';

describe('upgrade splash', () => {
  it('is a sandboxed window without script or Node', () => {
    expect(upgradeSplashOptions()).toMatchObject({ show: false, resizable: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
  });

  it('carries the app icon on Linux, as the main window does, and none where the OS supplies it', () => {
    expect(upgradeSplashOptions({ platform: 'linux', iconPath: '/opt/CascadeFlow/dist-electron/icon.png' }).icon).toBe('/opt/CascadeFlow/dist-electron/icon.png');
    expect(upgradeSplashOptions({ platform: 'darwin', iconPath: '/opt/CascadeFlow/dist-electron/icon.png' })).not.toHaveProperty('icon');
    expect(upgradeSplashOptions({ platform: 'win32', iconPath: 'C:/CascadeFlow/dist-electron/icon.png' })).not.toHaveProperty('icon');
  });

  it('says which file is upgraded and why it takes a while, with nothing loaded from anywhere', () => {
    const url = upgradeSplashUrl('/home/ana/<data>/cascadeflow.db', ['0008_calls_sample_role']);
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
    expect(html).toContain('Upgrading /home/ana/&#60;data&#62;/cascadeflow.db for this version of CascadeFlow (step 0008_calls_sample_role)');
    expect(html).not.toContain('<data>');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|src=|href=/);
  });
});
