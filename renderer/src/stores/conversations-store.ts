// The conversation list (left column of Chat): search, create, rename, delete and undo the delete.
import { create } from 'zustand';
import type { ConversationListItem, ConversationSummary } from '../../../shared/api/contract.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/instance.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The last conversation deleted here, while the server still lets the delete be undone. */
export interface DeletedConversation {
  conversation: ConversationListItem;
  /** Its place in the list when it was deleted (where the keyboard's focus goes on). */
  index: number;
  /** It was the open conversation: Undo opens it again. */
  wasOpen: boolean;
  /** Epoch ms (this machine's clock) after which Undo is no longer offered. */
  until: number;
  /** Why the last Undo failed (the notice then stays until closed). */
  error: ApiError | null;
}

interface ConversationsState {
  /** In a search, an item found in a message carries the match (its id and the words around it). */
  items: ConversationListItem[];
  search: string;
  status: LoadStatus;
  error: ApiError | null;
  /** How many of the newest conversations the list asks for; "Show older" asks for more. */
  limit: number;
  /** The last answer filled the limit: older conversations may be left. */
  hasMore: boolean;
  load(): Promise<void>;
  showMore(): Promise<void>;
  setSearch(search: string): void;
  create(title?: string): Promise<{ ok: true; conversation: ConversationSummary } | { ok: false; error: ApiError }>;
  rename(id: string, title: string): Promise<ApiError | null>;
  /** Deletes, and offers to undo it for as long as the server allows (`deleted`). */
  remove(id: string, options?: { wasOpen?: boolean }): Promise<ApiError | null>;
  deleted: DeletedConversation | null;
  /** Brings the last deleted conversation back; null when it is back (in the list again). */
  undoDelete(): Promise<ApiError | null>;
  /** Stops offering the undo (its time ran out, or the notice was closed). */
  forgetDeleted(): void;
  /** Puts fresh figures for one conversation in the list (after a run). */
  upsert(summary: ConversationSummary): void;
}

let loadSeq = 0;

/** Conversations per page of the list. */
export const LIST_PAGE = 500;

/**
 * The conversation Alt+↑ (-1) or Alt+↓ (1) opens from `id`, in the list's order: from the new
 * chat (or one the list does not show) ↓ opens the first and ↑ nothing; nothing wraps.
 */
export function neighbourOf<T extends { id: string }>(items: readonly T[], id: string | null, delta: -1 | 1): T | undefined {
  const i = items.findIndex((c) => c.id === id);
  return delta === 1 ? items[i + 1] : i > 0 ? items[i - 1] : undefined;
}

export const useConversationsStore = create<ConversationsState>()((set, get) => ({
  items: [],
  search: '',
  status: 'idle',
  error: null,
  limit: LIST_PAGE,
  hasMore: false,
  deleted: null,
  async load() {
    const seq = ++loadSeq;
    if (get().status !== 'ready') set({ status: 'loading' });
    const search = get().search.trim();
    const limit = get().limit;
    const r = await api().call('conversations.list', search ? { search, limit } : { limit });
    // A slower, older search must not overwrite a newer one.
    if (seq !== loadSeq) return;
    set(r.ok ? { items: r.value.conversations, hasMore: r.value.conversations.length >= limit, status: 'ready', error: null } : { status: 'error', error: r.error });
  },
  async showMore() {
    set({ limit: get().limit + LIST_PAGE });
    await get().load();
  },
  setSearch(search) {
    set({ search });
  },
  async create(title) {
    const r = await api().call('conversations.create', title ? { title } : {});
    if (!r.ok) return { ok: false, error: r.error };
    set({ items: [r.value, ...get().items.filter((c) => c.id !== r.value.id)] });
    return { ok: true, conversation: r.value };
  },
  async rename(id, title) {
    const r = await api().call('conversations.rename', { id, title });
    if (!r.ok) return r.error;
    get().upsert(r.value);
    return null;
  },
  async remove(id, options = {}) {
    const r = await api().call('conversations.delete', { id });
    if (!r.ok) return r.error;
    const items = get().items;
    const index = items.findIndex((c) => c.id === id);
    const conversation = items[index];
    // Deleted elsewhere first (deleted: false): there is nothing of ours to undo.
    const deleted = r.value.deleted && conversation && r.value.undoMs > 0 ? { conversation, index, wasOpen: options.wasOpen ?? false, until: Date.now() + r.value.undoMs, error: null } : null;
    set({ items: items.filter((c) => c.id !== id), deleted });
    return null;
  },
  async undoDelete() {
    const deleted = get().deleted;
    if (!deleted) return null;
    const r = await api().call('conversations.restore', { id: deleted.conversation.id });
    if (!r.ok) {
      if (get().deleted === deleted) set({ deleted: { ...deleted, error: r.error } });
      return r.error;
    }
    if (get().deleted === deleted) set({ deleted: null });
    // The server's list puts it back in its own place (by its last activity), as it was.
    await get().load();
    return null;
  },
  forgetDeleted() {
    set({ deleted: null });
  },
  upsert(summary) {
    const items = get().items;
    const i = items.findIndex((c) => c.id === summary.id);
    if (i === -1) set({ items: [summary, ...items] });
    // Fresh figures keep the search match: a conversation's messages only grow.
    else set({ items: items.map((c) => (c.id === summary.id ? (c.match ? { ...summary, match: c.match } : summary) : c)) });
  },
}));
