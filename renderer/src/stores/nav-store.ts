// Which view is showing and which conversation is open; mirrored to location.hash.
import { create } from 'zustand';
import { formatHash, parseHash, type Route, type View } from '../lib/route.ts';

interface NavState extends Route {
  go(view: View, conversationId?: string | null): void;
  /** Applies a route read from the address bar (hashchange) without writing it back. */
  syncFromHash(hash: string): void;
}

const initial: Route = typeof window === 'undefined' ? { view: 'chat', conversationId: null } : parseHash(window.location.hash);

export const useNavStore = create<NavState>()((set, get) => ({
  ...initial,
  go(view, conversationId) {
    const route: Route = { view, conversationId: view === 'chat' ? (conversationId === undefined ? get().conversationId : conversationId) : get().conversationId };
    set(route);
    if (typeof window !== 'undefined') {
      const hash = formatHash({ view, conversationId: view === 'chat' ? route.conversationId : null });
      // Setting the hash (not pushState, which file:// pages in Electron may refuse) keeps
      // Back/Forward working; the hashchange it fires re-applies the same route.
      if (window.location.hash !== hash) window.location.hash = hash;
    }
  },
  syncFromHash(hash) {
    const route = parseHash(hash);
    // Leaving chat keeps the open conversation so coming back shows it again.
    set(route.view === 'chat' ? route : { view: route.view });
  },
}));
