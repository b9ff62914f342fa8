import { isBusinessDate } from '../../../shared/business-date.ts';
import type { CaseListSort } from './rules.ts';

/**
 * Where a page of the case list ended: the sort key of its last row (keyset pagination). A new case
 * sorts before or after the key, never shifting rows already read, so pages stay stable under inserts.
 * Opaque to clients (base64url of JSON); anything that does not decode to a key of the asked sort is refused.
 */
export type ListPosition =
  /** due: open before finished, then the due date ('infinity' when none), then id. */
  | { sort: 'due'; isDone: boolean; due: string; id: string }
  /** received: newest first; `at` is the exact instant (microseconds, UTC). */
  | { sort: 'received'; at: string; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(position: ListPosition): string {
  const values = position.sort === 'due' ? [position.isDone ? 1 : 0, position.due, position.id] : [position.at, position.id];
  return Buffer.from(JSON.stringify({ s: position.sort, v: values })).toString('base64url');
}

/** The position a cursor names for this sort, or null when it is not one this list gave out. */
export function decodeCursor(cursor: string, sort: CaseListSort): ListPosition | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { s, v } = parsed as { s?: unknown; v?: unknown };
  if (s !== sort || !Array.isArray(v)) return null;
  if (sort === 'due') {
    const [done, due, id] = v as unknown[];
    if ((done !== 0 && done !== 1) || typeof due !== 'string' || typeof id !== 'string') return null;
    if ((due !== 'infinity' && !isBusinessDate(due)) || !UUID.test(id)) return null;
    return { sort, isDone: done === 1, due, id };
  }
  const [at, id] = v as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !INSTANT.test(at) || !UUID.test(id)) return null;
  // A real instant: Feb 30 would pass the pattern, and the database would refuse it.
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime()) || instant.toISOString() !== `${at.slice(0, 23)}Z`) return null;
  return { sort, at, id };
}
