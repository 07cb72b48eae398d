// replay.*: the Replay view. Lists and imports traces, runs a sweep with progress events, and
// writes a chosen threshold (and the drafter's samples) into the live configuration.
import { ApiFailure } from '../../../shared/api/result.ts';
import { applyThreshold } from '../../../shared/core/replay/apply-threshold.ts';
import { meant, ReplayInputError } from '../../../shared/core/replay/replay-pricing.ts';
import { defaultBundledDir, createTraceLibrary } from '../replay/trace-library.ts';
import { configPricing, runTraceReplay } from '../replay/run-trace.ts';
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';

type ReplayHandlers = Pick<ApiHandlers, 'replay.traces' | 'replay.import' | 'replay.run' | 'replay.apply'>;

/** The core words its errors for the CLI's flags; the view has fields instead. */
function inputFailure(e: ReplayInputError): ApiFailure {
  const p = e.problem;
  if (p?.field === 'prices') {
    return new ApiFailure('invalid_input', `No price is known for ${p.model}${meant(p.suggestions)}: give it a price (USD per 1M tokens) or mark it as running locally.`, { fields: ['prices'], model: p.model });
  }
  if (p?.field === 'samples') {
    return new ApiFailure(
      'invalid_input',
      `Drawing ${p.samples} answers per query (samples) needs ${p.extra} extra answers of ${p.drafters.join(', ')} recorded with each query, and no query of this trace has them: record them with \`cascadeflow record --samples ${p.samples}\`, or draw fewer.`,
      { fields: ['samples'], samples: p.samples },
    );
  }
  return new ApiFailure('invalid_input', e.message, { fields: ['tiers'] });
}

/**
 * The config's refusal says what to do on the Settings page ("load them again, or save yours
 * over them"), which Replay has no buttons for: said here with what Replay can do.
 */
function applyConflict(e: ApiFailure): ApiFailure {
  const problem = e.details?.['problem'];
  const message =
    typeof problem === 'string'
      ? `The threshold was not applied: the saved settings can no longer be read (${problem}). Fix them (or save them again in Models & Settings), then use the threshold again.`
      : 'The threshold was not applied: the saved settings changed while it was written. Use the threshold again.';
  return new ApiFailure('conflict', message, e.details);
}

/** Gives the event loop a turn so a transport can send the progress event just emitted. */
const yieldToTransport = () => new Promise<void>((resolve) => setImmediate(resolve));

export function replayHandlers(s: Services): ReplayHandlers {
  const library = createTraceLibrary({ dataDir: s.info.dataDir, bundledDir: defaultBundledDir() });

  return {
    'replay.traces': () => library.list(configPricing(s.config.get())),

    'replay.import': ({ kind, content, name }) => library.import(kind, content, name, s.clock.now(), configPricing(s.config.get())),

    'replay.run': async (input) => {
      const lines = library.lines(input.traceId);
      const runId = input.runId ?? s.ids.next();
      try {
        return await runTraceReplay(lines, {
          config: s.config.get(),
          tiers: input.tiers,
          sweep: input.sweep === true,
          ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
          ...(input.targetQuality !== undefined ? { targetQuality: input.targetQuality } : {}),
          ...(input.prices ? { prices: input.prices } : {}),
          ...(input.local ? { local: input.local } : {}),
          ...(input.samples !== undefined ? { samples: input.samples } : {}),
          onProgress: async (done, total) => {
            s.events.emit('replay.progress', { runId, done, total });
            await yieldToTransport();
          },
        });
      } catch (e) {
        if (e instanceof ReplayInputError) throw inputFailure(e);
        throw e;
      }
    },

    'replay.apply': ({ threshold, tiers, samples }) => {
      // Onto the config as stored now (a hand edit of the file, another process's save): a file
      // broken by hand is refused, not replaced.
      const applied = (() => {
        try {
          return s.config.update((stored) => applyThreshold(stored, threshold, { ...(tiers ? { tiers } : {}), ...(samples !== undefined ? { samples } : {}) }));
        } catch (e) {
          throw e instanceof ApiFailure && e.code === 'conflict' ? applyConflict(e) : e;
        }
      })();
      s.events.emit('config.changed', {});
      return { config: s.config.get(), notes: applied.notes };
    },
  };
}
