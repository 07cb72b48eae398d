// Starts the fake Ollama, OpenAI and Anthropic servers with the default script and prints one
// JSON line with their URLs, then runs until SIGTERM / SIGINT. E2E tests spawn it:
//   node --import tsx test/fakes/run-fakes.ts [--delay-ms=15] [--ollama-port=0] [--openai-port=0] [--anthropic-port=0]
// Output: {"ollama":"http://127.0.0.1:P","openai":"http://127.0.0.1:P/v1","anthropic":"http://127.0.0.1:P",
//          "env":{"OLLAMA_HOST":...,"OPENAI_BASE_URL":...,"ANTHROPIC_BASE_URL":...,"OPENAI_API_KEY":...,...}}
// Pass `env` to the app under test and every provider kind reaches a fake. Any model name is
// answered; /api/tags and /v1/models list FAKE_MODELS.
//
// Prompt conventions (anywhere in the last user message; details in default-script.ts):
//   [[draft:<text>]]           a drafter answers exactly <text>, e.g. "What is 17 * 23? [[draft:17 * 23 = 381]]"
//   [[verify:<text>]]          a verifier answers exactly <text>
//   [[draft-error:<status>]]   a drafter fails with that HTTP status (429 carries retry-after: 30)
//   [[verify-error:<status>]]  the same for verifiers
//   [[slow]]                   250 ms between chunks (to cancel mid-stream)
//   [[think:<text>]]           a drafter thinks <text> before answering (a reasoning model)
// Drafters: every Ollama model, and cloud models named like mini / nano / haiku / instant / 8b.
// Otherwise a model answers a short sentence repeating the question's key words, and computes
// a simple arithmetic question correctly ("17 * 23 = 391."). Models named missing-* answer 404.
import { FAKE_MODELS, defaultResponse, roleOf } from './default-script.ts';
import { startFakeAnthropic } from './fake-anthropic.ts';
import { startFakeOllama } from './fake-ollama.ts';
import { startFakeOpenAI } from './fake-openai.ts';

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = hit === undefined ? fallback : Number(hit.slice(name.length + 3));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  const delayMs = arg('delay-ms', 15);
  const ollama = await startFakeOllama({ models: FAKE_MODELS.ollama, port: arg('ollama-port', 0) });
  const openai = await startFakeOpenAI({ models: FAKE_MODELS.openai, port: arg('openai-port', 0) });
  const anthropic = await startFakeAnthropic({ models: FAKE_MODELS.anthropic, port: arg('anthropic-port', 0) });
  ollama.setDefault((call) => defaultResponse(call, roleOf(call.model, true), delayMs));
  openai.setDefault((call) => defaultResponse(call, roleOf(call.model, false), delayMs));
  anthropic.setDefault((call) => defaultResponse(call, roleOf(call.model, false), delayMs));

  process.stdout.write(
    `${JSON.stringify({
      ollama: ollama.url,
      openai: openai.url,
      anthropic: anthropic.url,
      env: {
        OLLAMA_HOST: ollama.url,
        OPENAI_BASE_URL: openai.url,
        ANTHROPIC_BASE_URL: anthropic.url,
        OPENAI_API_KEY: 'sk-fake-openai',
        ANTHROPIC_API_KEY: 'sk-ant-fake',
        GROQ_API_KEY: 'gsk-fake',
      },
    })}\n`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([ollama.close(), openai.close(), anthropic.close()]).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`run-fakes failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
