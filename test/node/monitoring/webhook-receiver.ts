// A webhook receiver on 127.0.0.1 for the alert tests: records every POST and answers each with
// the next scripted status (then 200), or holds it unanswered.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export interface WebhookReceiver {
  url: string;
  posts: ReceivedPost[];
  /** Statuses for the next requests, in order; 'hang' never answers. */
  script(...answers: (number | 'hang')[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks/T000/B000/secret-token'): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const queue: (number | 'hang')[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the test asserts on it.
      }
      posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body });
      const answer = queue.shift() ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    posts,
    script: (...answers) => void queue.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
