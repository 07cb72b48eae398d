// 200 concurrent streaming chats through a real `serve` process: none fails, none is missing from
// the ledger. Only outcomes are asserted here; the timings belong to `npm run bench`.
import { expect, it } from 'vitest';
import { runLoadBench } from '../../../bench/load.bench.ts';

it('serves 200 concurrent streaming chats without errors or lost ledger rows', { timeout: 180_000 }, async () => {
  const r = await runLoadBench({ concurrency: 200, chunkDelayMs: 2 });
  expect(r.errorSamples).toEqual([]);
  expect(r.errors).toBe(0);
  expect(r.lostRows).toBe(0);
  expect(r.queriesRecorded).toBe(200);
  expect(r.callsRecorded).toBeGreaterThanOrEqual(200);
  // The answers streamed: token events reached the event stream.
  expect(r.tokenEvents).toBeGreaterThan(200);
  expect(r.peakRssMb === null || r.peakRssMb > 0).toBe(true);
});
