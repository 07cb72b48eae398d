// A conversation keeps every answer it was given, but a follow-up question sends the models only
// the answer the user kept for each question: the newest one with text. A retried answer would
// otherwise reach the model beside its replacement (paid for again with every later question),
// and an empty one (a run that failed or was stopped before any text) is refused by Anthropic
// ("all messages must have non-empty content").

interface Turn {
  role: string;
  content: string;
}

/** Whether the answer at `index` was replaced by a later answer with text to the same question. */
export function isReplacedAnswer(messages: readonly Turn[], index: number): boolean {
  if (messages[index]?.role !== 'assistant') return false;
  for (let i = index + 1; i < messages.length; i++) {
    const m = messages[i];
    if (m?.role === 'user') return false;
    if (m?.role === 'assistant' && m.content.trim() !== '') return true;
  }
  return false;
}

/** The conversation as sent to a model: replaced and empty answers left out. */
export function keptTurns<T extends Turn>(messages: readonly T[]): T[] {
  return messages.filter((m, i) => m.role !== 'assistant' || (m.content.trim() !== '' && !isReplacedAnswer(messages, i)));
}
