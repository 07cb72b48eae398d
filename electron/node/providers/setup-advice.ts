// What a provider error tells the user to change, in the words of the front end they are using.
// The desktop window and browser mode have a Settings page: keys under Providers, the tiers under
// Cascade. The CLI has none. It reads a key from the environment first, then from the key file
// browser mode saves in the data folder (createSecretFileStore); the desktop app's keys are
// encrypted with Electron's safeStorage, which only that app can decrypt, so a key saved there is
// not one the CLI has. Its tiers come from --tiers, --config, or else the settings either app
// saved in the database they share.
import type { AppInfo } from '../../../shared/api/contract.ts';

/** `settings`: the app's Settings page (the default); `cli`: the command line. */
export type SetupPlace = 'settings' | 'cli';

export function setupPlaceOf(mode: AppInfo['mode']): SetupPlace {
  return mode === 'cli' ? 'cli' : 'settings';
}

const CLI_KEY_STORES = "or save it under Providers in browser mode's Settings (`cascadeflow serve`), which the CLI reads too; the desktop app's keys are encrypted for that app alone";
const CLI_TIERS = "in --config's file, or in the app's Settings when there is no --config";

/** "set OPENAI_API_KEY in Settings": after a missing key. */
export function setKeyAdvice(place: SetupPlace | undefined, keyEnv: string | undefined): string {
  const name = keyEnv ?? 'the API key';
  return place === 'cli' ? `set ${name} in the environment, ${CLI_KEY_STORES}` : `set ${name} in Settings`;
}

/** After a key the provider rejected (401). */
export function setValidKeyAdvice(place: SetupPlace | undefined, keyEnv: string): string {
  // The environment wins over a stored key, so it is the one place that always takes effect.
  return place === 'cli' ? `set a valid ${keyEnv} in the environment (it wins over a key kept by browser mode)` : `set a valid ${keyEnv} under Providers in Settings`;
}

/** After a 401 from a server whose tier names no key variable. */
export function keyVariableAdvice(place: SetupPlace | undefined): string {
  return place === 'cli'
    ? `give the tier an \`apiKeyEnv\` ${CLI_TIERS}, then set that variable in the environment`
    : 'give the tier an API key variable in Settings, then set that key under Providers';
}

/** "check the model name in Settings": where a tier's model name or base URL is changed. */
export function tierFieldAdvice(place: SetupPlace | undefined, change: string): string {
  return place === 'cli' ? `${change} ${CLI_TIERS}` : `${change} in Settings`;
}
