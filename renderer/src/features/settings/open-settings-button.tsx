// The way from a message that says "set X in Settings" (a missing key, a server that does not
// answer, a model it does not have) to the page where X is set.
import type { ReactElement } from 'react';
import type { ErrorCode } from '../../../../shared/api/result.ts';
import { Button } from '../../components/button.tsx';
import { SettingsIcon } from '../../components/icons.tsx';
import { useNavStore } from '../../stores/nav-store.ts';

/** Failures of a model that Models & Settings can fix; others (rate limits, timeouts) it cannot. */
const FIXED_IN_SETTINGS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['auth_failed', 'unreachable', 'model_not_found']);

/** The button under a failure whose code Models & Settings can fix, or undefined: an ErrorBanner's `action`. */
export function settingsFixFor(code: ErrorCode): ReactElement | undefined {
  return FIXED_IN_SETTINGS.has(code) ? <OpenSettingsButton /> : undefined;
}

export function OpenSettingsButton({ variant = 'secondary' }: { variant?: 'primary' | 'secondary' }) {
  const go = useNavStore((s) => s.go);
  return (
    <Button size="sm" variant={variant} icon={<SettingsIcon size={14} />} onClick={() => go('settings')}>
      Open Models & Settings
    </Button>
  );
}
