// The validator's verdict on the deciding draft, with the signals and the decision in words.
import { useId, useState } from 'react';
import type { CascadeOutcome } from '../../../../shared/core/cascade/types.ts';
import { ChevronDownIcon, ChevronUpIcon, ShieldIcon } from '../../components/icons.tsx';
import { formatScore } from '../../lib/format.ts';
import { auditAttempt, decidingVerdict } from './outcome-view.ts';

const SIGNAL_LABELS: Record<string, string> = {
  confidence: 'Model confidence',
  refusal: 'Refusal',
  truncation: 'Truncation',
  degenerate: 'Repetition / degenerate text',
  arithmetic: 'Arithmetic',
  final_answer: 'Final answer present',
  json_format: 'JSON format',
  code_blocks: 'Code blocks',
  tool_calls: 'Tool calls',
  alignment: 'Answers the question',
};

export function QualityChip({ outcome }: { outcome: CascadeOutcome }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const deciding = decidingVerdict(outcome);
  const audit = auditAttempt(outcome);
  const verdict = deciding?.verdict ?? null;
  const tone = verdict === null ? 'neutral' : verdict.accepted ? 'good' : 'warn';
  const label = verdict === null ? 'not checked' : `${formatScore(verdict.score)} ${verdict.score >= verdict.threshold ? '≥' : '<'} ${formatScore(verdict.threshold)}`;

  return (
    <div className="quality">
      <button type="button" className={`quality-chip quality-${tone}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)} data-testid="quality-chip">
        <ShieldIcon size={13} />
        <span>quality {label}</span>
        {open ? <ChevronUpIcon size={13} /> : <ChevronDownIcon size={13} />}
      </button>
      {open && (
        <div className="quality-panel" id={panelId} data-testid="quality-panel">
          <p className="quality-decision">{outcome.decision}</p>
          {verdict && deciding ? (
            <>
              <p className="quality-meta">
                {deciding.attempt.model}'s draft scored {formatScore(verdict.score)} against a threshold of {formatScore(verdict.threshold)}
                {verdict.hardFailure ? ', and a hard failure escalates whatever the score' : ''}.
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
                  {[...verdict.signals]
                    .sort((a, b) => Number(b.applicable) - Number(a.applicable) || a.score - b.score)
                    .map((s) => (
                      <tr key={s.name} className={s.applicable ? (s.hardFail ? 'signal-hard' : '') : 'signal-na'}>
                        <td>{SIGNAL_LABELS[s.name] ?? s.name}</td>
                        <td>
                          {s.applicable ? (
                            <span className="signal-score">
                              <span className="signal-bar">
                                <span style={{ width: `${Math.round(s.score * 100)}%` }} className={s.score >= verdict.threshold ? 'ok' : 'low'} />
                              </span>
                              {formatScore(s.score)}
                            </span>
                          ) : (
                            'n/a'
                          )}
                        </td>
                        <td>{s.reason}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="quality-meta">{outcome.routing.skippedDrafter ? `The drafter was skipped (${outcome.complexity} query), so the top tier answered directly.` : 'No draft was validated for this answer: it came straight from the top tier.'}</p>
          )}
          <p className="quality-meta">
            Routed as {outcome.domain} / {outcome.complexity}
            {outcome.routing.domainReasons.length > 0 ? ` (${outcome.routing.domainReasons.join('; ')})` : ''}.
            {audit && ` Audited by ${audit.model}${audit.quality ? `: ${audit.quality.explanation}` : ''}.`}
          </p>
        </div>
      )}
    </div>
  );
}
