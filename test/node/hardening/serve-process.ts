// `cascadeflow serve` as a real child process, for tests and the load benchmark that need what
// only a separate process shows: its stdout/stderr, its memory, and surviving SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CASCADEFLOW_BIN = fileURLToPath(new URL('../../../bin/cascadeflow.mjs', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  pid: number;
  /** e.g. http://127.0.0.1:41234/ */
  url: string;
  token: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServeOptions {
  /** Extra flags: --config, --db ... */
  args: string[];
  /** The whole environment of the child (nothing is inherited but PATH). */
  env: Record<string, string>;
  token: string;
}

export function startServe(opts: ServeOptions): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CASCADEFLOW_BIN, 'serve', '--port', '0', ...opts.args], {
    env: { PATH: process.env.PATH ?? '', ...opts.env, CASCADEFLOW_TOKEN: opts.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = () => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (!m || child.pid === undefined) return;
      child.stdout?.off('data', onData);
      resolve({
        child,
        pid: child.pid,
        url: m[0],
        token: opts.token,
        stdout: () => out,
        stderr: () => err,
        exited,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => reject(new Error(`serve exited early (${code}): ${out}\n${err}`)));
  });
}

/** Peak resident memory of a live process (Linux VmHWM), in bytes; null elsewhere. */
export function peakRssBytes(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** POST /api/<method> with the token; returns the parsed Result and the raw text. */
export async function callApi(serve: Pick<ServeProcess, 'url' | 'token'>, method: string, input: unknown): Promise<{ text: string; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${serve.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cascadeflow-token': serve.token },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  return { text, result: JSON.parse(text) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
}
