// True/false and yes/no questions: what the draft says first and what it concludes. A draft
// that opens "the first statement is true" and ends "therefore, the first statement is false"
// has reasoned itself into a contradiction; at most one of the two can be right.

/** "Is the first statement true, false, or uncertain?", "Answer yes or no". */
const ASKS_VERDICT = /\btrue,?\s+false,?\s+or\s+(?:uncertain|unknown|undetermined)\b|\btrue or false\b|\byes or no\b/i;

export function asksVerdict(query: string): boolean {
  return ASKS_VERDICT.test(query);
}

export type Verdict = 'true' | 'false' | 'uncertain';

const VERDICT_WORD: Record<string, Verdict> = {
  true: 'true', correct: 'true', yes: 'true',
  false: 'false', incorrect: 'false', no: 'false',
  uncertain: 'uncertain', undetermined: 'uncertain', unknown: 'uncertain',
};

/** "... is true", "... is definitely false", "the answer is: uncertain". */
const CLAIM = /\b(?:is|are|must be|would be)\s+(?:definitely\s+|certainly\s+|therefore\s+|also\s+|still\s+)?(true|false|uncertain|undetermined|incorrect)\b/gi;
const LEAD = /^\s*(?:\*\*)?(yes|no)\b/i;

/** A premise ("If the third statement is true, then...") is not the draft's verdict. */
function withoutPremises(sentence: string): string {
  return sentence.replace(/\b(?:if|when|assuming|given that|since|suppose)\b[^,]*,\s*/gi, '');
}

function verdictOf(sentence: string): Verdict | null {
  const lead = LEAD.exec(sentence)?.[1];
  if (lead) return VERDICT_WORD[lead.toLowerCase()] ?? null;
  const claims = [...withoutPremises(sentence).matchAll(CLAIM)];
  const last = claims[claims.length - 1]?.[1];
  return last ? (VERDICT_WORD[last.toLowerCase()] ?? null) : null;
}

function verdictsIn(answer: string): Verdict[] {
  const sentences = answer.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  return sentences.map(verdictOf).filter((v): v is Verdict => v !== null);
}

/** The verdict the draft ends on: its answer to a true/false or yes/no question. */
export function closingVerdict(answer: string): Verdict | null {
  const verdicts = verdictsIn(answer);
  return verdicts[verdicts.length - 1] ?? null;
}

/** The verdict the draft opens with and the one it ends on, when both are stated and differ. */
export function contradictoryVerdicts(answer: string): { opening: Verdict; closing: Verdict } | null {
  const verdicts = verdictsIn(answer);
  if (verdicts.length < 2) return null;
  const opening = verdicts[0] as Verdict;
  const closing = verdicts[verdicts.length - 1] as Verdict;
  return opening === closing ? null : { opening, closing };
}
