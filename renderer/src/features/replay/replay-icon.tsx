// The Replay view's icon (a rewind arrow over a curve), drawn like the shared icons.
import type { SVGProps } from 'react';

export function ReplayIcon({ size = 16, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      <path d="M3 12a9 9 0 1 0 3-6.7" />
      <path d="M3 4v5h5" />
      <path d="M8 15l3-3 2 2 3-4" />
    </svg>
  );
}
ReplayIcon.displayName = 'ReplayIcon';
