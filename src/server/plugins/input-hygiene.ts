import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
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

/** No request of the platform nests deeper than this; R6's corpus sends 200,000 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deep `text` nests, counted without parsing or recursion: brackets outside strings. Stops at
 * `limit + 1`, so a hostile body costs one pass over its bytes and nothing more.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (isInString) {
      if (char === 0x5c)
        i += 1; // a backslash escapes the next character
      else if (char === 0x22) isInString = false;
    } else if (char === 0x22) {
      isInString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * JSON bodies: refused when nested deeper than MAX_JSON_DEPTH before they are parsed, then parsed as
 * Fastify does (secure-json-parse: `__proto__` and `constructor.prototype` refused).
 */
export function registerJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(new DomainError(commonErrors.VALIDATION_FAILED, '请求体为空，应为 JSON 对象。'), undefined);
      return;
    }
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      done(new DomainError(commonErrors.VALIDATION_FAILED, `请求体嵌套过深（超过 ${String(MAX_JSON_DEPTH)} 层）。`), undefined);
      return;
    }
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(new DomainError(commonErrors.VALIDATION_FAILED, '请求体不是有效的 JSON。'), undefined);
    }
  });
}

/** Refuses text the database cannot hold before any route sees it (R6: a clear 400, never a 500). */
export function registerInputHygiene(app: FastifyInstance): void {
  // The client's address is read while its socket is open: a client that hangs up mid-request must
  // not turn its change (which commits, and which a retry with the same key replays) into a 500.
  app.decorateRequest('clientAddress', '');
  app.addHook('onRequest', async (request) => {
    request.clientAddress = request.ip;
  });
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      if (findUnstorableText(part) !== null) {
        throw new DomainError(commonErrors.VALIDATION_FAILED, '请求中含有无法保存的字符（空字符或不完整的 Unicode 字符），请删除后重试。');
      }
    }
  });
}
