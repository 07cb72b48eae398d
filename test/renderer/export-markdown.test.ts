import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../shared/api/contract.ts';
import { Lexer } from 'marked';
import { conversationMarkdown, markdownFileName } from '../../renderer/src/features/chat/export-markdown.ts';
import { attempt, conversation, escalatedOutcome, outcome } from './fixtures.ts';

function message(role: 'user' | 'assistant', content: string, o: MessageView['outcome'] = null): MessageView {
  return { id: `${role}-${content.length}`, role, content, createdAt: 1_700_000_000_000, queryId: o ? o.queryId : null, outcome: o, feedback: null };
}

describe('conversation export to Markdown', () => {
  it('writes the spent total as a lower bound, without a saving, when an answer used a model without a price', () => {
    const md = conversationMarkdown(conversation({ title: 'Mixed', costUsd: 0.000004, baselineCostUsd: 0.00044, savingsUsd: 0.000436, unknownPriceQueries: 1 }), [], new Date(Date.UTC(2026, 10, 29, 12)));
    expect(md.split('\n')[2]).toBe('_Exported from CascadeFlow on 2026-11-29 · spent $0.000004 + price unknown · 1 answer used a model without a known price: its cost is not in this total._');
  });

  it('writes each question and each answer with its model, cost, escalation and reasoning', () => {
    const accepted = outcome({ attempts: [attempt({ text: '17 * 23 = 391.', thinking: '17 * 20 = 340; 340 + 51 = 391.' })], answer: '17 * 23 = 391.' });
    const md = conversationMarkdown(
      conversation({ title: 'Arithmetic', costUsd: 0.0003042, baselineCostUsd: 0.00044, savingsUsd: 0.0001358 }),
      [message('user', 'What is 17 * 23?'), message('assistant', '17 * 23 = 391.', accepted), message('user', 'And 13 * 4?'), message('assistant', '13 * 4 = 52.', escalatedOutcome())],
      new Date(Date.UTC(2026, 10, 29, 12)),
    );
    expect(md).toBe(
      [
        '# Arithmetic',
        '',
        '_Exported from CascadeFlow on 2026-11-29 · spent $0.000304 · the verifier alone: $0.000440 · saved $0.000136_',
        '',
        '## You',
        '',
        '```text',
        'What is 17 * 23?',
        '```',
        '',
        '## llama3.2:3b (drafter, local) · $0.000002',
        '',
        '<details><summary>Reasoning</summary>',
        '',
        '17 * 20 = 340; 340 + 51 = 391.',
        '',
        '</details>',
        '',
        '17 * 23 = 391.',
        '',
        '## You',
        '',
        '```text',
        'And 13 * 4?',
        '```',
        '',
        '## gpt-4o (verifier, cloud) · $0.000302',
        '',
        "> Escalated from llama3.2:3b: the draft's calculation 13 x 4 = 56 is wrong (13 x 4 = 52)",
        '',
        '13 * 4 = 52.',
        '',
      ].join('\n'),
    );
  });

  it('marks an answer a retry replaced', () => {
    const first = outcome({ answer: 'Thirteen.' });
    const second = outcome({ answer: 'Eleven.' });
    const md = conversationMarkdown(conversation(), [message('user', 'A prime?'), { ...message('assistant', 'Thirteen.', first), id: 'a1' }, { ...message('assistant', 'Eleven.', second), id: 'a2' }], new Date(0));
    expect(md).toContain('## llama3.2:3b (drafter, local) · $0.000002 · replaced by a retry\n\nThirteen.\n\n## llama3.2:3b (drafter, local) · $0.000002\n\nEleven.\n');
  });

  it('says when no model answered, and names the file after the title', () => {
    const failed = outcome({ status: 'failed', answer: '', error: { code: 'unreachable', message: 'Ollama is not running at http://127.0.0.1:11434' } });
    const md = conversationMarkdown(conversation(), [message('user', 'hi'), message('assistant', '', failed)], new Date(0));
    expect(md).toContain('## No answer\n\n_Ollama is not running at http://127.0.0.1:11434_\n');
    // Nothing to compare with: no "the verifier alone: $0.00".
    expect(md).toContain('_Exported from CascadeFlow on 1970-01-01 · spent $0.00_\n');
    expect(markdownFileName('What is 17 * 23? (café)')).toBe('What-is-17-23-cafe.md');
    expect(markdownFileName('???')).toBe('conversation.md');
  });

  it('keeps its own outline: questions fenced, answer headings below its levels, code as written', () => {
    const question = ['# Why', 'does this fail?', '', '```', '# not a heading', '```', '', '- one', '- two', '> quoted', 'Uses ```` four ticks'].join('\n');
    const answer = [
      '# Summary',
      '',
      'Short version.',
      '',
      '## Details',
      '',
      '```python',
      '# a comment, not a heading',
      'print(1)',
      '```',
      '',
      '- a list item',
      '  - nested',
      '',
      'Setext title',
      '============',
      '',
      '##### Deep',
      '',
      '###### Deepest',
    ].join('\n');
    const md = conversationMarkdown(conversation({ title: 'Outline' }), [message('user', question), message('assistant', answer, outcome({ answer }))], new Date(0));

    // The question, byte for byte, inside a fence longer than any backtick run in it.
    expect(md).toContain(`## You\n\n\`\`\`\`\`text\n${question}\n\`\`\`\`\`\n`);
    // The answer: headings two levels down (h6 at most), everything else untouched.
    expect(md).toContain(
      [
        '### Summary',
        '',
        'Short version.',
        '',
        '#### Details',
        '',
        '```python',
        '# a comment, not a heading',
        'print(1)',
        '```',
        '',
        '- a list item',
        '  - nested',
        '',
        '### Setext title',
        '',
        '###### Deep',
        '',
        '###### Deepest',
      ].join('\n'),
    );
    // Read as Markdown: the title and one ## per message are the only headings above h3.
    const headings = Lexer.lex(md).flatMap((t) => (t.type === 'heading' ? [[(t as typeof t & { depth: number }).depth, t.text]] : []));
    expect(headings.filter(([depth]) => Number(depth) <= 2)).toEqual([
      [1, 'Outline'],
      [2, 'You'],
      [2, 'llama3.2:3b (drafter, local) · $0.000002'],
    ]);
    expect(headings.map(([, text]) => text)).not.toContain('Why');
  });

  it('keeps the TeX of an answer as written: delimiters, dollars and a $$ block whose lines look like Markdown', () => {
    const answer = [
      '# Ratio',
      '',
      'With $a = 5$ apples at \\$2 each, or $5 and $10 in all:',
      '',
      '$$',
      '# n = \\frac{a}{b}',
      '- 1',
      '$$',
      '',
      'and inline \\(x_1\\) or \\[E = mc^2\\].',
    ].join('\n');
    const md = conversationMarkdown(conversation({ title: 'Math' }), [message('assistant', answer, outcome({ answer }))], new Date(0));
    expect(md).toContain(`\n### Ratio${answer.slice('# Ratio'.length)}\n`);
  });
});
