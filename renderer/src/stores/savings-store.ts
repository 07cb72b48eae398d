// Everything the Savings view shows for the selected range, fetched together.
import { create } from 'zustand';
import type { DownloadOutcome, LedgerExtent } from '../../../shared/api/contract.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import type { DailyPoint, LedgerSummary, ModelCost, TagCost, TimeRange, TopQuery } from '../../../shared/core/ledger/types.ts';
import { api } from '../api/instance.ts';
import { customRange, formatDay, presetRange, type CustomDates, type RangePreset } from '../features/savings/range.ts';
import type { LoadStatus } from './conversations-store.ts';

export interface SavingsData {
  summary: LedgerSummary;
  daily: DailyPoint[];
  byModel: ModelCost[];
  topQueries: TopQuery[];
  byUser: TagCost[];
  byFeature: TagCost[];
  /** The whole ledger's bounds, asked only when the range is empty: where the data is instead. */
  extent: LedgerExtent | null;
}

interface SavingsState {
  preset: RangePreset;
  custom: CustomDates;
  range: TimeRange;
  rangeError: string | null;
  data: SavingsData | null;
  status: LoadStatus;
  error: ApiError | null;
  setPreset(preset: RangePreset): void;
  setCustom(custom: CustomDates): void;
  load(): Promise<void>;
  /** Prepares the range's export, then hands it to the transport's download. */
  exportLedger(format: 'csv' | 'json'): Promise<LedgerExportOutcome | ApiError>;
}

export interface LedgerExportOutcome {
  filename: string;
  /** Queries in the range when the export was prepared. */
  rows: number;
  outcome: DownloadOutcome;
}

const now = Date.now();
let loadSeq = 0;

export const useSavingsStore = create<SavingsState>()((set, get) => ({
  preset: '30d',
  custom: { from: formatDay(presetRange('30d', now).from), to: formatDay(now) },
  range: presetRange('30d', now),
  rangeError: null,
  data: null,
  status: 'idle',
  error: null,

  setPreset(preset) {
    if (preset === 'custom') {
      const r = customRange(get().custom);
      set(r.ok ? { preset, range: r.range, rangeError: null } : { preset, rangeError: r.message });
    } else {
      set({ preset, range: presetRange(preset, Date.now()), rangeError: null });
    }
    if (get().rangeError === null) void get().load();
  },

  setCustom(custom) {
    const r = customRange(custom);
    set(r.ok ? { custom, preset: 'custom', range: r.range, rangeError: null } : { custom, preset: 'custom', rangeError: r.message });
    if (r.ok) void get().load();
  },

  async load() {
    const seq = ++loadSeq;
    const { preset } = get();
    // Presets slide with the clock: "today" opened yesterday evening means today now.
    const range = preset === 'custom' ? get().range : presetRange(preset, Date.now());
    set({ range, status: get().data ? 'ready' : 'loading' });
    const a = api();
    const [summary, daily, byModel, top, byUser, byFeature] = await Promise.all([
      a.call('ledger.summary', { range }),
      a.call('ledger.daily', { range }),
      a.call('ledger.byModel', { range }),
      a.call('ledger.topQueries', { range, limit: 10 }),
      a.call('ledger.byTag', { range, tag: 'user' }),
      a.call('ledger.byTag', { range, tag: 'feature' }),
    ]);
    if (seq !== loadSeq) return;
    if (!summary.ok) return set({ status: 'error', error: summary.error });
    if (!daily.ok) return set({ status: 'error', error: daily.error });
    if (!byModel.ok) return set({ status: 'error', error: byModel.error });
    if (!top.ok) return set({ status: 'error', error: top.error });
    if (!byUser.ok) return set({ status: 'error', error: byUser.error });
    if (!byFeature.ok) return set({ status: 'error', error: byFeature.error });
    let extent: LedgerExtent | null = null;
    if (summary.value.queries === 0) {
      const bounds = await a.call('ledger.extent', {});
      if (seq !== loadSeq) return;
      if (!bounds.ok) return set({ status: 'error', error: bounds.error });
      extent = bounds.value;
    }
    set({
      status: 'ready',
      error: null,
      data: {
        summary: summary.value,
        daily: daily.value.points,
        byModel: byModel.value.models,
        topQueries: top.value.queries,
        byUser: byUser.value.tags,
        byFeature: byFeature.value.tags,
        extent,
      },
    });
  },

  async exportLedger(format) {
    const a = api();
    const { range } = get();
    // The file is named by the days the user picked, in their time zone (the range ends at the next midnight).
    const days = { first: formatDay(range.from), last: formatDay(range.to - 1) };
    const prepared = await a.call('ledger.prepareExport', { range, format, days });
    if (!prepared.ok) return prepared.error;
    const downloaded = await a.download(prepared.value);
    return downloaded.ok ? { filename: prepared.value.filename, rows: prepared.value.rows, outcome: downloaded.value } : downloaded.error;
  },
}));
