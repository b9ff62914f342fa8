import './agent.css';
import { createApp } from 'vue';
import App from './App.vue';
import { restoreServerClock } from './clock.ts';
import { startAutoSync } from './outbox.ts';
import { restoreSession, state } from './store.ts';

/** The shell comes from the service worker's cache, so the app opens in a village without signal. */
function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const hadController = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // A new version took over while this page runs the old one: offer a reload, never force it mid-form.
    if (hadController) state.updateReady = true;
  });
  navigator.serviceWorker.register('/agent/sw.js', { scope: '/agent/' }).catch(() => undefined);
}

registerServiceWorker();
createApp(App).mount('#app');
// Ask the browser not to evict this site's storage under pressure: unsent drafts live only here.
// (StorageManager, like service workers, exists only over https or on localhost.)
if ('storage' in navigator) void navigator.storage.persist().catch(() => false);
// The server's clock as last learned first (the app may open without signal), then the session.
void restoreServerClock()
  .catch(() => undefined)
  .then(restoreSession)
  .finally(startAutoSync);
