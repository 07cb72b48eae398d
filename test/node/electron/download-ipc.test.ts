// The desktop download: the preload's download() over the fake Electron IPC pair to the real main
// adapter and a real backend on a SQLite file. The save dialog is a stand-in that answers a path.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result.ts';
import { createIpcBridge, type IpcBridge } from '../../../electron/main/ipc.ts';
import { isAppUrl } from '../../../electron/main/window-options.ts';
import { createBridge } from '../../../electron/preload/bridge.ts';
import type { BridgeApi, PreparedDownload } from '../../../shared/api/contract.ts';
import { ALL_TIME, expectedExport, openSeededBackend, type SeededBackend } from '../server/download-fixture.ts';
import { createFakeIpc, type FakeIpc } from '../transport/fake-electron-ipc.ts';

const INDEX_URL = pathToFileURL('/opt/CascadeFlow/resources/app.asar/dist/renderer/index.html').href;
const QUERIES = 3_000;

let t: SeededBackend;
let adapter: IpcBridge;
let bridge: BridgeApi;
let ipc: FakeIpc;
let out: string;
/** What the stand-in dialog answers next, and the names it was offered. */
let answer: string | null = null;
const offered: string[] = [];

beforeAll(async () => {
  t = await openSeededBackend(QUERIES);
  out = mkdtempSync(join(tmpdir(), 'cf-saved-'));
  ipc = createFakeIpc(`${INDEX_URL}#/savings`);
  adapter = createIpcBridge({
    ipcMain: ipc.ipcMain,
    backend: t.backend,
    isAllowedSender: (url) => isAppUrl(url, { indexUrl: INDEX_URL }),
    chooseSavePath: async (name) => {
      offered.push(name);
      return answer;
    },
  });
  bridge = createBridge(ipc.ipcRenderer);
}, 60_000);
afterAll(async () => {
  adapter?.dispose();
  await t?.close();
});

async function prepare(format: 'csv' | 'json'): Promise<PreparedDownload> {
  const r = (await bridge.invoke('ledger.prepareExport', { range: ALL_TIME, format })) as Result<PreparedDownload>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('ledger downloads over IPC', () => {
  it('saves the exact export where the user chose and reports the rows', async () => {
    for (const format of ['csv', 'json'] as const) {
      const prepared = await prepare(format);
      answer = join(out, `mine.${format}`);
      expect(await bridge.download(prepared.downloadId)).toEqual({ ok: true, value: { saved: answer, rows: QUERIES } });
      expect(offered.at(-1)).toBe(prepared.filename);
      expect(readFileSync(answer, 'utf8')).toBe(expectedExport(t.dbPath, ALL_TIME, format).text);
    }
    expect(t.backend.downloads.openStreams()).toBe(0);
  });

  it('answers a cancelled dialog and uses up the id either way', async () => {
    const prepared = await prepare('csv');
    answer = null;
    expect(await bridge.download(prepared.downloadId)).toEqual({ ok: true, value: { cancelled: true } });
    answer = join(out, 'late.csv');
    expect(await bridge.download(prepared.downloadId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(existsSync(answer)).toBe(false);
    expect(t.backend.downloads.openStreams()).toBe(0);
  });

  it('refuses an unknown id or a non string before asking where to save', async () => {
    const asked = offered.length;
    expect(await bridge.download('AAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/expired/) } });
    // A compromised renderer calling ipcRenderer itself meets the same check in main.
    expect(await ipc.ipcRenderer.invoke('api:download', { id: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(offered.length).toBe(asked);
  });

  it('reports a file it cannot write and releases the read connection', async () => {
    const prepared = await prepare('csv');
    answer = join(out, 'no-such-folder', 'ledger.csv');
    const r = await bridge.download(prepared.downloadId);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining(`could not be saved to ${answer}`) } });
    expect(existsSync(answer)).toBe(false);
    expect(t.backend.downloads.openStreams()).toBe(0);
  });
});
