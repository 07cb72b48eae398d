// The app-level alert banner: the newest undismissed alert, a count of the others, and a way to
// the full list. Presentational: the shell passes the alerts and the actions.
import type { Alert } from '../../../shared/core/monitoring/alert-types.ts';
import { alertMessage } from '../features/spend/alert-text.ts';
import { Button } from './button.tsx';
import { AlertIcon, XIcon } from './icons.tsx';

export interface AlertBannerProps {
  alerts: Alert[];
  onDismiss: (id: string) => void;
  onDismissAll: () => void;
  onShowAll: () => void;
}

export function AlertBanner({ alerts, onDismiss, onDismissAll, onShowAll }: AlertBannerProps) {
  const [latest] = alerts;
  if (!latest) return null;
  const more = alerts.length - 1;
  return (
    <div className={`alert-banner alert-banner-${latest.source}`} role="alert" data-testid="alert-banner">
      <AlertIcon size={18} className="alert-banner-icon" />
      <div className="alert-banner-body">
        <strong className="alert-banner-title" data-testid="alert-banner-name">
          {latest.name}
        </strong>
        <span className="alert-banner-message" data-testid="alert-banner-message">
          {alertMessage(latest)}
        </span>
        {more > 0 && <span className="alert-banner-more">and {more} more</span>}
      </div>
      <Button size="sm" variant="ghost" onClick={onShowAll} data-testid="alert-banner-all">
        All alerts
      </Button>
      {more > 0 && (
        <Button size="sm" variant="ghost" onClick={onDismissAll}>
          Dismiss all
        </Button>
      )}
      <Button size="sm" variant="ghost" icon={<XIcon />} aria-label="Dismiss alert" data-testid="alert-banner-dismiss" onClick={() => onDismiss(latest.id)} />
    </div>
  );
}
