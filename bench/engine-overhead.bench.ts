// Engine overhead: time to first token through the whole engine (routing, provider adapter,
// validation, events) versus the same official SDK call made directly, against the same local
// fake Ollama. Both sides pay the same network and fake-server cost, so the difference is ours.
import { Ollama } from 'ollama';
import { createCascadeEngine } from '../shared/core/cascade/engine.ts';
import { appConfigSchema } from '../shared/core/config/schema.ts';
import { counterIds, mathRandom, systemClock } from '../shared/core/ports.ts';
import { createProviderResolver } from '../electron/node/providers/index.ts';
import { startFakeOllama } from '../test/fakes/index.ts';
import { percentile } from './stats.ts';

export interface OverheadResult {
  iterations: number;
  directTtftP50Ms: number;
  engineTtftP50Ms: number;
  overheadP50Ms: number;
  overheadP99Ms: number;
}

export async function runEngineOverheadBench(iterations = 300): Promise<OverheadResult> {
  const fake = await startFakeOllama();
  const answer = 'Paris is the capital of France, and it has been for a very long time.';
  fake.setDefault({ text: answer, usage: { input: 12, output: 16 } });
  const sdk = new Ollama({ host: fake.url });
  const config = appConfigSchema.parse({ tiers: [{ model: 'llama3.2:3b', provider: 'ollama', baseUrl: fake.url, local: true }] });
  const engine = createCascadeEngine({ providers: createProviderResolver({ env: {} }), clock: systemClock, ids: counterIds('bench'), random: mathRandom });
  const messages = [{ role: 'user' as const, content: 'What is the capital of France?' }];

  const direct: number[] = [];
  const viaEngine: number[] = [];
  const overhead: number[] = [];
  try {
    for (let i = 0; i < iterations + 20; i++) {
      let t0 = performance.now();
      let first = 0;
      const stream = await sdk.chat({ model: 'llama3.2:3b', messages, stream: true });
      for await (const part of stream) if (!first && part.message.content) first = performance.now() - t0;
      const d = first;

      t0 = performance.now();
      let e = 0;
      await engine.run({ messages }, { config, onEvent: (ev) => { if (!e && ev.type === 'token') e = performance.now() - t0; } });
      if (i >= 20) {
        direct.push(d);
        viaEngine.push(e);
        overhead.push(e - d);
      }
    }
  } finally {
    await fake.close();
  }
  return {
    iterations,
    directTtftP50Ms: percentile(direct, 50),
    engineTtftP50Ms: percentile(viaEngine, 50),
    overheadP50Ms: percentile(viaEngine, 50) - percentile(direct, 50),
    overheadP99Ms: percentile(overhead, 99),
  };
}
