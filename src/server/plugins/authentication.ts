import type { FastifyInstance, FastifyReply } from 'fastify';
import { authenticate } from '../../modules/auth/index.ts';
import type { AppContext, Principal } from '../context.ts';

export const SESSION_COOKIE = 'yizhan_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /**
     * R13: the caller is signed in but still on the first password an administrator set. Such a request
     * runs as anonymous (public routes still answer), and `requireStaff` answers PASSWORD_CHANGE_REQUIRED.
     */
    isPasswordChangePending: boolean;
  }
  interface FastifyContextConfig {
    /** The only routes an account on its first password may use: sign-out and changing the password. */
    isAllowedBeforePasswordChange?: boolean;
  }
}

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

export function setSessionCookie(reply: FastifyReply, token: string, isProduction: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: isProduction, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
