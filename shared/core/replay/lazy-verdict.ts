// The validator as the replay's engine uses it: the real validateDraft, run when the engine
// first reads the verdict instead of up front. The engine reads a draft's verdict at once to
// decide, but never reads the top tier's (its answer is accepted whatever it says), and a
// replay never looks at it either: skipping that work halves the validation time of a replay
// without changing any decision. Whoever does read it gets the real verdict.
import { validateDraft } from '../quality/decide.ts';
import type { DraftToCheck, QualityVerdict } from '../quality/types.ts';

export function lazyVerdict(draft: DraftToCheck, threshold: number): QualityVerdict {
  let verdict: QualityVerdict | undefined;
  const real = (): QualityVerdict => (verdict ??= validateDraft(draft, threshold));
  return {
    get score() {
      return real().score;
    },
    get threshold() {
      return real().threshold;
    },
    get accepted() {
      return real().accepted;
    },
    get signals() {
      return real().signals;
    },
    get reasons() {
      return real().reasons;
    },
    get explanation() {
      return real().explanation;
    },
    get hardFailure() {
      return real().hardFailure;
    },
  } satisfies QualityVerdict;
}
