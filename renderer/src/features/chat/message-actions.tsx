// Copy, retry, retry with the verifier, and thumbs up/down under an answer. Each label is its own
// span: in a narrow conversation chat.css keeps only the icons (the label still names the button
// for screen readers, and the tooltip shows it).
import { useEffect, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { CheckIcon, CopyIcon, RetryIcon, ShieldIcon, ThumbDownIcon, ThumbUpIcon } from '../../components/icons.tsx';
import { copyText } from '../../lib/clipboard.ts';
import { RichText } from '../../components/rich-text.tsx';

export interface MessageActionsProps {
  text: string;
  onRetry?: () => void;
  onRetryWithVerifier?: () => void;
  verifierModel?: string | null;
  feedback?: 'up' | 'down' | null;
  onFeedback?: (rating: 'up' | 'down' | null) => void;
  /** Why the last rating was not saved (the thumbs went back to what was stored). */
  feedbackError?: string | null;
  disabled?: boolean;
  /** Names the group for screen readers ("Answer by gpt-4o"): every answer has a Copy and a Retry. */
  label?: string;
}

export function MessageActions({ text, onRetry, onRetryWithVerifier, verifierModel, feedback, onFeedback, feedbackError = null, disabled = false, label }: MessageActionsProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);

  return (
    <div className="message-actions" role="group" aria-label={label ?? 'Answer'}>
      <Button size="sm" variant="ghost" icon={copied ? <CheckIcon /> : <CopyIcon />} onClick={() => void copyText(text).then(setCopied)} disabled={!text} title="Copy the answer">
        <span className="action-label">{copied ? 'Copied' : 'Copy'}</span>
      </Button>
      {onRetry && (
        <Button size="sm" variant="ghost" icon={<RetryIcon />} onClick={onRetry} disabled={disabled} title="Retry: ask the same question again">
          <span className="action-label">Retry</span>
        </Button>
      )}
      {onRetryWithVerifier && (
        <Button size="sm" variant="ghost" icon={<ShieldIcon />} onClick={onRetryWithVerifier} disabled={disabled} title={`Retry with ${verifierModel ?? 'the verifier'}: skip the drafter and ask the top tier directly`}>
          <span className="action-label">Retry with {verifierModel ?? 'the verifier'}</span>
        </Button>
      )}
      {onFeedback && (
        <span className="feedback" role="group" aria-label="Rate this answer">
          <Button size="sm" variant="ghost" icon={<ThumbUpIcon />} aria-label="Good answer" title="Good answer" aria-pressed={feedback === 'up'} className={feedback === 'up' ? 'pressed' : ''} onClick={() => onFeedback(feedback === 'up' ? null : 'up')} />
          <Button size="sm" variant="ghost" icon={<ThumbDownIcon />} aria-label="Bad answer" title="Bad answer" aria-pressed={feedback === 'down'} className={feedback === 'down' ? 'pressed' : ''} onClick={() => onFeedback(feedback === 'down' ? null : 'down')} />
        </span>
      )}
      {feedbackError && (
        <span className="status-bad feedback-error" role="alert">
          Rating not saved: <RichText text={feedbackError} />
        </span>
      )}
    </div>
  );
}
