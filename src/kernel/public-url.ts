import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';

/**
 * The address citizens reach the platform at, for every link and QR code (a guide's QR, a ticket's
 * follow page, the tracking address on a notice or an SMS): YIZHAN_PUBLIC_URL when it is set — a hall
 * PC or a clerk on the intranet would otherwise print an address no phone can open — else the origin
 * the request came to (through a trusted proxy's X-Forwarded-Proto/-Host).
 */
export function publicBaseUrl(ctx: Pick<AppContext, 'config'>, request?: FastifyRequest): string {
  if (ctx.config.publicUrl) return ctx.config.publicUrl;
  return request ? `${request.protocol}://${request.host}` : '';
}

/** 办件查询 for one case, with its number prefilled (the phone digits never go in an address). */
export function trackingUrl(base: string, caseNo: string): string {
  return `${base}/track?no=${encodeURIComponent(caseNo)}`;
}

/** 好差评 for one case: the tracking page opened at its rating form (the SMS on 办结 and the 办结 notice carry it). */
export function ratingUrl(base: string, caseNo: string): string {
  return `${trackingUrl(base, caseNo)}&rate=1`;
}
