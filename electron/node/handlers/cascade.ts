// cascade.run / cancel / estimate and feedback: thin glue between the API, the engine, the
// conversation history and the ledger. The run's rows are written in one transaction.
import { ApiFailure } from '../../../shared/api/result.ts';
import type { CascadeOutcome } from '../../../shared/core/cascade/types.ts';
import { toQueryRecord } from '../../../shared/core/cascade/ledger-record.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/context.ts';
import type { ChatMessage } from '../../../shared/core/model.ts';
import { estimateCostNano } from '../../../shared/core/pricing/index.ts';
import { nanoToUsd } from '../../../shared/core/pricing/money.ts';
import { contextWindowOf, estimateChatTokens } from '../../../shared/core/tokens/estimate.ts';
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';

type CascadeHandlers = Pick<ApiHandlers, 'cascade.run' | 'cascade.cancel' | 'cascade.estimate' | 'feedback.set'>;
type RunInput = Parameters<ApiHandlers['cascade.run']>[0];

export function cascadeHandlers(s: Services): CascadeHandlers {
  /** The messages sent to the models; appends the new user message to the history first. */
  function conversationMessages(input: RunInput): { messages: ChatMessage[]; prompt: string } {
    if (!input.conversationId) {
      const messages: ChatMessage[] = [...(input.messages ?? [])];
      if (input.prompt !== undefined) messages.push({ role: 'user', content: input.prompt });
      return { messages, prompt: input.prompt ?? lastUser(messages) };
    }
    // The store refuses an unknown conversation with not_found before anything is written.
    s.conversations.history(input.conversationId);
    if (input.prompt !== undefined && !input.regenerate) {
      s.conversations.appendMessage({ conversationId: input.conversationId, role: 'user', content: input.prompt });
    }
    const messages = [...s.conversations.history(input.conversationId), ...(input.messages ?? [])];
    if (lastUserIndex(messages) < 0) throw new ApiFailure('invalid_input', 'The conversation has no user message to answer.', { fields: ['prompt'] });
    // A retry answers the last user message again: drop answers given after it.
    const upto = lastUserIndex(messages);
    const trimmed = messages.slice(0, upto + 1);
    return { messages: trimmed, prompt: lastUser(trimmed) };
  }

  function record(outcome: CascadeOutcome, input: RunInput, prompt: string, createdAt: number, tiers: ReturnType<Services['config']['get']>['tiers']) {
    const row = toQueryRecord(outcome, { createdAt, prompt, userId: input.userId ?? null, feature: input.feature ?? null, tiers });
    s.db.transaction(() => {
      s.ledger.recordQuery(row);
      if (input.conversationId) {
        s.conversations.appendMessage({ conversationId: input.conversationId, role: 'assistant', content: outcome.answer, queryId: outcome.queryId, outcome });
      }
    })();
    s.events.emit('ledger.changed', { queryId: outcome.queryId });
    if (input.conversationId) s.events.emit('conversations.changed', { conversationId: input.conversationId });
  }

  return {
    'cascade.run': async (input) => {
      const config = s.config.get();
      const runId = input.runId ?? s.ids.next();
      if (s.activeRuns.has(runId)) throw new ApiFailure('conflict', `A run with id ${runId} is already in progress.`, { fields: ['runId'] });
      const createdAt = s.clock.now();
      const { messages, prompt } = conversationMessages(input);
      if (input.conversationId) s.events.emit('conversations.changed', { conversationId: input.conversationId });
      const controller = new AbortController();
      s.activeRuns.set(runId, controller);
      const work = (async () => {
        try {
          const outcome = await s.engine.run(
            { ...input, runId, messages, conversationId: input.conversationId },
            { config, signal: controller.signal, onEvent: (e) => s.events.emit('cascade.event', e) },
          );
          const tiers = input.tiers ?? (config.domains[outcome.domain]?.tiers ?? config.tiers);
          record(outcome, input, prompt, createdAt, tiers);
          return outcome;
        } finally {
          s.activeRuns.delete(runId);
        }
      })();
      s.inflight.add(work);
      void work.catch(() => undefined).finally(() => s.inflight.delete(work));
      return work;
    },

    'cascade.cancel': ({ runId }) => {
      const controller = s.activeRuns.get(runId);
      if (!controller) return { cancelled: false };
      controller.abort();
      return { cancelled: true };
    },

    'cascade.estimate': ({ prompt, conversationId }) => {
      const config = s.config.get();
      const history = conversationId ? s.conversations.history(conversationId) : [];
      const inputTokens = estimateChatTokens([...history, { role: 'user', content: prompt }]);
      const pricing = pricingContextFromConfig(config);
      return {
        inputTokens,
        tiers: config.tiers.map((tier) => {
          const nano = estimateCostNano(pricing, tier, inputTokens, 0).costNano;
          return { model: tier.model, provider: tier.provider, inputCostUsd: nano === null ? null : nanoToUsd(nano) };
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
