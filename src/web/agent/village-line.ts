import type { Transport } from '../shared/api.ts';

/**
 * How the agent app talks over a village line: it can hang rather than fail, so a call gives up
 * after 30 s; nothing is retried by the client, because the outbox keeps every change and sends
 * it again under the same key (and a failure says it will); answers are never taken from a cache.
 */
export const VILLAGE_LINE: Transport = { retry: 'later', timeoutMs: 30_000, cache: 'no-store' };

/** A photo or a signature takes longer than a form over the same line. */
export const VILLAGE_UPLOAD: Transport = { ...VILLAGE_LINE, timeoutMs: 120_000 };
