import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../shared/api/result.ts';
import { startServer } from '../../../electron/node/server/index.ts';
import { runContractSuite } from './contract-suite.ts';
import { openSse } from './http-helpers.ts';

runContractSuite('HTTP (browser mode)', async (backend) => {
  const server = await startServer({ backend, port: 0, rendererDir: mkdtempSync(join(tmpdir(), 'cf-renderer-')) });
  const streams = new Set<{ close(): void }>();
  return {
    async invoke(method, input) {
      const res = await fetch(`${server.url}api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CascadeFlow-Token': server.token },
        body: input === undefined ? undefined : JSON.stringify(input),
      });
      return (await res.json()) as Result<unknown>;
    },
    async subscribe(listener) {
      const stream = await openSse(`${server.url}api/events?token=${encodeURIComponent(server.token)}`, {}, listener);
      if (stream.status !== 200) throw new Error(`event stream answered ${stream.status}`);
      streams.add(stream);
      return () => {
        stream.close();
        streams.delete(stream);
      };
    },
    async close() {
      for (const s of streams) s.close();
      await server.close();
    },
  };
});
