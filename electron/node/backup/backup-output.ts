// Where `cascadeflow backup export` puts the streamed document: a file that appears whole or not
// at all (written under a temporary name next to it, renamed when complete), or a stream such as
// stdout, written no faster than it drains.
import { once } from 'node:events';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { BackupCounts } from '../../../shared/api/contract.ts';
import type { BackupChunks } from './backup-chunks.ts';
import { emptyCounts } from './export-import.ts';

/** The file system calls writeBackupFile makes that a test may replace (to fail a write). */
export interface BackupFileIo {
  write(fd: number, data: Buffer, offset: number): number;
}

const nodeIo: BackupFileIo = { write: (fd, data, offset) => writeSync(fd, data, offset) };

/** The temporary name a file export is written under until it is complete. */
export function partialPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
}

/**
 * Writes every chunk to `path`, readable by the user only (0600): the document holds every prompt
 * and answer. An existing file is replaced only once the new one is complete; on any failure the
 * temporary file is removed, `path` is left as it was, and the chunks are ended.
 */
export function writeBackupFile(path: string, chunks: BackupChunks, io: BackupFileIo = nodeIo): BackupCounts {
  const partial = partialPathOf(path);
  let fd: number | null = null;
  let created = false;
  let finished = false;
  // File errors name the file the user asked for, not the temporary one; reading errors pass as they are.
  const fs = <T>(op: () => T): T => {
    try {
      return op();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`cannot write ${path}: ${typeof code === 'string' ? code : String(e)}`, { cause: e });
    }
  };
  try {
    // 'wx': never follow or reuse a file someone else put there.
    const file = fs(() => openSync(partial, 'wx', 0o600));
    fd = file;
    created = true;
    let step = chunks.next();
    while (!step.done) {
      const data = Buffer.from(step.value, 'utf8');
      for (let written = 0; written < data.length; ) written += fs(() => io.write(file, data, written));
      step = chunks.next();
    }
    // Durable before it takes the real name: a crash right after must not leave an empty backup.
    fs(() => fsyncSync(file));
    fd = null;
    fs(() => closeSync(file));
    fs(() => renameSync(partial, path));
    finished = true;
    return step.value;
  } finally {
    if (!finished) {
      chunks.return(emptyCounts());
      if (fd !== null) closeSync(fd);
      // Only a file this call made: an open that failed on an existing name leaves it alone.
      if (created) rmSync(partial, { force: true });
    }
  }
}

/**
 * Writes every chunk to `out` (stdout), waiting for 'drain' whenever its buffer is full, so memory
 * stays flat however slowly the reader reads. Rejects on the stream's first error (EPIPE when the
 * reader went away) and ends the chunks.
 */
export async function writeBackupStream(out: NodeJS.WritableStream, chunks: BackupChunks): Promise<BackupCounts> {
  // An object, not a variable: the listener sets it between the loop's steps.
  const failure: { error?: unknown; failed: boolean } = { failed: false };
  const onError = (error: unknown): void => {
    if (failure.failed) return;
    failure.failed = true;
    failure.error = error;
  };
  out.on('error', onError);
  let finished = false;
  try {
    for (;;) {
      if (failure.failed) throw failure.error;
      const step = chunks.next();
      if (step.done) {
        finished = true;
        return step.value;
      }
      // once() rejects if the stream errors while we wait.
      if (!out.write(step.value)) await once(out, 'drain');
    }
  } finally {
    out.off('error', onError);
    if (!finished) chunks.return(emptyCounts());
  }
}

export type BackupTarget = { file: string } | { stream: NodeJS.WritableStream };

export async function writeBackup(target: BackupTarget, chunks: BackupChunks): Promise<BackupCounts> {
  return 'file' in target ? writeBackupFile(target.file, chunks) : writeBackupStream(target.stream, chunks);
}
