// How many tokens a model accepts, for the "this prompt will not fit" warning before sending.
import { calcPrice } from '@pydantic/genai-prices';
import type { ProviderKind } from '../config/schema.ts';

/**
 * Native context lengths of common open-weight families, longest prefix first. The bundled
 * price data does not cover local tags such as "llama3.2:3b". Ollama may run a model with a
 * smaller num_ctx; this is what the model supports.
 */
const LOCAL_CONTEXT: readonly (readonly [prefix: string, tokens: number])[] = [
  ['llama3.3', 131_072],
  ['llama3.2', 131_072],
  ['llama3.1', 131_072],
  ['llama3', 8_192],
  ['llama2', 4_096],
  ['qwen3', 40_960],
  ['qwen2.5-coder', 32_768],
  ['qwen2.5', 32_768],
  ['qwen2', 32_768],
  ['mistral-nemo', 131_072],
  ['mistral-small', 32_768],
  ['mistral', 32_768],
  ['mixtral', 32_768],
  ['gemma3', 131_072],
  ['gemma2', 8_192],
  ['phi4', 16_384],
  ['phi3.5', 131_072],
  ['phi3', 4_096],
  ['deepseek-r1', 131_072],
  ['gpt-oss', 131_072],
  ['codellama', 16_384],
];

const CLOUD_PROVIDER_IDS: Partial<Record<ProviderKind, string>> = { openai: 'openai', anthropic: 'anthropic', groq: 'groq' };

function localContext(model: string): number | null {
  // "library/llama3.2:3b-instruct-q4_K_M" -> "llama3.2"; "meta-llama/Llama-3.1-8B" -> "llama-3.1-8b"
  const base = (model.split('/').pop() ?? model).split(':')[0]?.toLowerCase() ?? '';
  const compact = base.replace(/^(meta-)?llama-(\d)/, 'llama$2');
  for (const [prefix, tokens] of LOCAL_CONTEXT) if (compact.startsWith(prefix)) return tokens;
  return null;
}

function listedContext(model: string, providerId?: string): number | null {
  try {
    const r = calcPrice({ input_tokens: 0, output_tokens: 0 }, model, providerId === undefined ? {} : { providerId });
    return r?.model.context_window ?? null;
  } catch {
    return null;
  }
}

/**
 * Context window in tokens, or null when unknown. For self-hosted providers (and Ollama-style
 * "name:tag" ids) the local table comes first: the price data's fuzzy matching would map
 * "deepseek-r1:8b" to DeepSeek's hosted model, which has a different window.
 */
export function contextWindowOf(model: string, provider?: ProviderKind): number | null {
  const cloudId = provider === undefined ? undefined : CLOUD_PROVIDER_IDS[provider];
  const looksLocal = provider === undefined ? model.includes(':') : cloudId === undefined;
  if (looksLocal) return localContext(model);
  return listedContext(model, cloudId) ?? localContext(model);
}
