// Inline SVG icons (stroke style, currentColor) so the app ships no icon font or images.
import type { ReactElement, SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

/** Draws `paths` in the shared stroke style; features with an icon of their own use it too. */
export function icon(paths: ReactElement, name: string) {
  const Icon = ({ size = 16, ...rest }: IconProps) => (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      {paths}
    </svg>
  );
  Icon.displayName = name;
  return Icon;
}

export const ChatIcon = icon(<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z" />, 'ChatIcon');
export const SavingsIcon = icon(<><path d="M3 3v18h18" /><path d="M7 15l4-4 3 3 6-6" /></>, 'SavingsIcon');
export const ScaleIcon = icon(<><path d="M12 3v18" /><path d="M5 7h14" /><path d="M5 7l-3 7a3 3 0 0 0 6 0z" /><path d="M19 7l-3 7a3 3 0 0 0 6 0z" /><path d="M8 21h8" /></>, 'ScaleIcon');
export const ReplayIcon = icon(<><path d="M3 12a9 9 0 1 0 3-6.7" /><path d="M3 4v5h5" /><path d="M8 15l3-3 2 2 3-4" /></>, 'ReplayIcon');
export const ReportsIcon = icon(<><path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z" /><path d="M14 3v6h6" /><path d="M8 13h8M8 17h5" /></>, 'ReportsIcon');
export const SettingsIcon = icon(<><circle cx="12" cy="12" r="3" /><path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" /></>, 'SettingsIcon');
export const PlusIcon = icon(<path d="M12 5v14M5 12h14" />, 'PlusIcon');
export const SearchIcon = icon(<><circle cx="11" cy="11" r="7" /><path d="M21 21l-4.3-4.3" /></>, 'SearchIcon');
export const TrashIcon = icon(<><path d="M3 6h18" /><path d="M8 6V4h8v2" /><path d="M19 6l-1 14H6L5 6" /></>, 'TrashIcon');
export const EditIcon = icon(<><path d="M12 20h9" /><path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z" /></>, 'EditIcon');
export const CopyIcon = icon(<><rect x="9" y="9" width="12" height="12" rx="2" /><path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1" /></>, 'CopyIcon');
export const RetryIcon = icon(<><path d="M3 12a9 9 0 0 1 15.5-6.3L21 8" /><path d="M21 3v5h-5" /><path d="M21 12a9 9 0 0 1-15.5 6.3L3 16" /><path d="M3 21v-5h5" /></>, 'RetryIcon');
export const ThumbUpIcon = icon(<><path d="M7 10v11H3V10z" /><path d="M7 10l4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.1 21H7" /></>, 'ThumbUpIcon');
export const ThumbDownIcon = icon(<><path d="M17 14V3h4v11z" /><path d="M17 14l-4 8a3 3 0 0 1-3-3v-4H4.5a2 2 0 0 1-2-2.3l1.4-8A2 2 0 0 1 5.9 3H17" /></>, 'ThumbDownIcon');
export const StopIcon = icon(<rect x="6" y="6" width="12" height="12" rx="2" />, 'StopIcon');
export const SendIcon = icon(<><path d="M22 2L11 13" /><path d="M22 2l-7 20-4-9-9-4z" /></>, 'SendIcon');
export const ChevronDownIcon = icon(<path d="M6 9l6 6 6-6" />, 'ChevronDownIcon');
export const ChevronUpIcon = icon(<path d="M18 15l-6-6-6 6" />, 'ChevronUpIcon');
export const ShieldIcon = icon(<><path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z" /><path d="M9 12l2 2 4-4" /></>, 'ShieldIcon');
export const ArrowUpIcon = icon(<><path d="M12 19V5" /><path d="M5 12l7-7 7 7" /></>, 'ArrowUpIcon');
export const ArrowDownIcon = icon(<><path d="M12 5v14" /><path d="M19 12l-7 7-7-7" /></>, 'ArrowDownIcon');
export const AlertIcon = icon(<><path d="M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" /><path d="M12 9v4M12 17h.01" /></>, 'AlertIcon');
export const CheckIcon = icon(<path d="M20 6L9 17l-5-5" />, 'CheckIcon');
export const DownloadIcon = icon(<><path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4" /><path d="M7 10l5 5 5-5" /><path d="M12 15V3" /></>, 'DownloadIcon');
export const ChipIcon = icon(<><rect x="5" y="5" width="14" height="14" rx="2" /><path d="M9 1v4M15 1v4M9 19v4M15 19v4M1 9h4M1 15h4M19 9h4M19 15h4" /></>, 'ChipIcon');
export const CloudIcon = icon(<path d="M18 10h-1.3A8 8 0 1 0 9 20h9a5 5 0 0 0 0-10z" />, 'CloudIcon');
export const XIcon = icon(<path d="M18 6L6 18M6 6l12 12" />, 'XIcon');
export const LogoIcon = icon(<><path d="M4 6h10" /><path d="M4 12h7" /><path d="M4 18h4" /><path d="M14 6l6 6-6 6" /></>, 'LogoIcon');
