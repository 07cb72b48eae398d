// cascade.run / cancel / active / estimate and feedback: thin glue between the API, the engine, the
// conversation history and the ledger. The run's rows are written in one transaction.
import { ApiFailure } from '../../../shared/api/result.ts';
import type { CascadeEvent, CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import type { QueryRecord } from '../../../shared/core/ledger/types.ts';
import { CACHE_HIT_FINISH_REASON } from '../../../shared/core/cache/entry.ts';
import type { Admission } from '../budget/budget-guard.ts';
import { isLocalTier, toQueryRecord } from '../../../shared/core/cascade/ledger-record.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/context.ts';
import type { ChatMessage } from '../../../shared/core/model.ts';
import { answersPerQuery } from '../../../shared/core/cascade/sampling.ts';
import { withInstructions } from '../../../shared/core/cascade/instructions.ts';
import { estimateCostNano } from '../../../shared/core/pricing/index.ts';
import { nanoToUsd } from '../../../shared/core/pricing/money.ts';
import { contextWindowOf, estimateChatTokens } from '../../../shared/core/tokens/estimate.ts';
import type { Services } from '../services.ts';
import { describeStorageProblem, isPassingStorageProblem, storageProblemOf } from '../sqlite/storage-failure.ts';
import type { ApiHandlers } from './types.ts';

type CascadeHandlers = Pick<ApiHandlers, 'cascade.run' | 'cascade.cancel' | 'cascade.active' | 'cascade.estimate' | 'feedback.set'>;
type RunInput = Parameters<ApiHandlers['cascade.run']>[0];

export const RUN_IN_PROGRESS = 'An answer is still being written in this conversation: stop it or wait for it to finish, then send again.';

export function cascadeHandlers(s: Services): CascadeHandlers {
  /**
   * The messages sent to the models; appends the new user message to the history first (its id
   * is `userMessageId`, so a page opened mid-answer knows the question is already on screen).
   */
  function conversationMessages(input: RunInput): { messages: ChatMessage[]; prompt: string; userMessageId: string | null } {
    if (!input.conversationId) {
      const messages: ChatMessage[] = [...(input.messages ?? [])];
      if (input.prompt !== undefined) messages.push({ role: 'user', content: input.prompt });
      return { messages, prompt: input.prompt ?? lastUser(messages), userMessageId: null };
    }
    // An answer of this conversation the database refused earlier goes in before this question,
    // and is part of the history sent (pending-ledger-writes.ts).
    s.pendingWrites.flush();
    // The store refuses an unknown conversation with not_found before anything is written.
    s.conversations.history(input.conversationId);
    let userMessageId: string | null = null;
    if (input.prompt !== undefined && !input.regenerate) {
      userMessageId = s.conversations.appendMessage({ conversationId: input.conversationId, role: 'user', content: input.prompt }).id;
    }
    const messages = [...s.conversations.history(input.conversationId), ...(input.messages ?? [])];
    if (lastUserIndex(messages) < 0) throw new ApiFailure('invalid_input', 'The conversation has no user message to answer.', { fields: ['prompt'] });
    // A retry answers the last user message again: drop answers given after it.
    const upto = lastUserIndex(messages);
    const trimmed = messages.slice(0, upto + 1);
    return { messages: trimmed, prompt: lastUser(trimmed), userMessageId };
  }

  function record(outcome: CascadeOutcome, input: RunInput, prompt: string, createdAt: number, tiers: ReturnType<Services['config']['get']>['tiers'], settle?: () => void) {
    const row = toQueryRecord(outcome, { createdAt, prompt, userId: input.userId ?? null, feature: input.feature ?? null, tiers });
    if (outcome.cache) markCacheHit(row);
    const write = s.db.transaction(() => {
      s.ledger.recordQuery(row);
      // The run's actual cost is now on the ledger: its budget reservation goes in the same commit.
      settle?.();
      if (input.conversationId) {
        try {
          s.conversations.appendMessage({ conversationId: input.conversationId, role: 'assistant', content: outcome.answer, queryId: outcome.queryId, outcome });
        } catch (e) {
          // The conversation was deleted for good while the answer was written: the answer has
          // nowhere to go, but what it cost stays on the ledger (failing here would roll it back).
          if (!(e instanceof ApiFailure && e.code === 'not_found')) throw e;
        }
      }
    });
    const landed = () => {
      s.monitoring.onQueryRecorded(row);
      s.events.emit('ledger.changed', { queryId: outcome.queryId });
      if (input.conversationId) s.events.emit('conversations.changed', { conversationId: input.conversationId });
    };
    try {
      s.pendingWrites.run({ write: () => write(), landed });
    } catch (e) {
      const problem = storageProblemOf(e);
      if (problem === null || !isPassingStorageProblem(problem)) throw e;
      // The answer was paid for and is kept (pending-ledger-writes.ts): say so, and why it is not saved.
      throw new ApiFailure(
        'internal',
        `This answer is not saved yet. ${describeStorageProblem(problem, s.info.dbPath)} The app keeps the answer and saves it, with its cost, as soon as the database can be written again (while the app keeps running).`,
        { storage: problem, queryId: outcome.queryId, kept: true },
      );
    }
  }

  return {
    'cascade.run': async (input) => {
      const config = s.config.get();
      const runId = input.runId ?? s.ids.next();
      if (s.liveRuns.has(runId)) throw new ApiFailure('conflict', `A run with id ${runId} is already in progress.`, { fields: ['runId'] });
      // Two answers written at once into one conversation would interleave (two windows, a
      // reloaded page): checked before the question is saved, in the same tick as registering.
      const answering = input.conversationId ? s.liveRuns.runningIn(input.conversationId) : null;
      if (answering) throw new ApiFailure('conflict', RUN_IN_PROGRESS, { fields: ['conversationId'], runId: answering });
      const createdAt = s.clock.now();
      const { messages, prompt, userMessageId } = conversationMessages(input);
      const controller = new AbortController();
      s.liveRuns.start(
        { runId, conversationId: input.conversationId ?? null, prompt, userMessageId, startedAt: createdAt, forceTop: input.forceTop ?? false, regenerate: input.regenerate ?? false },
        controller,
      );
      if (input.conversationId) s.events.emit('conversations.changed', { conversationId: input.conversationId });
      const work = (async () => {
        let admission: Admission | null = null;
        try {
          const onEvent = (e: CascadeEvent) => s.events.emit('cascade.event', s.liveRuns.record(e));
          const request = { ...input, runId, messages: withInstructions(messages, config.instructions), conversationId: input.conversationId };
          // A retry asks for a new answer: it skips the lookup (its answer may still be stored).
          const probe = s.responseCache.probe(request, config);
          const hit = probe && !input.regenerate ? await s.responseCache.serve(probe, request, config, onEvent) : null;
          if (probe && hit) {
            record(hit, input, prompt, createdAt, probe.plan.tiers);
            return hit;
          }
          // A hit costs nothing, so only a run that may call a model is held to the budgets.
          admission = s.budget.admit(request, config, createdAt);
          const runRequest = { ...request, ...admission.overrides };
          const outcome = await s.engine.run(runRequest, { config, signal: controller.signal, onEvent });
          const tiers = runRequest.tiers ?? (config.domains[outcome.domain]?.tiers ?? config.tiers);
          try {
            record(outcome, input, prompt, createdAt, tiers, admission.settle);
          } catch (e) {
            // A kept write settles the reservation in its own transaction when it lands; until then
            // the reservation is what keeps the paid cost in the budgets (the ledger lacks it), and
            // deleting it now would be one more write the database refuses.
            if (isKeptWrite(e)) admission = null;
            throw e;
          }
          // An answer shaped by a budget (lower threshold, drafter only) is not the normal answer.
          if (probe && admission.decision.action === 'normal') await s.responseCache.store(probe, outcome);
          return outcome;
        } finally {
          admission?.release();
          s.liveRuns.finish(runId);
        }
      })();
      s.inflight.add(work);
      void work.catch(() => undefined).finally(() => s.inflight.delete(work));
      return work;
    },

    'cascade.cancel': ({ runId }) => ({ cancelled: s.liveRuns.cancel(runId) }),

    'cascade.active': ({ conversationId }) => ({ runs: s.liveRuns.active(conversationId) }),

    'cascade.estimate': ({ prompt, conversationId, beforeMessageId }) => {
      const config = s.config.get();
      const history = conversationId ? s.conversations.history(conversationId, beforeMessageId) : [];
      const inputTokens = estimateChatTokens(withInstructions([...history, { role: 'user', content: prompt }], config.instructions));
      const pricing = pricingContextFromConfig(config);
      return {
        inputTokens,
        tiers: config.tiers.map((tier, i) => {
          const estimate = estimateCostNano(pricing, tier, inputTokens, 0);
          const answers = answersPerQuery(config.tiers, i);
          const nano = estimate.costNano === null ? null : answers * estimate.costNano;
          return { model: tier.model, provider: tier.provider, inputCostUsd: nano === null ? null : nanoToUsd(nano), pricing: estimate.pricing, local: isLocalTier(tier, estimate.pricing), answers };
        }),
        contextWindow: config.tiers[0] ? contextWindowOf(config.tiers[0].model) : null,
      };
    },

    'feedback.set': ({ queryId, rating, note }) => {
      if (!s.ledger.getQuery(queryId)) throw new ApiFailure('not_found', `No query with id ${queryId}.`, { fields: ['queryId'] });
      s.ledger.setFeedback(queryId, rating, note);
      s.events.emit('ledger.changed', { queryId });
      return { queryId, rating };
    },
  };
}

function lastUserIndex(messages: ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === 'user') return i;
  return -1;
}

function lastUser(messages: ChatMessage[]): string {
  return messages[lastUserIndex(messages)]?.content ?? '';
}

function isKeptWrite(e: unknown): boolean {
  return e instanceof ApiFailure && e.details?.['kept'] === true;
}

/** The calls table has no cache role: a hit's one call is marked by its finish reason. */
function markCacheHit(row: QueryRecord): void {
  for (const call of row.calls) call.finishReason = CACHE_HIT_FINISH_REASON;
}
