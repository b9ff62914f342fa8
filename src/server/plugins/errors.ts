import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isConnectionFailure } from '../../db/failures.ts';
import { commonErrors, DomainError, type ErrorSpec } from '../../shared/errors.ts';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  [extra: string]: unknown;
}

function problemOf(spec: ErrorSpec, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:yizhan:problem:${spec.code}`, title: spec.title, status: spec.status, detail, code: spec.code, ...extra };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

const FASTIFY_CODES: Record<string, [ErrorSpec, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [commonErrors.PAYLOAD_TOO_LARGE, '请求内容超过大小限制。'],
  FST_ERR_CTP_INVALID_JSON_BODY: [commonErrors.VALIDATION_FAILED, '请求体不是有效的 JSON。'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [commonErrors.VALIDATION_FAILED, '请求体为空，应为 JSON 对象。'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [commonErrors.VALIDATION_FAILED, '不支持的 Content-Type，请使用 application/json。'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [commonErrors.VALIDATION_FAILED, 'Content-Length 与实际内容不符。'],
  FST_ERR_BAD_URL: [commonErrors.VALIDATION_FAILED, '请求地址无效（含有不完整的编码字符）。'],
  FST_ERR_MAX_PARAM_LENGTH: [commonErrors.URI_TOO_LONG, '请求地址中的参数过长。'],
  FST_ERR_ASYNC_CONSTRAINT: [commonErrors.VALIDATION_FAILED, '请求无法路由。'],
};

/**
 * Database refusals that reach the handler without a module's own answer: a constraint the code did
 * not check first, or a serialization failure. Named in Chinese, never with the constraint or SQL.
 */
function databaseRefusalOf(error: { code?: unknown }): Problem | null {
  const code = typeof error.code === 'string' ? error.code : '';
  if (code === '23505') return problemOf(commonErrors.DUPLICATE, '与已有数据重复（如编号、名称或用户名已被使用），请修改后重试。');
  if (code === '23503' || code === '23514' || code === '23502' || code === '23P01') {
    return problemOf(commonErrors.CONSTRAINT_VIOLATED, '数据不符合规则（引用的对象不存在或取值不被允许），请检查后重试。');
  }
  if (code === '40001' || code === '40P01' || code === '55P03') {
    return problemOf(commonErrors.TRANSACTION_CONFLICT, '与同时进行的另一项操作冲突，未作任何修改，请重试。');
  }
  if (/^22/.test(code)) return problemOf(commonErrors.VALIDATION_FAILED, '请求中的数值或日期超出允许的范围。');
  return null;
}

/**
 * Fastify's own refusals before a route is found (a bad URL component, an over-long parameter):
 * the same problem+json as every other error (Fastify's `frameworkErrors`).
 */
export function sendFrameworkProblem(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = FASTIFY_CODES[error.code] ?? [commonErrors.VALIDATION_FAILED, '请求无效。'];
  void sendProblem(reply, problemOf(known[0], known[1]));
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers too large, a malformed
 * request line): answered as problem+json where the socket can still take it.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? problemOf(commonErrors.HEADERS_TOO_LARGE, '请求头过大（Cookie 或其他请求头太长），请清除本站 Cookie 后重试。')
      : problemOf(commonErrors.VALIDATION_FAILED, '请求格式无效。');
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${String(problem.status)} ${problem.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${String(Buffer.byteLength(body))}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Every error leaves as problem+json with a code and a Chinese message; never a stack trace or SQL. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendProblem(reply, problemOf(error, error.detail, error.extra));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message,
      }));
      const detail = errors.map((item) => `${item.path}: ${item.message}`).join('；');
      return sendProblem(reply, problemOf(commonErrors.VALIDATION_FAILED, detail, { errors }));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return sendProblem(reply, problemOf(commonErrors.VALIDATION_FAILED, '请求体不是有效的 JSON。'));
    }
    const known = FASTIFY_CODES[error.code];
    if (known) return sendProblem(reply, problemOf(known[0], known[1]));
    if (error.statusCode === 413) return sendProblem(reply, problemOf(commonErrors.PAYLOAD_TOO_LARGE, '请求内容超过大小限制。'));
    if (error.statusCode === 429) return sendProblem(reply, problemOf(commonErrors.RATE_LIMITED, '请求过于频繁，请稍后再试。'));
    const refusal = databaseRefusalOf(error);
    if (refusal) {
      request.log.warn({ err: error }, 'database refused the change');
      return sendProblem(reply, refusal);
    }
    if (isConnectionFailure(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      // R11: nothing was changed that a retry with the same idempotency key cannot settle.
      void reply.header('retry-after', '2');
      return sendProblem(
        reply,
        problemOf(commonErrors.DATABASE_UNAVAILABLE, '数据库暂时无法连接，请稍后重试；已提交的操作可用同一幂等键安全重试。'),
      );
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 && !isResponseSerializationError(error)) {
      return sendProblem(reply, { ...problemOf(commonErrors.VALIDATION_FAILED, '请求无效。'), status: error.statusCode });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problemOf(commonErrors.INTERNAL, '服务器处理请求时出错，请稍后重试；如持续出现请联系管理员。'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf(commonErrors.NOT_FOUND, `没有这个地址：${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );
}
