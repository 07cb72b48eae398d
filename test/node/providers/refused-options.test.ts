// The memory of refused options, apart from any server: what is dropped, for which model, and
// what is still asked for.
import { describe, expect, it } from 'vitest';
import type { ThinkingLevel } from '../../../shared/core/model.ts';
import { createRefusedOptions, type RefusableOptions } from '../../../electron/node/providers/refused-options.ts';
import { ask } from './helpers.ts';

/** A server on which `refuses(model, options)` says which option each model refuses. */
function server(refuses: (model: string, o: RefusableOptions) => boolean) {
  const sent: [string, ThinkingLevel | undefined][] = [];
  const refused = createRefusedOptions();
  const send = (model: string, thinking: ThinkingLevel) =>
    refused.send(
      ask(model, 'hi', { thinking }),
      async (o) => {
        sent.push([model, o.thinking]);
        if (refuses(model, o)) throw new Error('refused');
      },
      () => 'thinking',
    );
  return { sent, send };
}

describe('refused options', () => {
  it("remembers a refused 'off' and a refused level apart, per model", async () => {
    // One model cannot stop thinking, another cannot be given a level.
    const s = server((m, o) => (m === 'always' && o.thinking === 'off') || (m === 'never' && o.thinking !== undefined && o.thinking !== 'off'));
    for (const [model, level] of [['always', 'off'], ['always', 'off'], ['always', 'high'], ['never', 'low'], ['never', 'medium'], ['never', 'off'], ['other', 'off']] as const) {
      await s.send(model, level);
    }
    expect(s.sent).toEqual([
      ['always', 'off'],
      ['always', undefined],
      ['always', undefined],
      ['always', 'high'],
      ['never', 'low'],
      ['never', undefined],
      ['never', undefined],
      ['never', 'off'],
      ['other', 'off'],
    ]);
  });
});
