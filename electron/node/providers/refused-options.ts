// Request options a server may refuse with an error that an answer can do without: token
// logprobs (servers older than the feature; OpenAI's reasoning models), a thinking level (a
// model that cannot think), a sampling temperature (reasoning models take only their default).
// An adapter asks, and after a refusal sends again without the option and stops asking for it
// for that model. What counts as a refusal is each adapter's to say.
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
      const options: RefusableOptions = {
        logprobs: request.logprobs === true && !refusedBy.logprobs.has(model),
        thinking: refusedBy.thinking.has(model) ? undefined : request.thinking,
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
          } else if ((refused === 'thinking' || refused === 'temperature') && options[refused] !== undefined) {
            refusedBy[refused].add(model);
            options[refused] = undefined;
          } else {
            throw e;
          }
        }
      }
    },
  };
}
