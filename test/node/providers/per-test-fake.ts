// A fresh fake server for every test, so one test's scripts, queues and recorded requests never
// reach the next.
import { afterEach, beforeEach } from 'vitest';

export type PerTestFake<F> = (() => F) & {
  /** Swaps in a fake started differently (other options) for the rest of the current test. */
  restart(start: () => Promise<F>): Promise<void>;
};

/** Registers the hooks; call the result inside a test to get the current fake. */
export function fakePerTest<F extends { close(): Promise<void> }>(start: () => Promise<F>): PerTestFake<F> {
  let current: F | undefined;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const get = (): F => {
    if (current === undefined) throw new Error('the fake exists only while a test runs');
    return current;
  };
  return Object.assign(get, {
    restart: async (next: () => Promise<F>) => {
      await current?.close();
      current = await next();
    },
  });
}
