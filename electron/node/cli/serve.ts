// `cascadeflow serve`: browser mode. The same API as the desktop app, over HTTP on 127.0.0.1.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { integerFlag, parse, UsageError } from './args.ts';
import { openBackend } from './context.ts';
import { formatMetricsLine, formatServeBanner, startServer } from '../server/index.ts';

export const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const port = integerFlag('port', values.port, 0, 65535) ?? 5199;
  const host = values.host ?? '127.0.0.1';
  // The server answers only requests addressed to this machine (see server/request-guard.ts).
  if (!LOOPBACK_HOSTS.has(host)) throw new UsageError(`--host must be a loopback address (${[...LOOPBACK_HOSTS].join(', ')}): the app answers only this machine, so it is never served on ${host}`);
  // With `"port": 0` the metrics endpoint picks a free port, which only this line tells. It may
  // listen before the app's own banner is out, or later (config.set enables or moves it): it is
  // written after the banner either way, and again each time it moves.
  let bannerOut = false;
  let metricsUrl: string | null = null;
  const printMetrics = (url: string) => void process.stdout.write(`${formatMetricsLine(url)}\n`);
  const backend = await openBackend(values, 'browser', {
    onMetricsListening: (url) => {
      if (bannerOut) printMetrics(url);
      else metricsUrl = url;
    },
  });
  if (!existsSync(`${RENDERER_DIR}index.html`)) process.stderr.write('The UI is not built yet: run `npm run build` (npm run serve does it for you).\n');
  // Scripts that drive the API without the page may fix the token (CASCADEFLOW_TOKEN);
  // otherwise every launch gets a fresh random one.
  const token = process.env.CASCADEFLOW_TOKEN || undefined;
  const server = await startServer({ backend, port, host, rendererDir: RENDERER_DIR, token });
  process.stdout.write(`${formatServeBanner(server.url)}\n`);
  process.stdout.write(`Database: ${backend.info.dbPath}\n`);
  bannerOut = true;
  if (metricsUrl !== null) printMetrics(metricsUrl);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await backend.close();
  return 0;
}
