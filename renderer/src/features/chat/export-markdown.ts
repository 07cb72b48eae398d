// A conversation as a Markdown file: each question, and each answer with the model that gave
// it, what it cost, and why it was escalated when it was. What the chat shows, to keep or share.
// The file's outline is the title (#) and one ## per message: a question is fenced (the chat
// shows it as plain text, and its `#` or `>` must not start a section), and an answer's own
// headings are moved below ## (its code blocks as written).
import type { ConversationSummary, MessageView } from '../../../../shared/api/contract.ts';
import { isReplacedAnswer } from '../../../../shared/core/cascade/kept-answers.ts';
import { formatUsd } from '../../lib/format.ts';
import { conversationFigures } from './conversation-figures.ts';
import { demoteHeadings, fencedText } from './markdown-outline.ts';
import { answerRole, finalAttempt, isLocalModel, replacedDrafts } from './outcome-view.ts';

/** An answer's `#` becomes `###`: below the export's title (#) and message headings (##). */
const ANSWER_HEADING_SHIFT = 2;

function answerHeading(m: MessageView, replaced: boolean): string {
  const o = m.outcome;
  const note = replaced ? ' · replaced by a retry' : '';
  if (!o) return `## Answer${note}`;
  if (o.status === 'failed') return '## No answer';
  const attempt = finalAttempt(o);
  const where = attempt && isLocalModel(attempt.provider, attempt.pricing) ? 'local' : 'cloud';
  return `## ${o.model} (${answerRole(o)}, ${where}) · ${formatUsd(o.costUsd)}${o.cache ? ' · from the cache' : ''}${note}`;
}

function answerBody(m: MessageView): string[] {
  const o = m.outcome;
  const out: string[] = [];
  for (const d of o ? replacedDrafts(o) : []) out.push(`> Escalated from ${d.model}: ${d.reason}`, '');
  const thinking = o ? finalAttempt(o)?.thinking : undefined;
  if (thinking) out.push('<details><summary>Reasoning</summary>', '', demoteHeadings(thinking.trim(), ANSWER_HEADING_SHIFT), '', '</details>', '');
  if (o?.status === 'failed') out.push(`_${o.error?.message ?? o.decision}_`);
  else out.push(demoteHeadings(m.content.trim(), ANSWER_HEADING_SHIFT) || '_(empty answer)_');
  return out;
}

export function conversationMarkdown(conversation: ConversationSummary, messages: MessageView[], exportedAt: Date): string {
  const { spent, unpriced, comparison } = conversationFigures(conversation);
  const compared = comparison ? ` · the verifier alone: ${comparison.baseline} · saved ${comparison.saved}` : '';
  const unknown = unpriced ? ` ${unpriced.mark} · ${unpriced.note}` : '';
  const lines = [`# ${conversation.title}`, '', `_Exported from CascadeFlow on ${exportedAt.toISOString().slice(0, 10)} · spent ${spent}${unknown}${compared}_`];
  messages.forEach((m, i) => {
    lines.push('');
    if (m.role === 'user') lines.push('## You', '', fencedText(m.content.trim()));
    else lines.push(answerHeading(m, isReplacedAnswer(messages, i)), '', ...answerBody(m));
  });
  return `${lines.join('\n')}\n`;
}

/** A file name from the title: letters, digits and dashes, never empty. */
export function markdownFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'conversation'}.md`;
}
