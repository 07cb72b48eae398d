// Runs the real `cascadeflow` command in its own Node process, as a user would.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CASCADEFLOW_BIN = fileURLToPath(new URL('../../../bin/cascadeflow.mjs', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `env` is the child's whole environment besides PATH, so the developer's own keys, config and
 * data directory never reach the command under test. Never rejects: a failure is a non-zero code.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CASCADEFLOW_BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
