// Recomputes the calculations the draft shows its work with: numeric ("13 x 4 = 52"),
// symbolic ("z - x = y/2 - 2y + y", then "= -3y/2") and the steps of an equation it solves
// ("Q + 2Q + 2(2Q) = 700", then "5Q = 700"). A wrong step is a hard failure: a chain of
// reasoning with a wrong product or a wrong simplification in it cannot be trusted to end at
// the right answer.
import type { DraftToCheck, SignalResult } from '../types.ts';
import { wrongAlgebraSteps } from '../text/algebra.ts';
import { findCalculations } from '../text/calculations.ts';
import { wrongEquationSteps } from '../text/equations.ts';
import { formatNumber } from '../text/numbers.ts';
import { quote } from '../text/prose.ts';
import { counted } from '../../words.ts';

/** A wrong step is a hard failure whatever else the draft gets right. */
function wrongStep(reason: string): SignalResult {
  return { name: 'arithmetic', applicable: true, score: 0, hardFail: true, reason };
}

export function arithmeticSignal(draft: DraftToCheck): SignalResult {
  const name = 'arithmetic' as const;
  const calcs = findCalculations(draft.answer);
  const wrong = calcs.find((c) => !c.correct);
  if (wrong) {
    const more = calcs.filter((c) => !c.correct).length - 1;
    return wrongStep(`the draft's calculation ${wrong.text} is wrong (${wrong.computed} = ${formatNumber(wrong.expected)})${more > 0 ? `, and ${more} more` : ''}`);
  }
  const [step] = wrongAlgebraSteps(draft.answer, draft.query);
  if (step) return wrongStep(`the draft's step from "${quote(step.before.line, 60)}" to "${quote(step.after.line, 60)}" is wrong: the two expressions differ`);
  const [slip] = wrongEquationSteps(draft.answer, draft.query);
  if (slip) {
    const { before, after } = slip;
    return wrongStep(
      `the draft's step from "${quote(before.line, 60)}" (${before.variable} = ${formatNumber(before.root)}) to "${quote(after.line, 60)}" (${after.variable} = ${formatNumber(after.root)}) changes the solution`,
    );
  }
  if (calcs.length === 0) return { name, applicable: false, score: 1, reason: 'no worked calculations to check' };
  return { name, applicable: true, score: 1, reason: `${counted(calcs.length, 'calculation')} checked, all right` };
}
