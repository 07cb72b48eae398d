// Protocol-faithful fake LLM servers for tests; see each file for the wire format it speaks.
export { startFakeOllama, type FakeOllama, type FakeOllamaOptions } from './fake-ollama.ts';
export { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from './fake-openai.ts';
export { startFakeAnthropic, type FakeAnthropic, type FakeAnthropicOptions } from './fake-anthropic.ts';
export { FAKE_MODELS, cannedAnswer, defaultResponse, roleOf, type FakeRole } from './default-script.ts';
export type { RecordedRequest } from './fake-server.ts';
export type { ScriptedFake } from './scripted-fake.ts';
export type { ChatCall, Responder, ScriptedHttpError, ScriptedResponse, ScriptedToolCall, ScriptedUsage } from './script.ts';
