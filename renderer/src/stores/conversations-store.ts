// The conversation list (left column of Chat): search, create, rename, delete.
import { create } from 'zustand';
import type { ConversationListItem, ConversationSummary } from '../../../shared/api/contract.ts';
import type { ApiError } from '../../../shared/api/result.ts';
import { api } from '../api/instance.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

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
  remove(id: string): Promise<ApiError | null>;
  /** Puts fresh figures for one conversation in the list (after a run). */
  upsert(summary: ConversationSummary): void;
}

let loadSeq = 0;

/** Conversations per page of the list. */
export const LIST_PAGE = 500;

export const useConversationsStore = create<ConversationsState>()((set, get) => ({
  items: [],
  search: '',
  status: 'idle',
  error: null,
  limit: LIST_PAGE,
  hasMore: false,
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
  async remove(id) {
    const r = await api().call('conversations.delete', { id });
    if (!r.ok) return r.error;
    set({ items: get().items.filter((c) => c.id !== id) });
    return null;
  },
  upsert(summary) {
    const items = get().items;
    const i = items.findIndex((c) => c.id === summary.id);
    if (i === -1) set({ items: [summary, ...items] });
    // Fresh figures keep the search match: a conversation's messages only grow.
    else set({ items: items.map((c) => (c.id === summary.id ? (c.match ? { ...summary, match: c.match } : summary) : c)) });
  },
}));
