// The app-level alert banner: the newest undismissed alert, a count of the others, and a way to
// the full list. Presentational: the shell passes the alerts and the actions. In a short window
// (spend.css) it keeps to one line with the message cut, and "Details" shows the rest.
import { useId, useRef, useState } from 'react';
import type { Alert } from '../../../shared/core/monitoring/alert-types.ts';
import { alertMessage } from '../features/spend/alert-text.ts';
import { Button } from './button.tsx';
import { AlertIcon, XIcon } from './icons.tsx';
import { useTruncated } from './use-truncated.ts';

export interface AlertBannerProps {
  alerts: Alert[];
  onDismiss: (id: string) => void;
  onDismissAll: () => void;
  onShowAll: () => void;
}

export function AlertBanner({ alerts, onDismiss, onDismissAll, onShowAll }: AlertBannerProps) {
  const [latest] = alerts;
  const message = latest ? alertMessage(latest) : '';
  const messageRef = useRef<HTMLSpanElement>(null);
  const messageId = useId();
  const [expanded, setExpanded] = useState(false);
  const truncated = useTruncated(messageRef, `${latest?.name ?? ''} ${message}`);
  if (!latest) return null;
  const more = alerts.length - 1;
  return (
    <div className={`alert-banner alert-banner-${latest.source}${expanded ? ' alert-banner-expanded' : ''}`} role="alert" data-testid="alert-banner">
      <AlertIcon size={18} className="alert-banner-icon" />
      <div className="alert-banner-body">
        <strong className="alert-banner-title" data-testid="alert-banner-name">
          {latest.name}
        </strong>
        <span className="alert-banner-message" id={messageId} ref={messageRef} title={truncated ? message : undefined} data-testid="alert-banner-message">
          {message}
        </span>
        {more > 0 && <span className="alert-banner-more">and {more} more</span>}
      </div>
      {(truncated || expanded) && (
        <Button size="sm" variant="ghost" aria-expanded={expanded} aria-controls={messageId} onClick={() => setExpanded(!expanded)} data-testid="alert-banner-details">
          {expanded ? 'Less' : 'Details'}
        </Button>
      )}
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
