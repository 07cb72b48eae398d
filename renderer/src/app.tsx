// The shell: left navigation and the active view. Views other than Chat load on demand.
import { lazy, Suspense, useEffect } from 'react';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { ChatIcon, LogoIcon, ReplayIcon, ReportsIcon, SavingsIcon, ScaleIcon, SettingsIcon } from './components/icons.tsx';
import { Spinner } from './components/spinner.tsx';
import { ChatView } from './features/chat/chat-view.tsx';
import { UnsavedSettingsMark } from './features/settings/unsaved-settings-mark.tsx';
import { AppAlertBanner, NavBudget } from './features/spend/app-spend.tsx';
import { api } from './api/instance.ts';
import { startSpendSync } from './stores/spend-sync.ts';
import type { View } from './lib/route.ts';
import { useAppStore } from './stores/app-store.ts';
import { useNavStore } from './stores/nav-store.ts';
import { useSettingsStore } from './stores/settings-store.ts';
import { useMediaQuery } from './lib/use-media-query.ts';

const SavingsView = lazy(() => import('./features/savings/savings-view.tsx').then((m) => ({ default: m.SavingsView })));
const BreakEvenView = lazy(() => import('./features/break-even/break-even-view.tsx').then((m) => ({ default: m.BreakEvenView })));
const SettingsView = lazy(() => import('./features/settings/settings-view.tsx').then((m) => ({ default: m.SettingsView })));
const ReplayView = lazy(() => import('./features/replay/replay-view.tsx').then((m) => ({ default: m.ReplayView })));
const ReportsView = lazy(() => import('./features/reports/reports-view.tsx').then((m) => ({ default: m.ReportsView })));

/**
 * Below this width the navigation is a rail of icons (styles/app.css, same query), so the chat
 * keeps room beside the conversation list; the labels stay for screen readers and as tooltips.
 */
const NAV_RAIL_QUERY = '(max-width: 1099px)';

const NAV: { view: View; label: string; icon: typeof ChatIcon }[] = [
  { view: 'chat', label: 'Chat', icon: ChatIcon },
  { view: 'savings', label: 'Savings', icon: SavingsIcon },
  { view: 'break-even', label: 'Break-even', icon: ScaleIcon },
  { view: 'replay', label: 'Replay', icon: ReplayIcon },
  { view: 'reports', label: 'Reports', icon: ReportsIcon },
  { view: 'settings', label: 'Models & Settings', icon: SettingsIcon },
];

export function App() {
  const view = useNavStore((s) => s.view);
  const go = useNavStore((s) => s.go);
  const info = useAppStore((s) => s.info);
  const eventsConnected = useAppStore((s) => s.eventsConnected);
  const loadInfo = useAppStore((s) => s.loadInfo);
  const loadSettings = useSettingsStore((s) => s.load);
  const rail = useMediaQuery(NAV_RAIL_QUERY);

  useEffect(() => {
    void loadInfo();
    void loadSettings();
  }, [loadInfo, loadSettings]);

  // Alerts into the banner, budgets kept current (stores/spend-sync.ts).
  useEffect(() => startSpendSync(api()), []);

  return (
    <div className="app">
      <nav className="nav" aria-label="Main">
        <div className="brand">
          <span className="brand-mark">
            <LogoIcon size={18} />
          </span>
          <span className="brand-name">CascadeFlow</span>
        </div>
        <ul className="nav-items">
          {NAV.map(({ view: v, label, icon: Icon }) => (
            <li key={v}>
              <button
                type="button"
                className={`nav-item${view === v ? ' active' : ''}`}
                aria-current={view === v ? 'page' : undefined}
                title={rail ? label : undefined}
                onClick={() => go(v)}
                data-testid={`nav-${v}`}
              >
                <Icon size={18} />
                <span className="nav-label">{label}</span>
                {v === 'settings' && <UnsavedSettingsMark />}
              </button>
            </li>
          ))}
        </ul>
        <div className="nav-footer">
          <NavBudget />
          {eventsConnected === false && (
            <div className="nav-warning" role="status" title={rail ? 'Live updates paused: reconnecting…' : undefined}>
              <span className="nav-warning-text">Live updates paused: reconnecting…</span>
            </div>
          )}
          {info && (
            <div className="nav-info" title={`Data: ${info.dataDir}\nDatabase: ${info.dbPath}`}>
              v{info.version}
              <span className="nav-info-mode"> · {info.mode === 'desktop' ? 'desktop' : 'browser mode'}</span>
            </div>
          )}
        </div>
      </nav>
      <main className="view" data-view={view}>
        <AppAlertBanner />
        <ErrorBoundary key={view}>
          <Suspense fallback={<Spinner label="Loading…" />}>
            {view === 'chat' && <ChatView />}
            {view === 'savings' && <SavingsView />}
            {view === 'break-even' && <BreakEvenView />}
            {view === 'replay' && <ReplayView />}
            {view === 'reports' && <ReportsView />}
            {view === 'settings' && <SettingsView />}
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

export function BootError({ message }: { message: string }) {
  return (
    <div className="boot-error" role="alert">
      <h1>CascadeFlow cannot start</h1>
      <p>{message}</p>
    </div>
  );
}
