// The two-tier cascade the serve benchmarks run against their fake Ollama and OpenAI servers,
// written where `serve --config` reads it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFakeTiersConfig(dir: string, fakes: { ollama: { url: string }; openai: { url: string } }, apiKeyEnv: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'config.json');
  writeFileSync(
    path,
    JSON.stringify({
      tiers: [
        { model: 'llama3.2:3b', provider: 'ollama', baseUrl: fakes.ollama.url, local: true },
        { model: 'gpt-4o', provider: 'openai', baseUrl: fakes.openai.url, apiKeyEnv },
      ],
      ...extra,
    }),
  );
  return path;
}
