import type { FastifyRequest } from 'fastify';

/**
 * The address citizens reach the platform at, for links and QR codes (a ticket's follow page, a
 * booking's check-in): for now the origin the request came to (through a trusted proxy's
 * X-Forwarded-Proto/-Host). One function, so that a configured public address can replace it.
 */
export function publicBaseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
