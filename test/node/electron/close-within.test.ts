import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeWithin } from '../../../electron/main/close-within.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('closing the backend on quit', () => {
  it('reports a close that finishes in time', async () => {
    const log = vi.fn();
    expect(await closeWithin(() => Promise.resolve(), 1_000, log)).toBe('closed');
    expect(log).not.toHaveBeenCalled();
  });

  it('logs a close that fails and lets the app quit', async () => {
    const log = vi.fn();
    const failure = new Error('database is locked');
    expect(await closeWithin(() => Promise.reject(failure), 1_000, log)).toBe('failed');
    expect(log).toHaveBeenCalledWith('closing the backend failed', failure);
  });

  it('stops waiting for a close that never ends', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const outcome = closeWithin(() => new Promise<void>(() => {}), 5_000, log);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(log).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toBe('timed-out');
    expect(log).toHaveBeenCalledWith('closing the backend took more than 5000 ms; quitting without waiting for it');
  });
});
