/**
 * R11: telling "the database is unreachable" apart from "this statement is wrong". A request that
 * meets the first gets 503 DATABASE_UNAVAILABLE and may be retried with the same idempotency key;
 * the second is a bug or a refusal and keeps its own answer.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`database unavailable: ${describeCause(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** SQLSTATE classes and codes that mean the session or the server is gone, not that the SQL failed. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-4]|53300$|53400$)/;
/** Node's socket errors, and pg's own words for a connection that broke or never came. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|Cannot use a pool after calling end|Query read timeout/;

function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError) return cause.errors.map(describeCause).join('; ') || 'AggregateError';
  if (cause instanceof Error) return [(cause as { code?: unknown }).code, cause.message].filter(Boolean).join(' ');
  return String(cause);
}

/** Does `error` mean the connection to the database failed (rather than the statement)? */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  // Node 20 tries every address of a host name and reports all failures together.
  if (error instanceof AggregateError) return error.errors.length > 0 && error.errors.every(isConnectionFailure);
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  return UNAVAILABLE_MESSAGE.test(error.message);
}
