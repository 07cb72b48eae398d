// Request options a server may refuse with an error that an answer can do without: token
// logprobs (servers older than the feature; OpenAI's reasoning models), a thinking level (a
// model that cannot think), a sampling temperature (reasoning models take only their default).
// An adapter asks, and after a refusal sends again without the option and stops asking for it
// for that model. What counts as a refusal is each adapter's to say.
//
// A thinking refusal is remembered apart for 'off' and for the levels: turning thinking off and
// asking for it are different requests a model may refuse one without the other (Claude Opus
// 4.7 cannot stop thinking yet takes a level; Claude Haiku 4.5 stops but takes no level).
import type { LlmRequest, ThinkingLevel } from '../../../shared/core/model.ts';

export interface RefusableOptions {
  logprobs: boolean;
  thinking: ThinkingLevel | undefined;
  temperature: number | undefined;
}

/**
 * The option an error refuses, or 'resend' when the adapter has changed how it will put the
 * same options on the wire (say, a thinking level the model spells differently).
 */
export type Refusal = keyof RefusableOptions | 'resend';

export interface RefusedOptions {
  /**
   * Sends with the options still worth asking for, and again without each one the server
   * refuses (at most once per option, and one resend). `refusal` names what an error refuses, or null.
   */
  send<T>(request: LlmRequest, attempt: (options: RefusableOptions) => Promise<T>, refusal: (e: unknown, options: RefusableOptions) => Refusal | null): Promise<T>;
}

export function createRefusedOptions(): RefusedOptions {
  // Per model: one model's refusal says nothing of another on the same server.
  const refusedBy = { logprobs: new Set<string>(), thinking: new Set<string>(), temperature: new Set<string>() };
  return {
    async send(request, attempt, refusal) {
      const model = request.model;
      const thinkingKey = thinkingKeyOf(model, request.thinking);
      const options: RefusableOptions = {
        logprobs: request.logprobs === true && !refusedBy.logprobs.has(model),
        thinking: refusedBy.thinking.has(thinkingKey) ? undefined : request.thinking,
        temperature: refusedBy.temperature.has(model) ? undefined : request.temperature,
      };
      let resent = false;
      for (;;) {
        try {
          return await attempt({ ...options });
        } catch (e) {
          const refused = refusal(e, options);
          if (refused === 'resend' && !resent) {
            resent = true;
          } else if (refused === 'logprobs' && options.logprobs) {
            refusedBy.logprobs.add(model);
            options.logprobs = false;
          } else if (refused === 'thinking' && options.thinking !== undefined) {
            refusedBy.thinking.add(thinkingKey);
            options.thinking = undefined;
          } else if (refused === 'temperature' && options.temperature !== undefined) {
            refusedBy.temperature.add(model);
            options.temperature = undefined;
          } else {
            throw e;
          }
        }
      }
    },
  };
}

/** 'off' and the levels are refused apart; every level goes on the wire the same way. */
function thinkingKeyOf(model: string, level: ThinkingLevel | undefined): string {
  return `${level === 'off' ? 'off' : 'level'}\u0000${model}`;
}
