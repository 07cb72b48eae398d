// What a question asks for: a number, a count of things, one of several listed choices.
// Used to decide whether a draft must state a final number or a choice.

export interface QuestionShape {
  /** The question wants a numeric result (how many, how much, calculate...). */
  asksNumber: boolean;
  /** "how many pieces": a count of whole things; null when the unit can be fractional. */
  countOf: string | null;
  /** The option letters of a multiple-choice question ("A".."E"), or null. */
  choices: string[] | null;
}

const NUMBER_QUESTION = [
  /\bhow (?:many|much|long|far|old|often|fast|tall|high|big|heavy|wide|deep)\b/i,
  /\bwhat (?:is|was|are|were|'s|will be|would be) (?:the )?(?:total|sum|product|difference|value|number|cost|price|amount|area|perimeter|volume|average|mean|median|probability|percentage|percent|ratio|remainder|result|speed|distance|length|weight|answer|profit|age|rate|height|width)\b/i,
  /\b(?:calculate|compute|solve for|determine the (?:value|number|total|amount))\b/i,
  /\bevaluate\s+(?:the )?(?:expression|integral|sum|limit|derivative|product|[\d(])/i,
  /\bfind (?:the )?(?:value|number|total|sum|area|perimeter|volume|probability|remainder|product|average|amount|cost)\b/i,
  /\bwhat percent(?:age)?\b/i,
];
/** "how much do you know about..." is not a request for a number. */
const NOT_NUMBER = /\bhow much (?:do|does|did|should|would|can|could|will) (?:you|i|we|it|one|people) (?:know|care|matter|like|love|hate|think|mean|want|need to know|trust|value)\b|\bhow much (?:does it matter|is too much|is enough)\b/i;
const HAS_QUANTITY = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|half|twice|double|dozen|total|sum|cost|price|dollars?)\b/i;

/** Units that can be fractional: "how many hours" may well be 2.5. */
const CONTINUOUS = new Set(
  (
    'hour hours minute minutes second seconds day days week weeks month months year years mile miles km kilometer ' +
    'kilometers kilometre kilometres meter meters metre metres cm centimeters mm feet foot inch inches yard yards pound ' +
    'pounds lb lbs ounce ounces oz kg kilograms kilogram gram grams g liter liters litre litres ml gallon gallons cup cups ' +
    'quart quarts pint pints tablespoons teaspoons dollars dollar cents cent euros percent degrees square cubic acres acre ' +
    'calories hectares tons tonnes'
  ).split(' '),
);
/** Words between "how many" and the counted noun. */
const FILLER = new Set(['more', 'fewer', 'less', 'total', 'additional', 'extra', 'different', 'full', 'new', 'whole', 'complete', 'remaining', 'of', 'the', 'in', 'all', 'other', 'same']);

/** "What is 8 * 9?": an arithmetic expression asked for outright. */
const ARITHMETIC_QUESTION = /\b(?:what(?: is|'s| are)|how much is|compute|calculate|evaluate)\s+\(?-?\d[\d.,]*\)?\s*(?:[-+*/x×÷^]|times|plus|minus|divided by)\s*\(?-?\d/i;

/**
 * Whether the question asks for the value of an arithmetic expression. Narrower than asksNumber's
 * word problems: used where a number is the whole answer (comparing samples' final answers), not
 * for checks of a word problem's working.
 */
export function asksArithmetic(query: string): boolean {
  return ARITHMETIC_QUESTION.test(query);
}

export function analyzeQuestion(query: string): QuestionShape {
  const asksNumber = NUMBER_QUESTION.some((re) => re.test(query)) && !NOT_NUMBER.test(query) && HAS_QUANTITY.test(query);
  return { asksNumber, countOf: asksNumber ? countedNoun(query) : null, choices: choicesOf(query) };
}

const NOT_NOUNS = new Set(['is', 'are', 'does', 'do', 'did', 'can', 'will', 'would', 'should', 'could', 'must', 'was', 'were', 'has', 'have', 'had', 'they', 'he', 'she', 'it', 'you', 'we', 'i', 'there', 'times', 'like', 'to', 'on', 'at', 'for', 'from', 'with', 'that', 'than']);

/** "how many jigsaw pieces are left" -> "jigsaw pieces"; null when the unit can be fractional. */
function countedNoun(query: string): string | null {
  const m = /\bhow many\s+([a-z][a-z' -]{0,60})/i.exec(query);
  if (!m?.[1]) return null;
  const words = m[1].toLowerCase().split(/[\s-]+/).slice(0, 4);
  const noun: string[] = [];
  for (const w of words) {
    if (CONTINUOUS.has(w)) return null;
    if (NOT_NOUNS.has(w)) break;
    if (FILLER.has(w)) {
      if (noun.length > 0) break;
      continue;
    }
    noun.push(w);
    if (noun.length === 2) break;
  }
  if (noun.length === 0) return null;
  // "how many pages a day, on average" is a rate: fractions are fine.
  if (/\b(?:average|on average|per|each|a day|a week|an hour)\b/i.test(query.slice(m.index))) return null;
  return noun.join(' ');
}

/** Lettered lists are data ("a) Company X reported...") unless the question asks to pick. */
const ASKS_TO_CHOOSE = /\b(?:which (?:one|of (?:the|these))|choose|select|pick|correct (?:answer|option|choice)|multiple[- ]choice|best (?:answer|describes|option))\b/i;

function choicesOf(query: string): string[] | null {
  if (!ASKS_TO_CHOOSE.test(query)) return null;
  const letters = new Set<string>();
  for (const m of query.matchAll(/(?:^|\n)\s*\(?([A-Ea-e])[).:]\s+\S/g)) if (m[1]) letters.add(m[1].toUpperCase());
  if (letters.size < 3) for (const m of query.matchAll(/\(([A-E])\)\s*\S/g)) if (m[1]) letters.add(m[1]);
  if (letters.size < 3 || !letters.has('A') || !letters.has('B')) return null;
  return [...letters].sort();
}
