// The drafter's consistency samples of a run: one muted line per drafting tier, expandable to a
// line per sample when there are several. Their texts are never shown: they only voted.
import { useState } from 'react';
import { ChevronDownIcon, ChevronUpIcon } from '../../components/icons.tsx';
import { sampleGroupText, sampleGroups, sampleLineText, type SampleGroup, type SampleInput } from './samples-view.ts';

const WHY = "Extra answers of the drafter, drawn to check that the draft reaches the same final answer. Each is a paid call, counted in the run's cost.";

export function ConsistencySamples({ attempts }: { attempts: readonly SampleInput[] }) {
  const groups = sampleGroups(attempts);
  if (groups.length === 0) return null;
  return (
    <div className="consistency-samples run-note" data-testid="consistency-samples">
      {groups.map((g) => (
        <SampleGroupLine key={g.tier} group={g} />
      ))}
    </div>
  );
}

function SampleGroupLine({ group }: { group: SampleGroup }) {
  const [open, setOpen] = useState(false);
  const several = group.lines.length > 1;
  return (
    <div className="consistency-sample-group">
      <span title={WHY} data-testid="consistency-samples-line">
        {sampleGroupText(group)}
      </span>
      {several && (
        <>
          {' '}
          <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'hide' : 'each'} {open ? <ChevronUpIcon size={12} /> : <ChevronDownIcon size={12} />}
          </button>
        </>
      )}
      {several && open && (
        <ul data-testid="consistency-sample-list">
          {group.lines.map((l) => (
            <li key={l.number}>{sampleLineText(l)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
