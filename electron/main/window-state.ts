// The main window reopens where the user left it: its normal (unmaximized) bounds and whether it
// was maximized, kept in userData/window-state.json. A saved place is used only where it is
// visible now: a monitor unplugged since (or a smaller one) must not leave the window off screen.
// Free of the 'electron' import so a plain Node test can check the placement rules.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeAtomically } from '../node/write-atomically.ts';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/** Where to open the window: x/y absent means "let Electron center it". */
export interface WindowPlacement {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

/** A saved window counts as visible on a display when at least this much of it shows there. */
const MIN_VISIBLE_PX = 100;

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  return ['x', 'y', 'width', 'height'].every((key) => {
    const n: unknown = Reflect.get(value, key);
    return typeof n === 'number' && Number.isFinite(n);
  });
}

/** The saved state, or null when there is none or it is not ours (then the default size is used). */
export function readWindowState(path: string): WindowState | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || !('bounds' in parsed) || !('maximized' in parsed)) return null;
  const { bounds, maximized } = parsed;
  if (!isRect(bounds) || typeof maximized !== 'boolean' || bounds.width <= 0 || bounds.height <= 0) return null;
  return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height }, maximized };
}

export function writeWindowState(path: string, state: WindowState): void {
  mkdirSync(dirname(path), { recursive: true });
  writeAtomically(path, `${JSON.stringify(state)}\n`);
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * The saved bounds moved and shrunk just enough to lie inside the display work area they overlap
 * most; the default size, centered, when they overlap none by MIN_VISIBLE_PX both ways.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], size: WindowSize): WindowPlacement {
  const fallback: WindowPlacement = { bounds: { width: size.width, height: size.height }, maximized: saved?.maximized ?? false };
  if (saved === null) return fallback;
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const o = overlap(saved.bounds, area);
    if (o.width >= Math.min(MIN_VISIBLE_PX, saved.bounds.width) && o.height >= Math.min(MIN_VISIBLE_PX, saved.bounds.height) && o.width * o.height > bestArea) {
      best = area;
      bestArea = o.width * o.height;
    }
  }
  if (best === null) return fallback;
  // Never larger than the work area, never below the window's minimum unless the screen is smaller still.
  const width = Math.round(clamp(saved.bounds.width, Math.min(size.minWidth, best.width), best.width));
  const height = Math.round(clamp(saved.bounds.height, Math.min(size.minHeight, best.height), best.height));
  const x = Math.round(clamp(saved.bounds.x, best.x, best.x + best.width - width));
  const y = Math.round(clamp(saved.bounds.y, best.y, best.y + best.height - height));
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}
