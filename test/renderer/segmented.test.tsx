import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Segmented } from '../../renderer/src/components/segmented.tsx';

const TARGETS = [
  { id: '90', label: '90%' },
  { id: '95', label: '95%' },
  { id: '99', label: '99%' },
] as const;

type Target = (typeof TARGETS)[number]['id'];

function Targets({ initial, onChange }: { initial: Target; onChange?: (id: Target) => void }) {
  const [value, setValue] = useState<Target>(initial);
  return (
    <Segmented
      label="Target"
      options={TARGETS}
      value={value}
      onChange={(id) => {
        onChange?.(id);
        setValue(id);
      }}
    />
  );
}

const radio = (name: string) => screen.getByRole('radio', { name });
const checked = () => screen.getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true').map((r) => r.textContent);
const tabStops = () => screen.getAllByRole('radio').filter((r) => r.tabIndex === 0).map((r) => r.textContent);

afterEach(cleanup);

describe('Segmented, a radio group', () => {
  it('is one Tab stop, on the checked option', () => {
    render(<Targets initial="95" />);
    expect(screen.getByRole('radiogroup', { name: 'Target' })).toBeTruthy();
    expect(tabStops()).toEqual(['95%']);
    expect(radio('90%').tabIndex).toBe(-1);
  });

  it('moves and selects with the arrow keys, wrapping at the ends', () => {
    const onChange = vi.fn();
    render(<Targets initial="95" onChange={onChange} />);
    radio('95%').focus();
    fireEvent.keyDown(radio('95%'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(radio('99%'));
    expect(checked()).toEqual(['99%']);
    expect(tabStops()).toEqual(['99%']);
    fireEvent.keyDown(radio('99%'), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(radio('90%'));
    expect(checked()).toEqual(['90%']);
    fireEvent.keyDown(radio('90%'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(radio('99%'));
    fireEvent.keyDown(radio('99%'), { key: 'ArrowUp' });
    expect(document.activeElement).toBe(radio('95%'));
    expect(checked()).toEqual(['95%']);
    expect(onChange.mock.calls.map(([id]) => id as string)).toEqual(['99', '90', '99', '95']);
  });

  it('jumps to the first and last option with Home and End', () => {
    render(<Targets initial="95" />);
    radio('95%').focus();
    const end = fireEvent.keyDown(radio('95%'), { key: 'End' });
    expect(end).toBe(false); // handled: the page does not scroll too
    expect(document.activeElement).toBe(radio('99%'));
    expect(checked()).toEqual(['99%']);
    fireEvent.keyDown(radio('99%'), { key: 'Home' });
    expect(document.activeElement).toBe(radio('90%'));
    expect(checked()).toEqual(['90%']);
  });

  it('leaves other keys alone', () => {
    const onChange = vi.fn();
    render(<Targets initial="95" onChange={onChange} />);
    radio('95%').focus();
    expect(fireEvent.keyDown(radio('95%'), { key: 'Tab' })).toBe(true);
    expect(fireEvent.keyDown(radio('95%'), { key: 'a' })).toBe(true);
    expect(document.activeElement).toBe(radio('95%'));
    expect(onChange).not.toHaveBeenCalled();
  });

  it('makes the first option the Tab stop when none is checked', () => {
    render(<Segmented label="Target" options={TARGETS} value={'none' as Target} onChange={() => undefined} />);
    expect(tabStops()).toEqual(['90%']);
  });
});
