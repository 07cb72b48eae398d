// app.info, config.*, secrets.*: the user's settings. Secret values never leave this file's
// handlers: the API only ever says whether a key is set and where it comes from.
import { ApiFailure } from '../../../shared/api/result.ts';
import { SECRET_NAMES } from '../../../shared/api/schemas.ts';
import type { SecretStatus } from '../../../shared/api/contract.ts';
import type { Services } from '../services.ts';
import type { ApiHandlers } from './types.ts';
import { everyTier } from '../../../shared/core/config/every-tier.ts';

type SettingsHandlers = Pick<ApiHandlers, 'app.info' | 'config.get' | 'config.set' | 'secrets.list' | 'secrets.set' | 'secrets.delete'>;

export function settingsHandlers(s: Services): SettingsHandlers {
  const status = (name: string): SecretStatus => {
    if (s.env[name]) return { name, isSet: true, source: 'env' };
    if (s.secrets.get(name) !== undefined) return { name, isSet: true, source: 'store' };
    return { name, isSet: false, source: null };
  };
  const knownSecretNames = () => {
    const names = new Set<string>(SECRET_NAMES);
    for (const tier of everyTier(s.config.get())) if (tier.apiKeyEnv) names.add(tier.apiKeyEnv);
    for (const n of s.secrets.names()) names.add(n);
    return [...names];
  };
  return {
    'app.info': () => ({ ...s.info, configSource: s.config.source() }),
    // Asked for the settings, the app takes what is stored now: a config file edited by hand,
    // or another process's save, is what "load them again" after a refused save shows.
    'config.get': () => {
      if (s.config.reload()) s.events.emit('config.changed', {});
      return { config: s.config.get(), source: s.config.source(), revision: s.config.revision() };
    },
    'config.set': ({ config, revision }) => {
      s.config.set(config, revision);
      s.events.emit('config.changed', {});
      return { config: s.config.get(), revision: s.config.revision() };
    },
    'secrets.list': () => ({ secrets: knownSecretNames().map(status) }),
    'secrets.set': ({ name, value }) => {
      if (/\s/.test(value.trim()) || value.trim().length === 0) throw new ApiFailure('invalid_input', 'value: an API key has no spaces.', { fields: ['value'] });
      s.secrets.set(name, value.trim());
      return status(name);
    },
    'secrets.delete': ({ name }) => {
      s.secrets.delete(name);
      return status(name);
    },
  };
}
