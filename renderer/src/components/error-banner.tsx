import type { ReactNode } from 'react';
import type { ApiError } from '../../../shared/api/result.ts';
import { Button } from './button.tsx';
import { AlertIcon, XIcon } from './icons.tsx';
import { RichText } from './rich-text.tsx';

const TITLES: Partial<Record<ApiError['code'], string>> = {
  unreachable: 'Cannot reach the model or the app',
  auth_failed: 'The API key is missing or was not accepted',
  rate_limited: 'Rate limited',
  model_not_found: 'Model not found',
  timeout: 'Timed out',
  config_invalid: 'The configuration is not valid',
  invalid_input: 'Some values are not valid',
  unauthorized: 'This session is not authorized',
  not_found: 'Not found',
  context_too_long: 'The conversation is too long for this model',
  budget_exceeded: 'Budget exceeded',
  cancelled: 'Stopped',
  internal: 'Something went wrong',
};

/**
 * `announce={false}`: shown but not spoken, where something else already says it (a chat run's
 * failure is announced by the chat's status region; as an alert it would be said again each time
 * the answer re-renders or the conversation is reopened). `action`: what fixes it, beside the message.
 */
export function ErrorBanner({ error, onRetry, onDismiss, action, compact = false, announce = true }: { error: ApiError; onRetry?: () => void; onDismiss?: () => void; action?: ReactNode; compact?: boolean; announce?: boolean }) {
  return (
    <div className={`error-banner${compact ? ' error-banner-compact' : ''}`} role={announce ? 'alert' : undefined}>
      <AlertIcon size={18} className="error-banner-icon" />
      <div className="error-banner-body">
        {!compact && <strong className="error-banner-title">{TITLES[error.code] ?? 'Error'}</strong>}
        <span className="error-banner-message">
          <RichText text={error.message} />
        </span>
      </div>
      {action}
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
      {onDismiss && <Button size="sm" variant="ghost" icon={<XIcon />} aria-label="Dismiss" onClick={onDismiss} />}
    </div>
  );
}
