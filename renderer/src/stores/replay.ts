// The Replay view's state: the traces, the chosen drafter and verifier (and how unpriced models
// are priced, and how many answers the drafter draws), the running sweep with its progress, its
// report, and applying a threshold.
import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/result.ts';
import type { ReplayReport } from '../../../shared/core/replay/analyze.ts';
import type { ReplayTraceInfo, ReplayTraceModel, UnreadableTrace } from '../../../shared/core/replay/library.ts';
import { api } from '../api/instance.ts';
import { defaultTiers } from '../features/replay/curve.ts';
import { MAX_SAMPLES } from '../../../shared/core/cascade/sampling.ts';
import type { LoadStatus } from './conversations-store.ts';

/** How a model without a known price, or one recorded running locally, is priced in the replay. */
export type ModelPricing = { mode: 'local' } | { mode: 'price'; input: string; output: string };

export type ImportKind = 'trace' | 'routellm-gsm8k';

export interface ReplayProgress {
  runId: string;
  done: number;
  total: number;
}

interface ReplayState {
  traces: ReplayTraceInfo[] | null;
  /** Traces in the data folder that cannot be read: named, so they can be fixed or deleted. */
  unreadable: UnreadableTrace[];
  tracesStatus: LoadStatus;
  tracesError: ApiError | null;
  traceId: string | null;
  drafter: string | null;
  verifier: string | null;
  pricing: Record<string, ModelPricing>;
  /** Answers the drafter draws per query for the consistency check; 1 = the draft alone. */
  samples: number;
  running: ReplayProgress | null;
  report: ReplayReport | null;
  /** What the report was run on (the choices may have changed since). */
  reportOf: { traceId: string; drafter: string; verifier: string } | null;
  runError: ApiError | null;
  /** Share of the verifier's quality to keep; picks the recommended threshold. */
  target: number;
  /** The threshold whose point is shown and applied; null = the recommended one. */
  picked: number | null;
  importing: boolean;
  importError: ApiError | null;
  applying: boolean;
  applied: { threshold: number; notes: string[]; drafter: { model: string; samples: number } | null } | null;
  applyError: ApiError | null;

  loadTraces(): Promise<void>;
  selectTrace(id: string): void;
  setDrafter(model: string): void;
  setVerifier(model: string): void;
  setPricing(model: string, pricing: ModelPricing): void;
  setSamples(samples: number): void;
  setTarget(target: number): void;
  pick(threshold: number | null): void;
  run(): Promise<void>;
  importTrace(kind: ImportKind, content: string, name?: string): Promise<boolean>;
  /** Shows why a file is not sent at all (too big to import). */
  refuseImport(message: string): void;
  apply(threshold: number): Promise<void>;
}

/** The user picks how these are priced: electricity on this machine or a price per token. */
export function needsPricingChoice(m: ReplayTraceModel): boolean {
  return !m.priced || m.recordedLocal;
}

/**
 * The choice made until the user makes one: electricity for a model the trace recorded running
 * locally; none for a model whose price is merely unknown, since guessing "local" would price a
 * cloud model by electricity and show a saving that is not there (the CLI asks for it too).
 */
export function defaultPricing(m: Pick<ReplayTraceModel, 'recordedLocal'>): ModelPricing | undefined {
  return m.recordedLocal ? { mode: 'local' } : undefined;
}

/**
 * The most answers per query a replay with this drafter can draw: the draft and the extra
 * answers recorded with every one of its answers. 1 = no consistency check to offer.
 */
export function drawableSamples(trace: ReplayTraceInfo | undefined, drafter: string | null): number {
  const recorded = trace?.models.find((m) => m.model === drafter)?.samples ?? 0;
  return Math.min(MAX_SAMPLES, 1 + recorded);
}

/** The trace's entries for the drafter and the verifier picked, in that order. */
export function cascadeModels(trace: ReplayTraceInfo, drafter: string | null, verifier: string | null): ReplayTraceModel[] {
  return [drafter, verifier].map((m) => trace.models.find((x) => x.model === m)).filter((m): m is ReplayTraceModel => m !== undefined);
}

/** The price inputs as numbers, or a message for the first bad one. */
export function pricesOf(models: readonly ReplayTraceModel[], pricing: Record<string, ModelPricing>): { local: string[]; prices: Record<string, { inputPerMTok: number; outputPerMTok: number }> } | { error: string } {
  const local: string[] = [];
  const prices: Record<string, { inputPerMTok: number; outputPerMTok: number }> = {};
  for (const model of models) {
    if (!needsPricingChoice(model)) continue;
    const m = model.model;
    const p = pricing[m] ?? defaultPricing(model);
    if (p === undefined) return { error: `${m} has no known price: choose whether it runs on this machine or give its price per million tokens.` };
    if (p.mode === 'local') {
      local.push(m);
      continue;
    }
    const input = Number(p.input);
    const output = Number(p.output);
    if (p.input.trim() === '' || p.output.trim() === '' || !Number.isFinite(input) || !Number.isFinite(output) || input < 0 || output < 0) {
      return { error: `Give ${m} a price in USD per million input and output tokens (numbers, 0 or more).` };
    }
    prices[m] = { inputPerMTok: input, outputPerMTok: output };
  }
  return { local, prices };
}

let runSeq = 0;

const newRunId = (): string => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `replay-${Date.now()}-${Math.random().toString(36).slice(2)}`);

export const useReplayStore = create<ReplayState>()((set, get) => ({
  traces: null,
  unreadable: [],
  tracesStatus: 'idle',
  tracesError: null,
  traceId: null,
  drafter: null,
  verifier: null,
  pricing: {},
  samples: 1,
  running: null,
  report: null,
  reportOf: null,
  runError: null,
  target: 0.95,
  picked: null,
  importing: false,
  importError: null,
  applying: false,
  applied: null,
  applyError: null,

  async loadTraces() {
    set({ tracesStatus: get().traces ? 'ready' : 'loading' });
    const r = await api().call('replay.traces', {});
    if (!r.ok) return set({ tracesStatus: 'error', tracesError: r.error });
    const traces = r.value.traces;
    set({ traces, unreadable: r.value.unreadable, tracesStatus: 'ready', tracesError: null });
    const current = get().traceId;
    if (current === null || !traces.some((t) => t.id === current)) {
      // The first listed, as the list shows it (the server puts the one to start with first).
      const [first] = traces;
      if (first) get().selectTrace(first.id);
    }
  },

  selectTrace(id) {
    const trace = get().traces?.find((t) => t.id === id);
    if (!trace) return;
    const { drafter, verifier } = defaultTiers(trace);
    set({ traceId: id, drafter, verifier, samples: 1, runError: null, applied: null, applyError: null });
  },

  setDrafter(model) {
    set({ drafter: model, ...(get().verifier === model ? { verifier: get().drafter } : {}) });
    // Within what the new drafter recorded.
    get().setSamples(get().samples);
  },

  setVerifier(model) {
    set({ verifier: model, ...(get().drafter === model ? { drafter: get().verifier } : {}) });
    // Within what the new drafter recorded.
    get().setSamples(get().samples);
  },

  setSamples(samples) {
    const { traces, traceId, drafter } = get();
    set({ samples: Math.max(1, Math.min(samples, drawableSamples(traces?.find((t) => t.id === traceId), drafter))) });
  },

  setPricing(model, pricing) {
    set({ pricing: { ...get().pricing, [model]: pricing } });
  },

  setTarget(target) {
    set({ target, picked: null, applied: null });
  },

  pick(threshold) {
    set({ picked: threshold, applied: null });
  },

  async run() {
    const { traceId, drafter, verifier, traces, pricing, samples } = get();
    const trace = traces?.find((t) => t.id === traceId);
    if (!trace || !traceId || !drafter || !verifier) return;
    const priced = pricesOf(cascadeModels(trace, drafter, verifier), pricing);
    if ('error' in priced) return set({ runError: { code: 'invalid_input', message: priced.error } });

    const seq = ++runSeq;
    const runId = newRunId();
    set({ running: { runId, done: 0, total: trace.queries }, runError: null, applied: null, applyError: null });
    // Subscribe before asking: the first progress event may arrive before the call returns.
    const off = api().on('replay.progress', (p) => {
      if (p.runId === runId && seq === runSeq) set({ running: { runId, done: p.done, total: p.total } });
    });
    try {
      const r = await api().call('replay.run', {
        runId,
        traceId,
        tiers: [drafter, verifier],
        sweep: true,
        ...(priced.local.length > 0 ? { local: priced.local } : {}),
        ...(Object.keys(priced.prices).length > 0 ? { prices: priced.prices } : {}),
        ...(samples > 1 ? { samples } : {}),
      });
      if (seq !== runSeq) return;
      if (!r.ok) return set({ running: null, runError: r.error });
      set({ running: null, report: r.value, reportOf: { traceId, drafter, verifier }, picked: null });
    } finally {
      off();
    }
  },

  async importTrace(kind, content, name) {
    set({ importing: true, importError: null });
    const r = await api().call('replay.import', { kind, content, ...(name?.trim() ? { name: name.trim() } : {}) });
    if (!r.ok) {
      set({ importing: false, importError: r.error });
      return false;
    }
    set({ importing: false });
    await get().loadTraces();
    get().selectTrace(r.value.id);
    return true;
  },

  refuseImport(message) {
    set({ importError: { code: 'invalid_input', message, details: { fields: ['content'] } } });
  },

  async apply(threshold) {
    // The live drafter draws what the measured one drew. A replay of one answer leaves it as set:
    // that is also all a trace without samples can measure.
    const samples = get().report?.samples ?? 1;
    set({ applying: true, applyError: null });
    const r = await api().call('replay.apply', { threshold, ...(samples > 1 ? { samples } : {}) });
    if (!r.ok) return set({ applying: false, applyError: r.error });
    const [first, ...rest] = r.value.config.tiers;
    const drafter = samples > 1 && first && rest.length > 0 ? { model: first.model, samples: first.samples ?? 1 } : null;
    set({ applying: false, applied: { threshold: r.value.config.quality.threshold, notes: r.value.notes, drafter } });
  },
}));

