import { computed, ref } from 'vue';

/** A tiny history router: the portal has five pages and must stay small on a rural connection. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

/**
 * A township's own address, `/t/<org code>[/page]` (printed as its hall wall's QR code), is the portal
 * with `?org=<code>`: rewritten in place so every page and link keeps the township.
 */
function read(): Location {
  const township = /^\/t\/(\d{12})(\/.*)?$/.exec(window.location.pathname);
  if (township?.[1]) {
    const query = new URLSearchParams(window.location.search);
    query.set('org', township[1]);
    window.history.replaceState(null, '', `${township[2] ?? '/'}?${query.toString()}`);
  }
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export const location = ref<Location>(read());

window.addEventListener('popstate', () => {
  location.value = read();
});

/** The township whose implementation list is shown (?org=…); kept on every link. */
export const orgCode = computed(() => location.value.query.get('org') ?? '');

export function href(path: string, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  if (orgCode.value && !query.has('org')) query.set('org', orgCode.value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function navigate(target: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  location.value = read();
  if (!replace) window.scrollTo(0, 0);
}

/** Follows in-app links without reloading the page. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = (event.target as HTMLElement | null)?.closest('a');
  if (!anchor || anchor.target || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/console')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
