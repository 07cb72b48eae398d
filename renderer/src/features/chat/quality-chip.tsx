// The validator's verdict on the answer, expanding to each checked draft's signals and the
// decision in words.
import { useId, useState } from 'react';
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import type { QualityVerdict, SignalName } from '../../../../shared/core/quality/types.ts';
import { ChevronDownIcon, ChevronUpIcon, ShieldIcon } from '../../components/icons.tsx';
import { RichText } from '../../components/rich-text.tsx';
import { formatScore } from '../../lib/format.ts';
import { auditAttempt, decidingVerdict, verdicts } from './outcome-view.ts';

const SIGNAL_LABELS: Record<SignalName, string> = {
  confidence: 'Model confidence',
  refusal: 'Refusal',
  truncation: 'Truncation',
  degenerate: 'Repetition / degenerate text',
  arithmetic: 'Arithmetic',
  final_answer: 'Final answer present',
  consistency: 'Agrees with other samples',
  self_revision: 'Working changes course',
  json_format: 'JSON format',
  code_blocks: 'Code blocks',
  tool_calls: 'Tool calls',
  alignment: 'Answers the question',
};

/**
 * The validator's reasons name what they check "the draft"; under a final answer (a verifier's,
 * or a draft that was kept) "the answer" is what the reader is looking at.
 */
const asAnswerReason = (reason: string): string => reason.replace(/\b([Tt])he draft\b/g, (_, t: string) => `${t}he answer`);

const compare = (v: QualityVerdict) => `${formatScore(v.score)} ${v.score >= v.threshold ? '≥' : '<'} ${formatScore(v.threshold)}`;

/** `onOpen`: told when the panel opens, so the answer can show the rest of its facts beside it. */
export function QualityChip({ outcome, onOpen }: { outcome: CascadeOutcome; onOpen?: () => void }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const shown = decidingVerdict(outcome);
  const checked = verdicts(outcome);
  const audit = auditAttempt(outcome);
  const verdict = shown?.verdict ?? null;
  const tone = verdict === null ? 'neutral' : verdict.accepted ? 'good' : 'warn';
  const toggle = (): void => {
    if (!open) onOpen?.();
    setOpen(!open);
  };

  return (
    <div className="quality">
      <button type="button" className={`quality-chip quality-${tone}`} aria-expanded={open} aria-controls={panelId} onClick={toggle} data-testid="quality-chip">
        <ShieldIcon size={13} />
        <span>quality {verdict ? compare(verdict) : 'not checked'}</span>
        {open ? <ChevronUpIcon size={13} /> : <ChevronDownIcon size={13} />}
      </button>
      {open && (
        <div className="quality-panel" id={panelId} data-testid="quality-panel">
          {/* The decision repeats failed tiers' errors, which name commands in backticks. */}
          <p className="quality-decision">
            <RichText text={outcome.decision} />
          </p>
          {checked.length === 0 && (
            <p className="quality-meta">
              {outcome.routing.skippedDrafter ? `The drafter was skipped (${outcome.complexity} query), so the top tier answered directly.` : 'No draft was validated for this answer: it came straight from the top tier.'}
            </p>
          )}
          {checked.map(({ attempt, verdict: v, final }, i) => (
            <section key={i} className="quality-attempt">
              <p className="quality-meta">
                <strong>
                  {final ? `${attempt.model}'s answer` : `${attempt.model}'s draft`}: {compare(v)}
                </strong>{' '}
                — {v.accepted ? 'accepted' : 'rejected'}
                {v.hardFailure ? ' (a hard failure escalates whatever the score)' : ''}.
              </p>
              <table className="signals">
                <thead>
                  <tr>
                    <th>Signal</th>
                    <th>Score</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  {[...v.signals]
                    .sort((a, b) => Number(b.applicable) - Number(a.applicable) || a.score - b.score)
                    .map((s) => (
                      <tr key={s.name} className={s.applicable ? (s.hardFail ? 'signal-hard' : '') : 'signal-na'}>
                        <td>{SIGNAL_LABELS[s.name] ?? s.name}</td>
                        <td>
                          {s.applicable ? (
                            <span className="signal-score">
                              <span className="signal-bar">
                                <span style={{ width: `${Math.round(s.score * 100)}%` }} className={s.score >= v.threshold ? 'ok' : 'low'} />
                              </span>
                              {formatScore(s.score)}
                            </span>
                          ) : (
                            'n/a'
                          )}
                        </td>
                        <td>
                          <RichText text={final ? asAnswerReason(s.reason) : s.reason} />
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </section>
          ))}
          <p className="quality-meta">
            Routed as {outcome.domain} / {outcome.complexity}
            {outcome.routing.domainReasons.length > 0 ? ` (${outcome.routing.domainReasons.join('; ')})` : ''}.
            {audit && (
              <>
                {' '}
                Audited by {audit.model}
                {audit.quality ? (
                  <>
                    : <RichText text={audit.quality.explanation} />
                  </>
                ) : null}
                .
              </>
            )}
          </p>
        </div>
      )}
    </div>
  );
}
