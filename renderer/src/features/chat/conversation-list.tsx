// Left column of Chat: search, new, and each conversation with its running cost and savings.
// Delete acts at once and offers Undo for a few seconds (the server keeps the conversation that
// long): no "are you sure?" before every delete, and a slip of the mouse or an Enter pressed twice
// costs nothing, since the focus lands on Undo.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ConversationListItem, ConversationMatch } from '../../../../shared/api/contract.ts';
import type { ApiError } from '../../../../shared/api/result.ts';
import { Button } from '../../components/button.tsx';
import { ErrorBanner } from '../../components/error-banner.tsx';
import { EditIcon, PlusIcon, SearchIcon, TrashIcon } from '../../components/icons.tsx';
import { formatPct, formatRelative, formatUsd, MINUS } from '../../lib/format.ts';
import { useChatStore } from '../../stores/chat-store.ts';
import { neighbourOf, useConversationsStore } from '../../stores/conversations-store.ts';
import { useNavStore } from '../../stores/nav-store.ts';
import { conversationFigures, type ConversationFigures } from './conversation-figures.ts';
import { DeletedNotice } from './deleted-notice.tsx';
import { SHORTCUTS } from './use-chat-shortcuts.ts';

/** Opens a conversation of the list; one found by a search opens at the message that matched. */
export function openConversation(c: ConversationListItem): void {
  if (c.match) useChatStore.getState().revealMessage(c.id, c.match.messageId);
  useNavStore.getState().go('chat', c.id);
}

export function ConversationList({ selectedId, onNew, searchRef }: { selectedId: string | null; onNew: () => void; searchRef?: RefObject<HTMLInputElement | null> }) {
  const items = useConversationsStore((s) => s.items);
  const status = useConversationsStore((s) => s.status);
  const error = useConversationsStore((s) => s.error);
  const search = useConversationsStore((s) => s.search);
  const setSearch = useConversationsStore((s) => s.setSearch);
  const load = useConversationsStore((s) => s.load);
  const hasMore = useConversationsStore((s) => s.hasMore);
  const showMore = useConversationsStore((s) => s.showMore);
  const previousId = neighbourOf(items, selectedId, -1)?.id;
  const nextId = neighbourOf(items, selectedId, 1)?.id;
  const listRef = useRef<HTMLUListElement>(null);

  // Search on the server (it also matches message text), debounced.
  useEffect(() => {
    const t = setTimeout(() => void load(), search ? 250 : 0);
    return () => clearTimeout(t);
  }, [search, load]);

  return (
    <aside className="conversations" aria-label="Conversations">
      <div className="conversations-head">
        <Button variant="primary" icon={<PlusIcon />} onClick={onNew} className="new-chat" data-testid="new-chat" title={`New chat (${SHORTCUTS.newChat.label})`} aria-keyshortcuts={SHORTCUTS.newChat.keys}>
          New chat
        </Button>
        <label className="search">
          <SearchIcon size={14} />
          <input
            ref={searchRef}
            type="search"
            placeholder="Search conversations"
            title={`Search conversations (${SHORTCUTS.search.label})`}
            aria-keyshortcuts={SHORTCUTS.search.keys}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Search conversations"
          />
        </label>
      </div>
      <div className="conversations-body">
        {status === 'error' && error && <ErrorBanner error={error} compact onRetry={() => void load()} />}
        {status === 'loading' && items.length === 0 && <div className="list-placeholder">Loading…</div>}
        {status === 'ready' && items.length === 0 && (
          <div className="list-placeholder">{search.trim() ? `No conversation matches “${search.trim()}”.` : 'No conversations yet. Type a question on the right to start one.'}</div>
        )}
        <ul className="conversation-items" data-testid="conversation-list" ref={listRef}>
          {items.map((c) => (
            <ConversationItem
              key={c.id}
              conversation={c}
              selected={c.id === selectedId}
              // Alt+↑/↓ open the neighbours of the open conversation (with none open, ↓ the first).
              step={c.id === previousId ? 'previous' : c.id === nextId ? 'next' : null}
              onOpen={() => openConversation(c)}
            />
          ))}
        </ul>
        {hasMore && (
          <button type="button" className="link-button list-more" onClick={() => void showMore()} data-testid="conversations-more">
            Show older conversations
          </button>
        )}
      </div>
      <DeletedNotice list={listRef} search={searchRef} />
    </aside>
  );
}

interface ConversationItemProps {
  conversation: ConversationListItem;
  selected: boolean;
  /** The item Alt+↑ or Alt+↓ opens from the open conversation. */
  step: 'previous' | 'next' | null;
  onOpen: () => void;
}

function ConversationItem({ conversation: c, selected, step, onOpen }: ConversationItemProps) {
  const rename = useConversationsStore((s) => s.rename);
  const remove = useConversationsStore((s) => s.remove);
  const go = useNavStore((s) => s.go);
  const [mode, setMode] = useState<'view' | 'rename'>('view');
  const [title, setTitle] = useState(c.title);
  const [error, setError] = useState<ApiError | null>(null);
  const figures = conversationFigures(c);
  const inputRef = useRef<HTMLInputElement>(null);
  const itemRef = useRef<HTMLLIElement>(null);
  // The control that keeps the keyboard's place when the rename box goes.
  const focusAfter = useRef<'rename' | null>(null);

  useEffect(() => {
    if (mode === 'rename') inputRef.current?.select();
    if (mode === 'view' && focusAfter.current) {
      itemRef.current?.querySelector<HTMLButtonElement>(`[data-tool="${focusAfter.current}"]`)?.focus();
      focusAfter.current = null;
    }
  }, [mode]);

  // Opened with Alt+↑/↓ (or from elsewhere): the open conversation stays in sight in a long list.
  useEffect(() => {
    if (selected) itemRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const back = (to: 'rename'): void => {
    focusAfter.current = to;
    setMode('view');
  };

  const saveTitle = async (): Promise<void> => {
    const t = title.trim();
    if (!t || t === c.title) {
      setMode('view');
      setTitle(c.title);
      return;
    }
    const e = await rename(c.id, t);
    setError(e);
    if (!e) back('rename');
  };

  const deleteNow = async (): Promise<void> => {
    const e = await remove(c.id, { wasOpen: selected });
    setError(e);
    if (!e && selected) go('chat', null);
  };

  if (mode === 'rename') {
    return (
      <li className="conversation-item editing" ref={itemRef}>
        <input
          ref={inputRef}
          value={title}
          maxLength={200}
          aria-label="Conversation title"
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => void saveTitle()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void saveTitle();
            if (e.key === 'Escape') {
              e.preventDefault();
              setTitle(c.title);
              back('rename');
            }
          }}
        />
        {error && <div className="field-error">{error.message}</div>}
      </li>
    );
  }

  return (
    <li className={`conversation-item${selected ? ' selected' : ''}`} ref={itemRef} data-conversation-id={c.id}>
      <button
        type="button"
        className="conversation-open"
        onClick={onOpen}
        aria-current={selected ? 'page' : undefined}
        title={step ? `${step === 'previous' ? 'Previous' : 'Next'} conversation (${SHORTCUTS[`${step}Conversation`].label})` : undefined}
        aria-keyshortcuts={step ? SHORTCUTS[`${step}Conversation`].keys : undefined}
      >
        <span className="conversation-title">{c.title || 'Untitled'}</span>
        {c.match && <MatchSnippet match={c.match} />}
        <span className="conversation-meta">
          <span>{formatRelative(c.updatedAt, Date.now())}</span>
          {c.messageCount > 0 && (
            <span className="conversation-cost" title={costTitle(figures)}>
              {/* "At least": the calls of a model without a price are not in the figure, and no saving follows from it. */}
              {figures.unpriced ? `≥ ${formatUsd(c.costUsd)}` : formatUsd(c.costUsd)}
              {figures.comparison && c.savingsUsd > 0 && (
                <span className="good">
                  {' '}
                  {MINUS}
                  {formatPct(c.savingsUsd / c.baselineCostUsd)}
                </span>
              )}
            </span>
          )}
        </span>
      </button>
      <span className="conversation-tools">
        <Button size="sm" variant="ghost" icon={<EditIcon />} aria-label={`Rename ${c.title}`} onClick={() => setMode('rename')} data-tool="rename" />
        <Button size="sm" variant="ghost" icon={<TrashIcon />} aria-label={`Delete ${c.title}`} title="Delete (you can undo it for a few seconds)" onClick={() => void deleteNow()} data-tool="delete" />
      </span>
      {error && <div className="field-error">{error.message}</div>}
    </li>
  );
}

/** Where the search was found, the match marked. */
function MatchSnippet({ match }: { match: ConversationMatch }) {
  const { snippet, matchStart, matchLength } = match;
  return (
    <span className="conversation-snippet" data-testid="conversation-snippet" title={snippet}>
      {snippet.slice(0, matchStart)}
      <mark>{snippet.slice(matchStart, matchStart + matchLength)}</mark>
      {snippet.slice(matchStart + matchLength)}
    </span>
  );
}

/** The header's figures, in words. */
function costTitle({ spent, unpriced, comparison }: ConversationFigures): string {
  if (unpriced) return `spent ${spent} ${unpriced.mark}: ${unpriced.note}`;
  return comparison ? `spent ${spent}; the verifier alone would have cost ${comparison.baseline}` : `spent ${spent}`;
}
