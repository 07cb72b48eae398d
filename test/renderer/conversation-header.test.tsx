import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationHeader } from '../../renderer/src/features/chat/conversation-header.tsx';
import { conversation } from './fixtures.ts';

afterEach(cleanup);

const figures = () => [...screen.getByTestId('conversation-figures').children].map((el) => el.textContent);

describe('conversation header', () => {
  it('writes its three figures to the same decimals', () => {
    render(<ConversationHeader conversation={conversation({ messageCount: 2, costUsd: 0.00008, baselineCostUsd: 0.000158, savingsUsd: 0.000078 })} messages={[]} />);
    expect(figures()).toEqual(['spent $0.000080', 'verifier alone $0.000158', 'saved $0.000078']);
  });

  it('names the verifier-alone figure in the saving\'s tooltip, for a window too narrow to show it', () => {
    render(<ConversationHeader conversation={conversation({ messageCount: 2, costUsd: 0.001485, baselineCostUsd: 0.007015, savingsUsd: 0.00553 })} messages={[]} />);
    const saved = screen.getByText('saved', { exact: false });
    expect(saved.getAttribute('title')).toBe('Saved by answering with cheaper models: the verifier alone would have cost $0.007015');
  });

  it('writes a negative saving with the minus sign', () => {
    render(<ConversationHeader conversation={conversation({ messageCount: 2, costUsd: 0.000087, baselineCostUsd: 0.000085, savingsUsd: -0.000002 })} messages={[]} />);
    expect(figures()).toEqual(['spent $0.000087', 'verifier alone $0.000085', 'saved −$0.000002']);
  });

  it('shows only what was spent when there is no baseline to compare with (every run failed)', () => {
    render(<ConversationHeader conversation={conversation({ messageCount: 2, costUsd: 0.000004, baselineCostUsd: 0, savingsUsd: -0.000004 })} messages={[]} />);
    expect(figures()).toEqual(['spent $0.000004']);
  });

  it('says a total is only what is known when answers used a model without a price, and claims no saving', () => {
    render(<ConversationHeader conversation={conversation({ messageCount: 4, costUsd: 0.000004, baselineCostUsd: 0.000158, savingsUsd: 0.000154, unknownPriceQueries: 2 })} messages={[]} />);
    expect(figures()).toEqual(['spent $0.000004 + price unknown']);
    expect(screen.getByTitle(/2 answers used a model without a known price/)).toBeTruthy();
  });
});
