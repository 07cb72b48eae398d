// Recomputes the calculations the draft shows its work with. A wrong step is a hard failure:
// a chain of reasoning with a wrong product in it cannot be trusted to end at the right answer.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { findCalculations } from '../text/calculations.ts';
import { formatNumber } from '../text/numbers.ts';

export function arithmeticSignal(draft: DraftToCheck): SignalResult {
  const name = 'arithmetic' as const;
  const calcs = findCalculations(draft.answer);
  if (calcs.length === 0) return { name, applicable: false, score: 1, reason: 'no worked calculations to check' };
  const wrong = calcs.find((c) => !c.correct);
  if (wrong) {
    const more = calcs.filter((c) => !c.correct).length - 1;
    return {
      name,
      applicable: true,
      score: 0,
      hardFail: true,
      reason: `the draft's calculation ${wrong.text} is wrong (${wrong.computed} = ${formatNumber(wrong.expected)})${more > 0 ? `, and ${more} more` : ''}`,
    };
  }
  return { name, applicable: true, score: 1, reason: `${calcs.length} calculation${calcs.length === 1 ? '' : 's'} checked, all right` };
}
