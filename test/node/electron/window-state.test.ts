import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowState, writeWindowState, type Rect } from '../../../electron/main/window-state.ts';
import { MAIN_WINDOW_SIZE } from '../../../electron/main/window-options.ts';

const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const RIGHT_MONITOR: Rect = { x: 1440, y: -200, width: 2560, height: 1415 };
const saved = (bounds: Rect, maximized = false) => ({ bounds, maximized });

describe('window placement', () => {
  it('opens at the default size, centered, the first time', () => {
    expect(placeWindow(null, [LAPTOP], MAIN_WINDOW_SIZE)).toEqual({ bounds: { width: 1280, height: 840 }, maximized: false });
  });

  it('reopens exactly where it was when that place is on a display', () => {
    const onMonitor = { x: 1600, y: -100, width: 1400, height: 900 };
    expect(placeWindow(saved(onMonitor, true), [LAPTOP, RIGHT_MONITOR], MAIN_WINDOW_SIZE)).toEqual({ bounds: onMonitor, maximized: true });
  });

  it('centers the default size when its monitor is gone, keeping maximized', () => {
    expect(placeWindow(saved({ x: 1600, y: -100, width: 1400, height: 900 }, true), [LAPTOP], MAIN_WINDOW_SIZE)).toEqual({ bounds: { width: 1280, height: 840 }, maximized: true });
  });

  it('does not count a sliver at the edge as visible', () => {
    // 40 px of the window on the laptop: too little to grab it.
    expect(placeWindow(saved({ x: 1400, y: 100, width: 1000, height: 700 }), [LAPTOP], MAIN_WINDOW_SIZE).bounds).not.toHaveProperty('x');
  });

  it('pulls a window that hangs over the edge fully onto the display', () => {
    expect(placeWindow(saved({ x: 1000, y: 500, width: 1000, height: 700 }), [LAPTOP], MAIN_WINDOW_SIZE).bounds).toEqual({ x: 440, y: 175, width: 1000, height: 700 });
  });

  it('shrinks a window larger than the display it is on, never below the minimum size', () => {
    expect(placeWindow(saved({ x: 10, y: 10, width: 2500, height: 1400 }), [LAPTOP], MAIN_WINDOW_SIZE).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 });
    expect(placeWindow(saved({ x: 10, y: 10, width: 300, height: 200 }), [LAPTOP], MAIN_WINDOW_SIZE).bounds).toEqual({ x: 10, y: 10, width: 880, height: 560 });
  });

  it('picks the display holding most of a window that spans two', () => {
    expect(placeWindow(saved({ x: 1000, y: 0, width: 1200, height: 800 }), [LAPTOP, RIGHT_MONITOR], MAIN_WINDOW_SIZE).bounds).toEqual({ x: 1440, y: 0, width: 1200, height: 800 });
  });
});

describe('window state file', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'cf-window-state-'));

  it('reads back what it wrote', () => {
    const path = join(dir(), 'nested', 'window-state.json');
    writeWindowState(path, saved({ x: -1200, y: 30, width: 1000, height: 700 }, true));
    expect(readWindowState(path)).toEqual(saved({ x: -1200, y: 30, width: 1000, height: 700 }, true));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ bounds: { x: -1200, y: 30, width: 1000, height: 700 }, maximized: true });
  });

  it('ignores a missing, garbled or foreign file', () => {
    const d = dir();
    expect(readWindowState(join(d, 'none.json'))).toBeNull();
    const cases = ['{not json', '[]', '{"bounds":{"x":0,"y":0,"width":"800","height":600},"maximized":false}', '{"bounds":{"x":0,"y":0,"width":0,"height":600},"maximized":false}', '{"bounds":{"x":0,"y":0,"width":800,"height":600}}'];
    for (const [i, text] of cases.entries()) {
      const path = join(d, `${i}.json`);
      writeFileSync(path, text);
      expect(readWindowState(path), text).toBeNull();
    }
  });
});
