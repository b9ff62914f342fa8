import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** Single-page apps under these prefixes get their index.html for any path the router owns. */
const APPS = ['console'];

/** Serves the built browser apps from dist/web; an unknown /console/… path gets the app's index. */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_DIST)) return;
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false });
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
