// Hash routes (#/chat/<id>, #/savings, ...): they work the same from file:// in Electron and
// from the local server, survive a reload, and need no router library.
export const VIEWS = ['chat', 'savings', 'break-even', 'replay', 'reports', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  conversationId: string | null;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const view = VIEWS.find((v) => v === parts[0]) ?? 'chat';
  return { view, conversationId: view === 'chat' ? (parts[1] ?? null) : null };
}

export function formatHash(route: Route): string {
  return route.view === 'chat' && route.conversationId ? `#/chat/${encodeURIComponent(route.conversationId)}` : `#/${route.view}`;
}
