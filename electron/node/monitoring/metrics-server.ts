// GET /metrics for Prometheus on 127.0.0.1 only. No token (scrapers do not send one), so the
// Host header must name the loopback address: a web page cannot read it via DNS rebinding.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PromMetrics } from './prometheus.ts';

export const METRICS_HOST = '127.0.0.1';

export interface MetricsServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export function startMetricsServer(metrics: PromMetrics, port: number): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const plain = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(text);
    };
    if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return plain(403, 'forbidden host\n');
    if (path !== '/metrics') return plain(404, 'not found: scrape /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(405, 'method not allowed\n', { allow: 'GET, HEAD' });
    metrics.text().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      () => plain(500, 'metrics collection failed\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => {
      server.off('error', reject);
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${METRICS_HOST}:${actual}/metrics`,
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
