// A progress line on stderr for long CLI commands. On a terminal it redraws one line in place
// (at most every 100 ms); into a file or pipe it writes a plain line every 10%, so logs stay short.

export interface ProgressState {
  done: number;
  failed: number;
  /** Extra text after the counts, e.g. "$0.0123 spent". */
  note?: string;
}

export interface ProgressBar {
  update(state: ProgressState): void;
  /** Ends the line (terminal) so the next output starts on its own line. */
  finish(state: ProgressState): void;
  /**
   * Wipes the line (terminal) instead, for output that replaces it. Into a file or pipe the
   * lines written stay: there is nothing to wipe.
   */
  clear(): void;
}

export interface ProgressBarOptions {
  total: number;
  label: string;
  write(text: string): void;
  isTTY: boolean;
  /** Milliseconds, monotonic (injected for tests). */
  now(): number;
  width?: number;
  /**
   * The terminal's width. A redrawn line longer than it wraps, and "\r" then returns to the start
   * of its last row only: every redraw would leave a row behind. The line is fitted to it.
   */
  columns?: number;
}

function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}

const MIN_BAR_WIDTH = 8;
/** Back to the start of the line, then erase it: a redraw or a clear leaves nothing of the last. */
const CLEAR_LINE = '\r\x1b[2K';

export function createProgressBar(o: ProgressBarOptions): ProgressBar {
  const started = o.now();
  const width = o.width ?? 24;
  let lastDraw = -Infinity;
  let lastDecile = -1;

  const line = (s: ProgressState): string => {
    const settled = s.done + s.failed;
    const share = o.total === 0 ? 1 : Math.min(1, settled / o.total);
    const elapsed = o.now() - started;
    const left = settled > 0 && settled < o.total ? ` · ${formatDuration((elapsed / settled) * (o.total - settled))} left` : '';
    const failed = s.failed > 0 ? ` · ${s.failed} failed` : '';
    const note = s.note ? ` · ${s.note}` : '';
    const withBar = (w: number) => {
      const filled = Math.round(share * w);
      return `${o.label} [${'#'.repeat(filled)}${'.'.repeat(w - filled)}] ${settled}/${o.total}${failed}${note}${left}`;
    };
    const full = withBar(width);
    if (!o.isTTY || o.columns === undefined || full.length < o.columns) return full;
    // The last column stays free: a line that fills it wraps on some terminals.
    const fitted = withBar(Math.max(MIN_BAR_WIDTH, width - (full.length - (o.columns - 1))));
    return fitted.length < o.columns ? fitted : `${fitted.slice(0, Math.max(0, o.columns - 2))}…`;
  };

  return {
    update(s) {
      if (o.isTTY) {
        const t = o.now();
        if (t - lastDraw < 100) return;
        lastDraw = t;
        o.write(`${CLEAR_LINE}${line(s)}`);
        return;
      }
      const decile = o.total === 0 ? 10 : Math.floor(((s.done + s.failed) * 10) / o.total);
      if (decile > lastDecile) {
        lastDecile = decile;
        o.write(`${line(s)}\n`);
      }
    },
    finish(s) {
      if (o.isTTY) o.write(`${CLEAR_LINE}${line(s)}\n`);
      else if (lastDecile < 10 || s.done + s.failed < o.total) o.write(`${line(s)}\n`);
    },
    clear() {
      if (o.isTTY) o.write(CLEAR_LINE);
    },
  };
}
