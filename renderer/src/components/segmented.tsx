import type { KeyboardEvent } from 'react';

// A row of mutually exclusive buttons (range presets, streaming modes): one choice of several, so
// a radio group as the WAI-ARIA APG describes it. One Tab stop (the checked option, or the first
// when none is), arrow keys move through the options and wrap, Home/End jump to the ends, and
// selection follows focus, as with native radio buttons.

/** Where a key moves focus from option `at` of `count`; null for a key the group does not use. */
function segmentedTarget(key: string, at: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (at + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

export function Segmented<T extends string>({ options, value, onChange, label }: { options: readonly { id: T; label: string }[]; value: T; onChange: (id: T) => void; label: string }) {
  const checked = options.findIndex((o) => o.id === value);
  const tabStop = checked === -1 ? 0 : checked;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const radios = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
    const at = radios.findIndex((r) => r === document.activeElement);
    const to = at === -1 ? null : segmentedTarget(e.key, at, radios.length);
    const option = to === null ? undefined : options[to];
    if (to === null || !option) return;
    // The arrow keys would otherwise scroll the view as well.
    e.preventDefault();
    radios[to]?.focus();
    if (option.id !== value) onChange(option.id);
  };

  return (
    <div className="segmented" role="radiogroup" aria-label={label} onKeyDown={onKeyDown}>
      {options.map((o, i) => (
        <button key={o.id} type="button" role="radio" aria-checked={o.id === value} tabIndex={i === tabStop ? 0 : -1} className={o.id === value ? 'active' : ''} onClick={() => onChange(o.id)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
