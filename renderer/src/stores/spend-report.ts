// The Reports page: report.get for the last day, week or month.
import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/result.ts';
import type { CostReport, ReportPeriod } from '../../../shared/core/monitoring/report.ts';
import { api } from '../api/instance.ts';
import type { LoadStatus } from './conversations-store.ts';

interface ReportState {
  period: ReportPeriod;
  report: CostReport | null;
  status: LoadStatus;
  error: ApiError | null;
  setPeriod(period: ReportPeriod): void;
  load(): Promise<void>;
}

export const REPORT_TOP = 10;
let seq = 0;

export const useReportStore = create<ReportState>()((set, get) => ({
  period: 'week',
  report: null,
  status: 'idle',
  error: null,

  setPeriod(period) {
    set({ period });
    void get().load();
  },

  async load() {
    const mine = ++seq;
    const { period } = get();
    set({ status: get().report?.period === period ? 'ready' : 'loading' });
    const r = await api().call('report.get', { period, top: REPORT_TOP });
    if (mine !== seq) return;
    set(r.ok ? { report: r.value, status: 'ready', error: null } : { status: 'error', error: r.error });
  },
}));
