// Copy, retry, retry with the verifier, and thumbs up/down under an answer.
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
        {copied ? 'Copied' : 'Copy'}
      </Button>
      {onRetry && (
        <Button size="sm" variant="ghost" icon={<RetryIcon />} onClick={onRetry} disabled={disabled} title="Ask the same question again">
          Retry
        </Button>
      )}
      {onRetryWithVerifier && (
        <Button size="sm" variant="ghost" icon={<ShieldIcon />} onClick={onRetryWithVerifier} disabled={disabled} title="Skip the drafter and ask the top tier directly">
          Retry with {verifierModel ?? 'the verifier'}
        </Button>
      )}
      {onFeedback && (
        <span className="feedback" role="group" aria-label="Rate this answer">
          <Button size="sm" variant="ghost" icon={<ThumbUpIcon />} aria-label="Good answer" aria-pressed={feedback === 'up'} className={feedback === 'up' ? 'pressed' : ''} onClick={() => onFeedback(feedback === 'up' ? null : 'up')} />
          <Button size="sm" variant="ghost" icon={<ThumbDownIcon />} aria-label="Bad answer" aria-pressed={feedback === 'down'} className={feedback === 'down' ? 'pressed' : ''} onClick={() => onFeedback(feedback === 'down' ? null : 'down')} />
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
