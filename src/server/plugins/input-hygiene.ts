import type { FastifyInstance } from 'fastify';
import { commonErrors, DomainError } from '../../shared/errors.ts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A NUL or a lone surrogate cannot be stored as PostgreSQL text: find the first, without recursion. */
export function findUnstorableText(value: unknown): string | null {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (current.includes('\u0000') || LONE_SURROGATE.test(current)) return current;
    } else if (Array.isArray(current)) {
      for (const item of current) pending.push(item);
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) pending.push(key, item);
    }
  }
  return null;
}

/** Refuses text the database cannot hold before any route sees it (R6: a clear 400, never a 500). */
export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      if (findUnstorableText(part) !== null) {
        throw new DomainError(commonErrors.VALIDATION_FAILED, '请求中含有无法保存的字符（空字符或不完整的 Unicode 字符），请删除后重试。');
      }
    }
  });
}
