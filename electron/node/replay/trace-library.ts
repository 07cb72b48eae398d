// The traces the app's Replay view can run: the bundled examples (examples/traces) and the ones
// the user imported, kept as JSONL under <dataDir>/traces/ with a small sidecar naming them.
// Parsed traces are cached by file size and modification time: a sweep after a sweep re-reads nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result.ts';
import { gsm8kTraceFromCsv } from '../../../shared/core/replay/importers/gsm8k.ts';
import { ImportFormatError } from '../../../shared/core/replay/importers/errors.ts';
import { answerCounts, categoriesOf, traceMetricOf, type ReplayTraceInfo, type ReplayTraceModel, type UnreadableTrace } from '../../../shared/core/replay/library.ts';
import { modelsDeclaredLocal, ReplayInputError, resolveReplayTier, withDeclaredLocal, type ReplayPricingOptions } from '../../../shared/core/replay/replay-pricing.ts';
import { parseTrace, readTraceText, toJsonl, TraceFormatError, type TraceIssue, type TraceLine } from '../../../shared/core/replay/trace.ts';
import { counted } from '../../../shared/core/words.ts';
import { writeAtomically } from '../write-atomically.ts';

export const IMPORT_KINDS = ['routellm-gsm8k', 'trace'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

interface BundledTrace {
  id: string;
  file: string;
  name: string;
  description: string;
}

// In the order Replay lists them, and it opens on the first: MT-Bench, whose 160 queries sweep in
// a moment (GSM8K has 1,319).
const BUNDLED: readonly BundledTrace[] = [
  {
    id: 'bundled:mtbench',
    file: 'mtbench.jsonl',
    name: 'MT-Bench conversations (RouteLLM)',
    description: 'Two-turn open questions (writing, coding, reasoning...) answered by Mixtral 8x7B and GPT-4 Turbo; each answer graded 1-10 by a GPT-4 judge.',
  },
  {
    id: 'bundled:gsm8k',
    file: 'gsm8k.jsonl',
    name: 'GSM8K math (RouteLLM)',
    description: 'Grade-school math word problems answered by Mixtral 8x7B and GPT-4 Turbo; each final answer marked right or wrong.',
  },
];

/**
 * The bundled example traces: CASCADEFLOW_TRACES_DIR (the packaged app points it at its
 * resources/traces), else examples/traces of this checkout; null when neither exists.
 */
export function defaultBundledDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CASCADEFLOW_TRACES_DIR) return existsSync(env.CASCADEFLOW_TRACES_DIR) ? env.CASCADEFLOW_TRACES_DIR : null;
  try {
    const dir = fileURLToPath(new URL('../../../examples/traces/', import.meta.url));
    return existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

/** <name>.json next to an imported trace: what the list shows. */
const sidecarSchema = z.object({ name: z.string(), kind: z.enum(IMPORT_KINDS), importedAt: z.number() });
type Sidecar = z.infer<typeof sidecarSchema>;

interface Entry {
  id: string;
  path: string;
  name: string;
  description: string;
  source: ReplayTraceInfo['source'];
  importedAt: number | null;
}

interface Parsed {
  stamp: string;
  lines: TraceLine[];
}

export interface TraceLibrary {
  /** Every trace that can be read, and apart those that cannot (one bad file never hides the rest). */
  list(pricing: ReplayPricingOptions): { traces: ReplayTraceInfo[]; unreadable: UnreadableTrace[] };
  /** The parsed trace; ApiFailure not_found for an unknown id. */
  lines(id: string): TraceLine[];
  info(id: string, pricing: ReplayPricingOptions): ReplayTraceInfo;
  /** Validates and stores a trace; the same content imported twice is one trace. */
  import(kind: ImportKind, content: string, name: string | undefined, now: number, pricing: ReplayPricingOptions): ReplayTraceInfo;
}

export interface TraceLibraryOptions {
  dataDir: string;
  bundledDir: string | null;
}

const ID_PREFIX = 'imported:';
const FILE_NAME = /^([a-z0-9-]{1,60})\.jsonl$/;

function issuesText(issues: readonly TraceIssue[]): string {
  const shown = issues.slice(0, 10).map((i) => `line ${i.line}: ${i.message}`);
  return [...shown, ...(issues.length > 10 ? [`...and ${issues.length - 10} more`] : [])].join('; ');
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'trace'
  );
}

function priceOf(model: string, allCosted: boolean, pricing: ReplayPricingOptions): Pick<ReplayTraceModel, 'priced' | 'price'> {
  try {
    const r = resolveReplayTier(model, pricing, !allCosted);
    return { priced: true, price: r.description };
  } catch (e) {
    if (e instanceof ReplayInputError) return { priced: false, price: 'price unknown' };
    throw e;
  }
}

export function createTraceLibrary(opts: TraceLibraryOptions): TraceLibrary {
  const dir = join(opts.dataDir, 'traces');
  const cache = new Map<string, Parsed>();

  const entries = (): Entry[] => {
    const out: Entry[] = [];
    if (opts.bundledDir) {
      for (const b of BUNDLED) {
        const path = join(opts.bundledDir, b.file);
        if (existsSync(path)) out.push({ id: b.id, path, name: b.name, description: b.description, source: 'bundled', importedAt: null });
      }
    }
    if (existsSync(dir)) {
      for (const file of readdirSync(dir).sort()) {
        const m = FILE_NAME.exec(file);
        if (!m?.[1]) continue;
        const sidecar = readSidecar(join(dir, `${m[1]}.json`));
        out.push({
          id: `${ID_PREFIX}${m[1]}`,
          path: join(dir, file),
          name: sidecar?.name ?? m[1],
          description: sidecar?.kind === 'routellm-gsm8k' ? 'Imported from a RouteLLM GSM8K CSV.' : 'Imported trace.',
          source: 'imported',
          importedAt: sidecar?.importedAt ?? null,
        });
      }
    }
    return out;
  };

  const entry = (id: string): Entry => {
    const e = entries().find((x) => x.id === id);
    if (!e) throw new ApiFailure('not_found', `No trace with id ${id}.`, { fields: ['traceId'] });
    return e;
  };

  const parsed = (e: Entry): TraceLine[] => {
    const st = statSync(e.path);
    const stamp = `${st.size}:${st.mtimeMs}`;
    const hit = cache.get(e.path);
    if (hit && hit.stamp === stamp) return hit.lines;
    let lines: TraceLine[];
    try {
      lines = readTraceText(readFileSync(e.path, 'utf8'), e.name);
    } catch (err) {
      if (err instanceof TraceFormatError) throw new ApiFailure('invalid_input', err.message, { issues: err.issues.slice(0, 50) });
      throw err;
    }
    cache.set(e.path, { stamp, lines });
    return lines;
  };

  const infoOf = (e: Entry, pricing: ReplayPricingOptions): ReplayTraceInfo => {
    const lines = parsed(e);
    const recordedLocal = modelsDeclaredLocal(lines);
    const priced = withDeclaredLocal(pricing, recordedLocal);
    return {
      id: e.id,
      name: e.name,
      source: e.source,
      description: e.description,
      queries: lines.length,
      metric: traceMetricOf(lines),
      models: answerCounts(lines).map((c) => ({ model: c.model, answers: c.answers, ...priceOf(c.model, c.allCosted, priced), recordedLocal: recordedLocal.includes(c.model), samples: c.samples })),
      categories: categoriesOf(lines),
      importedAt: e.importedAt,
    };
  };

  return {
    list(pricing) {
      const traces: ReplayTraceInfo[] = [];
      const unreadable: UnreadableTrace[] = [];
      for (const e of entries()) {
        try {
          traces.push(infoOf(e, pricing));
        } catch (err) {
          unreadable.push({ id: e.id, name: e.name, file: e.path, problem: err instanceof Error ? err.message : String(err) });
        }
      }
      return { traces, unreadable };
    },
    lines: (id) => parsed(entry(id)),
    info: (id, pricing) => infoOf(entry(id), pricing),
    import(kind, content, name, now, pricing) {
      const items = (() => {
        try {
          if (kind === 'routellm-gsm8k') return gsm8kTraceFromCsv(content);
          const { items: lines, issues } = parseTrace(content);
          const bad = new Set(issues.map((i) => i.line)).size;
          if (bad > 0) throw new ApiFailure('invalid_input', `The trace has ${counted(bad, 'bad line')}: ${issuesText(issues)}`, { issues: issues.slice(0, 50) });
          return lines.map((l) => l.item);
        } catch (e) {
          if (e instanceof ImportFormatError) throw new ApiFailure('invalid_input', `The GSM8K CSV cannot be imported: ${e.message}`, { fields: ['content'] });
          throw e;
        }
      })();
      if (items.length === 0) throw new ApiFailure('invalid_input', 'The file has no queries.', { fields: ['content'] });
      const title = name?.trim() || (kind === 'routellm-gsm8k' ? 'GSM8K import' : 'Imported trace');
      const key = `${slug(title)}-${createHash('sha256').update(kind).update('\0').update(content).digest('hex').slice(0, 8)}`;
      mkdirSync(dir, { recursive: true });
      writeAtomically(join(dir, `${key}.jsonl`), toJsonl(items));
      writeAtomically(join(dir, `${key}.json`), `${JSON.stringify({ name: title, kind, importedAt: now } satisfies Sidecar)}\n`);
      return infoOf(entry(`${ID_PREFIX}${key}`), pricing);
    },
  };
}

function readSidecar(path: string): Sidecar | null {
  try {
    const r = sidecarSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return r.success ? r.data : null;
  } catch {
    // A missing or damaged sidecar only loses the display name.
    return null;
  }
}
