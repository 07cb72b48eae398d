// Before the first question of a chat: the models of the cascade that cannot answer now (no
// key, server not running, model not installed), each with the reason, and the way to fix it.
// On a fresh install nothing is set up yet, and without this the first question would be the
// first to find out.
import { useEffect } from 'react';
import type { ModelStatus } from '../../../../shared/api/contract.ts';
import { Button } from '../../components/button.tsx';
import { AlertIcon, RetryIcon } from '../../components/icons.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { OpenSettingsButton } from '../settings/open-settings-button.tsx';

const isMainTier = (usedAs: string): boolean => /^tier \d+$/.test(usedAs);

/** The main cascade's tiers that answered their probe with a failure; domain routes and discovered models aside. */
export function unreadyTiers(models: readonly ModelStatus[]): ModelStatus[] {
  return models.filter((m) => m.reachable === false && m.usedAs.some(isMainTier));
}

/** What the unready tiers mean for the next question. */
function consequence(unreadyTierCount: number, tiers: number): string {
  if (unreadyTierCount >= tiers) return 'No model can answer yet';
  return unreadyTierCount === 1 ? 'One model of your cascade cannot answer yet' : `${unreadyTierCount} models of your cascade cannot answer yet`;
}

export function SetupCheck() {
  const models = useSettingsStore((s) => s.models);
  const status = useSettingsStore((s) => s.modelsStatus);
  const tierCount = useSettingsStore((s) => s.config?.tiers.length ?? 0);
  const loadModels = useSettingsStore((s) => s.loadModels);
  const loadModelsIfStale = useSettingsStore((s) => s.loadModelsIfStale);
  const revision = useSettingsStore((s) => s.revision);
  // The last probe's answer while it is recent (MODELS_PROBE_MAX_AGE_MS says why): this mounts
  // for every new conversation. A config changed elsewhere while it shows is a new revision.
  useEffect(() => {
    void loadModelsIfStale();
  }, [loadModelsIfStale, revision]);

  const unready = unreadyTiers(models);
  // While a probe is out the last answer stands; before the first there is nothing to say.
  if (status === 'idle' || unready.length === 0) return null;
  return (
    <div className="setup-check" role="status" data-testid="setup-check">
      <div className="setup-check-title">
        <AlertIcon size={16} />
        {/* A model serving two tiers is one row but two tiers that cannot answer. */}
        <strong>{consequence(unready.flatMap((m) => m.usedAs.filter(isMainTier)).length, tierCount)}</strong>
      </div>
      <ul>
        {unready.map((m) => (
          <li key={`${m.provider}|${m.model}`}>
            <strong>{m.model}</strong>: <RichText text={m.reachability} />
          </li>
        ))}
      </ul>
      <div className="setup-check-actions">
        <OpenSettingsButton variant="primary" />
        {/* A server started or a model pulled since: no need to wait for the answer to age. */}
        <Button size="sm" icon={<RetryIcon />} busy={status === 'loading'} onClick={() => void loadModels()}>
          Check again
        </Button>
      </div>
    </div>
  );
}
