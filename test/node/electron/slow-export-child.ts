// A desktop ledger download that takes a few seconds (2 ms per chunk), for the test that kills
// the process while it writes: node --import tsx slow-export-child.ts <path>
import { saveExport } from '../../../electron/main/save-export.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: slow-export-child.ts <path>');
const pause = new Int32Array(new SharedArrayBuffer(4));
let rows = 0;
await saveExport(
  {
    next() {
      if (rows >= 5000) return null;
      Atomics.wait(pause, 0, 0, 2);
      rows++;
      return `q${rows},2026-11-28T12:00:00.000Z,gpt-4o,${'x'.repeat(100)}\n`;
    },
    get rows() {
      return rows;
    },
    close() {},
  },
  path,
);
