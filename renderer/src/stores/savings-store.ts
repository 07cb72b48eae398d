// Everything the Savings view shows for the selected range, fetched together.
import { create } from 'zustand';
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
  exportLedger(format: 'csv' | 'json'): Promise<{ filename: string; mimeType: string; content: string } | ApiError>;
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
      },
    });
  },

  async exportLedger(format) {
    const r = await api().call('ledger.export', { range: get().range, format });
    return r.ok ? { filename: r.value.filename, mimeType: r.value.mimeType, content: r.value.content } : r.error;
  },
}));
