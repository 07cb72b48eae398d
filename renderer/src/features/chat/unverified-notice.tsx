// Above an answer the verifier never checked: the draft is shown as it was, so say in plain
// view that it failed the quality check and why no verifier replaced it. The badge alone
// ("unverified") reads like a detail, while the app already knows the draft is probably wrong.
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { AlertIcon } from '../../components/icons.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { unverifiedDraft } from './outcome-view.ts';

export function UnverifiedNotice({ outcome }: { outcome: CascadeOutcome }) {
  const u = unverifiedDraft(outcome);
  if (!u) return null;
  return (
    <div className="escalation unverified-notice" role="note" data-testid="unverified-notice">
      <div className="escalation-line">
        <AlertIcon size={14} />
        <span>
          Not verified: this is <strong>{u.model}</strong>'s draft as written
          {u.reason ? (
            <>
              , and it did not pass the quality check: <RichText text={u.reason} />
            </>
          ) : null}
          .
          {/* Two tiers may run one model (at other thinking levels): the place keys each failure. */}
          {u.failures.map((f, i) => (
            <span key={`${i}-${f.model}`} className="unverified-failure">
              {' '}
              <strong>{f.model}</strong> could not check it: <RichText text={sentence(f.message)} />
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}

function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
