import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** Single-page apps under these prefixes get their index.html for any path the router owns. */
const APPS = ['console', 'agent', 'hall'];

/**
 * The agent PWA's service worker and manifest are fetched by name, not by content hash: they must be
 * revalidated on every load, or a phone keeps an old worker (and the old app) for the HTTP cache's lifetime.
 * A worker at /agent/sw.js gets the scope /agent/ by default.
 */
const REVALIDATED = new Set(['agent/sw.js', 'agent/manifest.webmanifest']);

/** Serves the built browser apps from dist/web; an unknown /console/… or /agent/… path gets the app's index. */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_DIST)) return;
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      if (REVALIDATED.has(relative(WEB_DIST, path).split(sep).join('/'))) reply.header('cache-control', 'no-cache');
    },
  });
  if (existsSync(`${WEB_DIST}portal/index.html`)) {
    // The public portal (办事指南) owns `/` and every path that is not the API or another app.
    const sendPortal = (request: FastifyRequest, reply: FastifyReply) => {
      if (request.url.startsWith('/api/') || request.url === '/api') {
        reply.callNotFound();
        return reply;
      }
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('portal/index.html');
    };
    app.get('/', { schema: { hide: true } }, sendPortal);
    app.get('/*', { schema: { hide: true } }, sendPortal);
  } else {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  }
  for (const name of APPS) {
    if (!existsSync(`${WEB_DIST}${name}/index.html`)) continue;
    const sendIndex = (_request: unknown, reply: { header(k: string, v: string): unknown; sendFile(path: string): unknown }) => {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(`${name}/index.html`);
    };
    app.get(`/${name}`, { schema: { hide: true } }, (_request, reply) => reply.redirect(`/${name}/`));
    // Files that exist were registered one by one by @fastify/static; everything else is a client route.
    app.get(`/${name}/*`, { schema: { hide: true } }, sendIndex);
  }
}
