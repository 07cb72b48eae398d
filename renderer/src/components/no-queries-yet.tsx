// What a view of recorded queries (Savings, Reports) says when its span holds none: how to record
// some, instead of cards of zeros and dashes.
import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { EmptyState } from './empty-state.tsx';

export interface NoQueriesYetProps {
  icon: ReactNode;
  /** What the view calls its span: "No queries in this range". */
  span: 'period' | 'range';
  /** What recorded queries would show there: "the savings show up here". */
  shows: string;
  /** Say that a longer span may hold some (the view offers one). */
  longerHint: boolean;
  /** Takes the user to Chat. */
  onAsk: () => void;
}

export function NoQueriesYet({ icon, span, shows, longerHint, onAsk }: NoQueriesYetProps) {
  return (
    <EmptyState icon={icon} title={`No queries in this ${span}`} action={<Button variant="primary" onClick={onAsk}>Ask something in Chat</Button>}>
      Every answer is recorded with its tokens and cost. Ask a few questions in Chat (or with <code>cascadeflow ask</code>) and {shows}{longerHint ? `, or pick a longer ${span}` : ''}.
    </EmptyState>
  );
}
