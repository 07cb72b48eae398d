// models.list and providers.test: what is configured, what it costs, and whether it answers.
import type { ModelStatus } from '../../../shared/api/contract.ts';
import type { TierConfig } from '../../../shared/core/config/schema.ts';
import { isLocalTier } from '../../../shared/core/cascade/ledger-record.ts';
import { pricingContextFromConfig } from '../../../shared/core/pricing/context.ts';
import { listPricedModels, quoteTier } from '../../../shared/core/pricing/index.ts';
import { priceSuggestions } from '../../../shared/core/pricing/price-suggestions.ts';
import type { DiscoveredModel } from '../../../shared/core/ports.ts';
import { testProviderConnection } from '../providers/index.ts';
import { setupPlaceOf, tierFieldAdvice } from '../providers/setup-advice.ts';
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';

type ModelHandlers = Pick<ApiHandlers, 'models.list' | 'pricing.list' | 'providers.test'>;

const PROBE_TIMEOUT_MS = 3000;

/** Providers whose model listing is the whole truth: a model they do not list is refused (404). */
const STRICT_LISTINGS: ReadonlySet<string> = new Set(['openai', 'groq', 'vllm']);

export function modelHandlers(s: Services): ModelHandlers {
  return {
    'models.list': async ({ discover }) => {
      const config = s.config.get();
      const pricing = pricingContextFromConfig(config);
      const uses = new Map<string, { tier: TierConfig; usedAs: string[] }>();
      const note = (tier: TierConfig, usedAs: string) => {
        const key = `${tier.provider}|${tier.baseUrl ?? ''}|${tier.model}`;
        const entry = uses.get(key) ?? { tier, usedAs: [] };
        entry.usedAs.push(usedAs);
        uses.set(key, entry);
      };
      config.tiers.forEach((t, i) => note(t, `tier ${i + 1}`));
      for (const [name, d] of Object.entries(config.domains)) d.tiers.forEach((t, i) => note(t, `domain ${name}, tier ${i + 1}`));

      // One probe per endpoint, in parallel, bounded by a short timeout.
      const endpoints = new Map<string, Promise<Probe>>();
      const probe = (tier: TierConfig) => {
        const key = `${tier.provider}|${tier.baseUrl ?? ''}|${tier.apiKeyEnv ?? ''}`;
        let p = endpoints.get(key);
        if (!p) {
          p = probeEndpoint(s, tier);
          endpoints.set(key, p);
        }
        return p;
      };

      const models: ModelStatus[] = await Promise.all(
        [...uses.values()].map(async ({ tier, usedAs }) => {
          const quote = quoteTier(pricing, tier);
          const probed = await probe(tier);
          const listed = probed.models?.some((m) => m.name === tier.model || m.name === `${tier.model}:latest`) ?? false;
          // These servers answer only the models they list; others (Anthropic aliases, llama.cpp) answer names they do not list.
          const strict = STRICT_LISTINGS.has(tier.provider) && (probed.models?.length ?? 0) > 0;
          const missing = probed.models !== null && (tier.provider === 'ollama' || strict) && !listed;
          const reachable = probed.models !== null && !missing;
          const reachability = !missing
            ? probed.message
            : tier.provider === 'ollama'
              ? `Ollama is running but has no model '${tier.model}': run \`ollama pull ${tier.model}\``
              : `${probed.label} has no model '${tier.model}': ${tierFieldAdvice(setupPlaceOf(s.info.mode), 'check the model name')}`;
          return {
            model: tier.model,
            provider: tier.provider,
            usedAs,
            local: isLocalTier(tier, quote.source),
            reachable,
            reachability,
            inputPerMTok: quote.inputPerMTok,
            outputPerMTok: quote.outputPerMTok,
            pricing: quote.source,
            ...(quote.source === 'unknown' ? suggestionsFor(tier) : {}),
          } satisfies ModelStatus;
        }),
      );

      if (discover !== false) {
        const ollamaTier = [...uses.values()].find((u) => u.tier.provider === 'ollama')?.tier ?? ({ provider: 'ollama', model: '' } satisfies TierConfig);
        const probed = await probe(ollamaTier);
        for (const m of probed.models ?? []) {
          if (models.some((x) => x.provider === 'ollama' && (x.model === m.name || `${x.model}:latest` === m.name))) continue;
          const quote = quoteTier(pricing, { provider: 'ollama', model: m.name, local: true });
          models.push({ model: m.name, provider: 'ollama', usedAs: ['discovered'], local: true, reachable: true, reachability: 'installed in Ollama', inputPerMTok: quote.inputPerMTok, outputPerMTok: quote.outputPerMTok, pricing: quote.source });
        }
      }
      return { models };
    },
    'pricing.list': ({ providers }) => ({ models: listPricedModels(providers) }),
    'providers.test': async ({ provider, baseUrl, apiKeyEnv }) => testProviderConnection(provider, baseUrl, apiKeyEnv, { env: s.env, getSecret: (n) => s.secrets.get(n), setupPlace: setupPlaceOf(s.info.mode) }),
  };
}

/** Close ids of the price list the tier is priced from, when it has any. */
function suggestionsFor(tier: TierConfig): Pick<ModelStatus, 'priceSuggestions'> {
  const ids = priceSuggestions(tier.provider, tier.model, tier);
  return ids.length > 0 ? { priceSuggestions: ids } : {};
}

/** What an endpoint answered: its models (null when unreachable), the sentence to show, and its name. */
interface Probe {
  models: DiscoveredModel[] | null;
  message: string;
  label: string;
}

async function probeEndpoint(s: Services, tier: TierConfig): Promise<Probe> {
  const provider = s.providers.forTier(tier);
  const label = provider.label;
  if (!provider.listModels) return { models: [], message: `${label}: not checked`, label };
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    const models = await provider.listModels(signal);
    return { models, message: `${label}: reachable`, label };
  } catch (e) {
    return { models: null, message: e instanceof Error ? e.message : String(e), label };
  }
}
