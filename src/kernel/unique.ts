import type { DomainError } from '../shared/errors.ts';

/** SQLSTATE unique_violation. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/**
 * A natural key checked first for a friendly answer can still be taken by a concurrent request
 * between the check and the write: the write's unique violation then gets the same answer as the
 * check would have (409 with the module's code), not a 500. The transaction is aborted either way.
 */
export async function unlessTaken<T>(write: Promise<T>, refusal: () => DomainError): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal();
    throw error;
  }
}
