// Sandboxed preload (bundled to dist-electron/preload.cjs: sandboxed preloads cannot be
// ESM). Exposes only the allowlisted invoke and a wrapped subscribe, never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('cascadeflow', createBridge(ipcRenderer));
