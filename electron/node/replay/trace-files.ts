// Trace files on disk, and the importers that turn benchmark recordings and the app's ledger
// into traces.
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ImportFormatError } from '../../../shared/core/replay/importers/errors.ts';
import { gsm8kTraceFromCsv } from '../../../shared/core/replay/importers/gsm8k.ts';
import { ledgerTraceItem } from '../../../shared/core/replay/importers/ledger.ts';
import { mtbenchTrace, type MtBenchImportOptions } from '../../../shared/core/replay/importers/mtbench.ts';
import { ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import { readTraceText, toJsonl, type TraceItem, type TraceLine } from '../../../shared/core/replay/trace.ts';
import { openLedgerReadonly, readLedgerQueries, type LedgerRange } from './ledger-source.ts';

/** What an errno means to the person who typed the path. */
function fileProblem(code: string | undefined, fallback: string): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  return code ?? fallback;
}

export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ReplayInputError(`cannot read the ${what} ${path}: ${fileProblem((e as NodeJS.ErrnoException).code, String(e))}`);
  }
}

/**
 * Checks before any work (or any spending) that `path` can be written as a file: not a folder,
 * in a folder that exists, and opened for appending (which changes nothing in it). Permission
 * bits alone do not answer it: root passes every access() check, and a read-only or special file
 * system refuses only the open. A file the probe created is removed again. `flag` is how the user
 * gave it ("-o").
 */
export function assertWritableFile(path: string, flag: string): void {
  const cannot = (e: unknown) => new ReplayInputError(`cannot write ${flag} ${path}: ${fileProblem((e as NodeJS.ErrnoException).code, String(e))}`);
  let stat;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    throw cannot(e);
  }
  if (stat?.isDirectory()) throw new ReplayInputError(`${flag} ${path} is a folder: give a file in it, e.g. ${flag} ${join(path, 'trace.jsonl')}`);
  const folder = dirname(resolve(path));
  const parent = statSync(folder, { throwIfNoEntry: false });
  if (!parent?.isDirectory()) throw new ReplayInputError(`cannot write ${flag} ${path}: the folder ${folder} does not exist (create it first)`);
  try {
    closeSync(openSync(path, 'a'));
  } catch (e) {
    // The folder exists (checked above): ENOENT here is a folder that takes no new files (/proc).
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ReplayInputError(`cannot write ${flag} ${path}: the folder ${folder} does not take new files`);
    throw cannot(e);
  }
  if (!stat) rmSync(path, { force: true });
}

/** Reads and validates a trace; throws TraceFormatError listing every bad line. */
export function readTraceFile(path: string): TraceLine[] {
  return readTraceText(readTextFile(path, 'trace'), path);
}

export function writeTraceFile(path: string, items: readonly TraceItem[]): void {
  try {
    writeFileSync(path, toJsonl(items));
  } catch (e) {
    throw new Error(`cannot write ${path}: ${fileProblem((e as NodeJS.ErrnoException).code, String(e))}`);
  }
}

/** An importer's format error ("line 3: ...") as an input error that names the file it is about. */
function naming<T>(source: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ImportFormatError) throw new ReplayInputError(`cannot import ${source}: ${e.message}`);
    throw e;
  }
}

export function importGsm8kFile(csvPath: string): TraceItem[] {
  const text = readTextFile(csvPath, 'GSM8K CSV');
  return naming(`${csvPath} as RouteLLM's GSM8K CSV (gsm8k_responses.csv)`, () => gsm8kTraceFromCsv(text));
}

export function importMtBenchFiles(judgementsPath: string, questionsPath: string, opts: MtBenchImportOptions = {}): TraceItem[] {
  const judgements = readTextFile(judgementsPath, 'MT-Bench judgements');
  const questions = readTextFile(questionsPath, 'MT-Bench questions');
  return naming(`the MT-Bench judgements ${judgementsPath} with the questions ${questionsPath}`, () => mtbenchTrace(judgements, questions, opts));
}

/** Queries of the ledger that more than one model answered, as trace items. */
export function importLedgerFile(dbPath: string, range: LedgerRange): { items: TraceItem[]; scanned: number } {
  const db = openLedgerReadonly(dbPath);
  try {
    const queries = readLedgerQueries(db, range);
    const items = queries.map(ledgerTraceItem).filter((i): i is TraceItem => i !== null);
    return { items, scanned: queries.length };
  } finally {
    db.close();
  }
}
