// Request options a server may refuse with a 400 that an answer can do without: token logprobs
// (servers older than the feature) and a thinking level (a model that cannot think). An adapter
// asks, and after a refusal sends again without the option and stops asking: logprobs for the
// whole server, thinking for that model. What counts as a refusal is each adapter's to say.
import type { LlmRequest, ThinkingLevel } from '../../../shared/core/model.ts';

export interface RefusableOptions {
  logprobs: boolean;
  thinking: ThinkingLevel | undefined;
}

export type RefusedOption = keyof RefusableOptions;

export interface RefusedOptions {
  /**
   * Sends with the options still worth asking for, and again without each one the server
   * refuses (at most once per option). `refusal` names the option an error refuses, or null.
   */
  send<T>(request: LlmRequest, attempt: (options: RefusableOptions) => Promise<T>, refusal: (e: unknown, options: RefusableOptions) => RefusedOption | null): Promise<T>;
}

export function createRefusedOptions(): RefusedOptions {
  let logprobsRefused = false;
  const cannotThink = new Set<string>();
  return {
    async send(request, attempt, refusal) {
      const options: RefusableOptions = {
        logprobs: request.logprobs === true && !logprobsRefused,
        thinking: cannotThink.has(request.model) ? undefined : request.thinking,
      };
      for (;;) {
        try {
          return await attempt({ ...options });
        } catch (e) {
          const refused = refusal(e, options);
          if (refused === 'thinking' && options.thinking !== undefined) {
            cannotThink.add(request.model);
            options.thinking = undefined;
          } else if (refused === 'logprobs' && options.logprobs) {
            logprobsRefused = true;
            options.logprobs = false;
          } else {
            throw e;
          }
        }
      }
    },
  };
}
