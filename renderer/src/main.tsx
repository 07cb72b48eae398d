// Entry point: pick the transport (Electron preload or the local HTTP server), wire the
// stores to server events, and mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/client.ts';
import { setApi } from './api/instance.ts';
import { App, BootError } from './app.tsx';
import { useAppStore } from './stores/app-store.ts';
import { startLiveSync } from './stores/live-sync.ts';
import { useNavStore } from './stores/nav-store.ts';
import { guardUnsavedSettings } from './stores/unsaved-settings-guard.ts';
import './styles/app.css';

const rootEl = document.getElementById('root');
if (!rootEl) throw new Error('index.html has no #root');
const root = createRoot(rootEl);

const client = connect(window, (connected) => useAppStore.getState().setEventsConnected(connected));
if ('error' in client) {
  root.render(<BootError message={client.error} />);
} else {
  setApi(client);
  startLiveSync(client);
  guardUnsavedSettings(window);
  window.addEventListener('hashchange', () => useNavStore.getState().syncFromHash(window.location.hash));
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
