// A throwaway redis-server for tests: its own free port on 127.0.0.1, no persistence, a temp dir,
// stopped (and its dir removed) at the end. Without the binary the Redis tests are skipped loudly,
// unless CASCADEFLOW_REQUIRE_REDIS=1 (CI), where a missing binary is a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const REDIS_SKIP_MESSAGE = 'redis tests skipped: redis-server not installed (apt-get install -y redis-server)';

/** CASCADEFLOW_REDIS_SERVER_BIN names the binary to use (or, pointing nowhere, simulates its absence). */
export function findRedisServer(): string | null {
  const pinned = process.env.CASCADEFLOW_REDIS_SERVER_BIN;
  if (pinned) return isExecutable(pinned) ? pinned : null;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/usr/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The binary, or null after announcing the skip; throws when Redis is required. */
export function redisServerOrSkip(): string | null {
  const bin = findRedisServer();
  if (bin) return bin;
  if (process.env.CASCADEFLOW_REQUIRE_REDIS === '1') throw new Error(`CASCADEFLOW_REQUIRE_REDIS=1 but ${REDIS_SKIP_MESSAGE}`);
  console.warn(`\n*** ${REDIS_SKIP_MESSAGE} ***\n`);
  return null;
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export async function startRedisServer(bin: string): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-redis-'));
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  // Ready when it accepts a connection (it binds before serving).
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${output}`);
    if (await accepts(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function accepts(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
