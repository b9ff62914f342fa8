import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'yizhan_session';

export function setSessionCookie(reply: FastifyReply, token: string, isProduction: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: isProduction, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
