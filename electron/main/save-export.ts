// The desktop side of a ledger download: the export's chunks into the file the user picked, one
// at a time and only as fast as the disk takes them, so a 1M-row export neither piles up in
// memory nor blocks the main process (IPC keeps being served between chunks).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ExportStream } from '../node/sqlite/export-stream.ts';

/** Writes every chunk of `stream` to `path` and returns the number of rows; closes the stream. */
export async function saveExport(stream: ExportStream, path: string): Promise<number> {
  const file = createWriteStream(path);
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
    return stream.rows;
  } catch (e) {
    file.destroy();
    // A half-written export must not pass for the whole ledger.
    await rm(path, { force: true }).catch(() => undefined);
    throw e;
  } finally {
    stream.close();
  }
}
