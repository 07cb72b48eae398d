// `cascadeflow ask "<prompt>"`: one query through the full cascade, recorded on the ledger.
import { randomUUID } from 'node:crypto';
import type { AppConfig, TierConfig } from '../../../shared/core/config/schema.ts';
import { PROVIDER_KINDS, STREAMING_MODES, type StreamingMode } from '../../../shared/core/config/schema.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { formatUsd } from '../../../shared/core/pricing/money.ts';
import { numberFlag, parse, UsageError } from './args.ts';
import { openBackend } from './context.ts';
import { unwrap } from './unwrap.ts';
import { everyTier } from '../../../shared/core/config/every-tier.ts';

const ASK_OPTIONS = {
  stream: { type: 'boolean' },
  tiers: { type: 'string' },
  threshold: { type: 'string' },
  domain: { type: 'string' },
  mode: { type: 'string' },
  user: { type: 'string' },
  feature: { type: 'string' },
  'require-verified': { type: 'boolean' },
} as const;

export async function askCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, ASK_OPTIONS);
  const prompt = positionals.join(' ').trim();
  if (!prompt) throw new UsageError('give the prompt, e.g. cascadeflow ask "What is 2+2?"');
  const mode = values.mode;
  if (mode !== undefined && !(STREAMING_MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${STREAMING_MODES.join(', ')}`);
  const threshold = numberFlag('threshold', values.threshold, 0, 1);

  const backend = await openBackend(values, 'cli');
  try {
    const config = unwrap(await backend.call('config.get', {})).config;
    const tiers = values.tiers === undefined ? undefined : parseTiersFlag(values.tiers, config);
    const runId = randomUUID();
    // With --json, stdout is the document: the streamed text goes to stderr.
    const unsubscribe = values.stream ? streamTo(backend.events.subscribe.bind(backend.events), runId, values.json ? process.stderr : process.stdout) : () => {};
    // Ctrl+C stops the run the way Stop does, so what it already cost reaches the ledger (and
    // the budgets); a second Ctrl+C quits at once.
    const stop = (): void => void backend.call('cascade.cancel', { runId });
    process.once('SIGINT', stop);
    const result = await backend
      .call('cascade.run', {
        runId,
        prompt,
        tiers,
        threshold,
        domain: values.domain,
        // stdout is the answer: --stream shows only the answer that is kept, unless --mode says otherwise.
        mode: (mode ?? (values.stream ? 'buffer' : undefined)) as StreamingMode | undefined,
        userId: values.user,
        feature: values.feature,
        requireVerified: values['require-verified'],
      })
      .finally(() => process.off('SIGINT', stop));
    unsubscribe();
    const outcome = unwrap(result);
    if (values.json) process.stdout.write(`${JSON.stringify(jsonOutcome(outcome), null, 2)}\n`);
    else {
      if (!values.stream) process.stdout.write(`${outcome.answer}\n`);
      else process.stdout.write('\n');
      process.stderr.write(`${footer(outcome)}\n`);
    }
    if (outcome.status === 'cancelled') return 130;
    return outcome.status === 'failed' ? 1 : 0;
  } finally {
    await backend.close();
  }
}

/** `--tiers a,b`: configured model names, or `provider/model` for one that is not configured. */
export function parseTiersFlag(flag: string, config: AppConfig): TierConfig[] {
  const known = everyTier(config);
  const tiers = flag.split(',').map((s) => s.trim()).filter(Boolean).map((spec) => {
    const configured = known.find((t) => t.model === spec);
    if (configured) return configured;
    const slash = spec.indexOf('/');
    const provider = slash > 0 ? spec.slice(0, slash) : '';
    if ((PROVIDER_KINDS as readonly string[]).includes(provider)) return { provider, model: spec.slice(slash + 1) } as TierConfig;
    throw new UsageError(`--tiers: "${spec}" is not a configured model; write it as provider/model (providers: ${PROVIDER_KINDS.join(', ')})`);
  });
  if (tiers.length === 0) throw new UsageError('--tiers needs at least one model');
  return tiers;
}

function streamTo(subscribe: (l: (e: { name: string; payload: unknown }) => void) => () => void, runId: string, out: NodeJS.WritableStream): () => void {
  // A reasoning model's thinking goes to stderr, set off from the answer: stdout stays the answer alone.
  let thinking = false;
  return subscribe((e) => {
    if (e.name !== 'cascade.event') return;
    const ev = e.payload as { type: string; runId: string; text?: string; toModel?: string; reason?: string };
    if (ev.runId !== runId) return;
    if (ev.type === 'thinking' && ev.text) {
      if (!thinking) process.stderr.write('[thinking] ');
      thinking = true;
      process.stderr.write(ev.text);
    }
    if (ev.type === 'token' && ev.text) {
      if (thinking) process.stderr.write('\n[answer]\n');
      thinking = false;
      out.write(ev.text);
    }
    if (ev.type === 'escalated') process.stderr.write(`\n[escalated to ${ev.toModel}: ${ev.reason}]\n`);
  });
}

/** The documented --json shape: the outcome plus total usage across all calls. */
export function jsonOutcome(o: CascadeOutcome) {
  const usage = o.attempts.reduce(
    (u, a) => ({ inputTokens: u.inputTokens + a.usage.inputTokens, outputTokens: u.outputTokens + a.usage.outputTokens, cachedInputTokens: u.cachedInputTokens + a.usage.cachedInputTokens, estimated: u.estimated || a.usage.estimated }),
    { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, estimated: false },
  );
  return { ...o, usage };
}

function footer(o: CascadeOutcome): string {
  // A run without an answer names no answering model and claims no saving, as in the chat.
  const answered = o.status !== 'failed' && o.status !== 'cancelled';
  const who = answered ? `${o.model} (${o.provider}, tier ${o.tier + 1})` : 'no answer';
  const cost = formatUsd(o.costNanoUsd);
  const saved =
    o.savingsUsd === null || !answered
      ? ''
      : ` · ${o.savingsUsd >= 0 ? 'saved' : 'cost'} ${formatUsd(Math.abs(o.savingsUsd) * 1e9)} vs ${o.routing.tierModels[o.routing.tierModels.length - 1]}${o.baselineEstimated ? ' (est.)' : ''}`;
  const status = o.status === 'ok' ? '' : ` · ${o.status}${o.error ? `: ${o.error.message}` : ''}`;
  return `— ${who} · ${cost}${saved} · ${o.latencyMs} ms${status}\n  ${o.decision}`;
}
