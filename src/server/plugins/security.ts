import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { defineErrors, DomainError } from '../../shared/errors.ts';
import { SESSION_COOKIE } from '../../modules/auth/index.ts';

export const securityErrors = defineErrors({
  CROSS_ORIGIN_REFUSED: { status: 403, title: '拒绝来自其他网站的操作' },
});

export interface SecurityOptions {
  /** Origins besides the one a request was addressed to (YIZHAN_ALLOWED_ORIGINS), e.g. the dev server's. */
  allowedOrigins: readonly string[];
  /** HTTPS deployments only: HSTS would make a plain-http hall network unreachable. */
  isProduction: boolean;
}

/**
 * R13, the three web apps as they are: scripts and styles only from files the server sends (no inline
 * code), photos and drawn signatures as blob:/data: images, the agent app's service worker and manifest
 * from this origin, no plugins, never framed. Element Plus sets styles through the CSSOM, which a CSP does
 * not govern, so style-src needs no 'unsafe-inline'.
 */
const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'self'", 'blob:'],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** scheme://host[:port] as browsers serialise it (lower case, no default port); null for `null` or garbage. */
function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Is a state-changing request one a page of another site could have made? Cookies do not care about
 * ports, and SameSite treats another port of the same host as the same site, so the session cookie's
 * SameSite=Strict does not stop a page on :8080 from posting to :3000; the Origin header does.
 * A bearer token is never sent by the browser on its own, so such requests are not at risk.
 */
export function isCrossSiteChange(request: FastifyRequest, allowedOrigins: ReadonlySet<string>): boolean {
  if (!CHANGING.has(request.method)) return false;
  if (request.headers.authorization?.startsWith('Bearer ') === true) return false;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const given = originOf(origin);
    // The origin this request was addressed to (Host, or X-Forwarded-Host/-Proto from a trusted proxy).
    return given === null || (given !== originOf(`${request.protocol}://${request.host}`) && !allowedOrigins.has(given));
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin';
  // Neither header: not a browser — unless it carries the session cookie, which only a browser holds
  // on its own; such a request is refused rather than trusted.
  return request.cookies[SESSION_COOKIE] !== undefined;
}

/**
 * Security headers on every response (helmet: CSP, frame-ancestors and X-Frame-Options, nosniff,
 * Referrer-Policy) and the Origin check for changes (R13). Registered before authentication: a refused
 * request never touches the session.
 */
export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // `same-origin`, not `no-referrer`: with no-referrer a browser sends `Origin: null` on the apps' own
    // POSTs, and the Origin check below would refuse them. Nothing leaves for another site either way.
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: options.isProduction ? { maxAge: 180 * 24 * 3600 } : false,
    // Cross-origin isolation would refuse nothing the apps load; it is not needed, so not turned on.
    crossOriginEmbedderPolicy: false,
  });
  const allowed = new Set(options.allowedOrigins.map((origin) => originOf(origin) ?? origin));
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (isCrossSiteChange(request, allowed)) {
      throw new DomainError(
        securityErrors.CROSS_ORIGIN_REFUSED,
        '该操作不是从本平台的页面发起的，已拒绝。请直接打开本平台的网址后重新操作。',
      );
    }
  });
}
