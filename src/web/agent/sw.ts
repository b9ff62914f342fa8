/**
 * The agent app's service worker, served at /agent/sw.js (scope /agent/, never cached by HTTP).
 * The build prepends __PRECACHE__ (the app shell and every asset the agent page loads) and
 * __BUILD_ID__; see the agent-pwa plugin in ../vite.config.ts. Data never goes through this cache:
 * the app keeps it in IndexedDB, and /api/ requests pass straight to the network.
 */
export {};

declare const __PRECACHE__: string[];
declare const __BUILD_ID__: string;

/** The few service-worker types used here (the web project is typed against the DOM, not WebWorker). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const worker = self as unknown as WorkerScope;
const PREFIX = 'yizhan-agent-';
const CACHE = `${PREFIX}${__BUILD_ID__}`;
const SHELL = '/agent/';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // reload: straight from the server, not from a stale HTTP cache entry of the old version.
      await cache.addAll(__PRECACHE__.map((url) => new Request(url, { cache: 'reload' })));
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await worker.clients.claim();
    })(),
  );
});

async function fromCacheOrNetwork(request: Request, key: Request | string): Promise<Response> {
  const cached = await caches.match(key, { cacheName: CACHE });
  if (cached) return cached;
  return fetch(request);
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return;
  // Every page of the app is the same shell (its router reads the hash): open it from the cache.
  if (request.mode === 'navigate') {
    if (url.pathname.startsWith(SHELL)) event.respondWith(fromCacheOrNetwork(request, SHELL));
    return;
  }
  if (__PRECACHE__.includes(url.pathname)) event.respondWith(fromCacheOrNetwork(request, url.pathname));
});
