// The desktop side of a ledger download: the export's chunks into the file the user picked, one
// at a time and only as fast as the disk takes them, so a 1M-row export neither piles up in
// memory nor blocks the main process (IPC keeps being served between chunks). The rows go to a
// temporary file renamed over the chosen one when complete: an app killed half way must not leave
// the first rows there, looking like the whole ledger (nor destroy the file it was replacing).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { partialPathOf } from '../node/backup/backup-output.ts';
import type { ExportStream } from '../node/sqlite/export-stream.ts';

/** Writes every chunk of `stream` to `path` and returns the number of rows; closes the stream. */
export async function saveExport(stream: ExportStream, path: string): Promise<number> {
  const partial = partialPathOf(path);
  // 'wx': never write through a file or link someone else put there.
  const file = createWriteStream(partial, { flags: 'wx' });
  let failure: unknown = null;
  file.on('error', (e) => (failure = e));
  try {
    for (;;) {
      if (failure !== null) throw failure;
      const chunk = stream.next();
      if (chunk === null) break;
      if (file.write(chunk)) await nextTurn();
      else await once(file, 'drain');
    }
    file.end();
    await finished(file);
    await rename(partial, path);
    return stream.rows;
  } catch (e) {
    file.destroy();
    // A half-written export must not pass for the whole ledger; the chosen file stays as it was.
    await rm(partial, { force: true }).catch(() => undefined);
    throw e;
  } finally {
    stream.close();
  }
}
