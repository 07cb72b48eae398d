// What the user typed and has not sent yet, per conversation ('' for a new chat): it outlives
// the composer, so a visit to Savings or to another conversation does not throw it away, and
// text typed for one conversation is not sent to another.
import { create } from 'zustand';

interface ComposerDraftsState {
  drafts: Record<string, string>;
  setDraft(conversationId: string | null, text: string): void;
}

export const draftKey = (conversationId: string | null): string => conversationId ?? '';

export const useComposerDraftsStore = create<ComposerDraftsState>()((set, get) => ({
  drafts: {},
  setDraft(conversationId, text) {
    const key = draftKey(conversationId);
    if ((get().drafts[key] ?? '') === text) return;
    const drafts = { ...get().drafts };
    if (text === '') delete drafts[key];
    else drafts[key] = text;
    set({ drafts });
  },
}));
