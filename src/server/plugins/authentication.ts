import type { FastifyInstance } from 'fastify';
import { authenticate, clearSessionCookie, SESSION_COOKIE } from '../../modules/auth/index.ts';
import type { AppContext } from '../../kernel/context.ts';

function tokenFrom(authorization: string | undefined, cookie: string | undefined): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  return cookie;
}

/** Resolves the session cookie or bearer token into `request.principal` before any /api route runs. */
export function registerAuthentication(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('isPasswordChangePending', false);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = tokenFrom(request.headers.authorization, request.cookies[SESSION_COOKIE]);
    if (token === undefined || token === '' || token.length > 200) return;
    const principal = await authenticate(ctx, token);
    if (!principal && request.cookies[SESSION_COOKIE] !== undefined) clearSessionCookie(reply);
    // Enforced here, once, for every route: a route cannot forget it.
    if (principal?.mustChangePassword && request.routeOptions.config.isAllowedBeforePasswordChange !== true) {
      request.isPasswordChangePending = true;
      return;
    }
    request.principal = principal;
  });
}
