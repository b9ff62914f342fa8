/** Every refusal the platform gives carries a stable machine code, an HTTP status and a Chinese title. */
export interface ErrorSpec<Code extends string = string> {
  readonly code: Code;
  readonly status: number;
  readonly title: string;
}

/** Declares a module's error codes; the key becomes the code, so a code cannot lack a status or title. */
export function defineErrors<T extends Record<string, { status: number; title: string }>>(
  table: T,
): { readonly [K in keyof T & string]: ErrorSpec<K> } {
  const result: Record<string, ErrorSpec> = {};
  for (const [code, spec] of Object.entries(table)) result[code] = { code, ...spec };
  return result as { readonly [K in keyof T & string]: ErrorSpec<K> };
}

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly extra: Record<string, unknown>;

  constructor(spec: ErrorSpec, detail?: string, extra: Record<string, unknown> = {}) {
    super(detail ?? spec.title);
    this.name = 'DomainError';
    this.code = spec.code;
    this.status = spec.status;
    this.title = spec.title;
    this.detail = detail ?? spec.title;
    this.extra = extra;
  }
}

/** Errors that belong to no single module. */
export const commonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, title: '请求内容不符合要求' },
  UNAUTHENTICATED: { status: 401, title: '请先登录' },
  FORBIDDEN: { status: 403, title: '没有权限进行此操作' },
  /** R13: an account on its admin-set first password may only change it (or sign out). */
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: '请先修改初始密码' },
  NOT_FOUND: { status: 404, title: '未找到' },
  VERSION_CONFLICT: { status: 409, title: '数据已被他人修改' },
  IDEMPOTENCY_KEY_MISSING: { status: 400, title: '缺少幂等键' },
  IDEMPOTENCY_IN_FLIGHT: { status: 409, title: '相同请求正在处理中' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: '幂等键已用于不同的请求' },
  PAYLOAD_TOO_LARGE: { status: 413, title: '请求内容过大' },
  URI_TOO_LONG: { status: 414, title: '请求地址过长' },
  HEADERS_TOO_LARGE: { status: 431, title: '请求头过大' },
  DUPLICATE: { status: 409, title: '与已有数据重复' },
  CONSTRAINT_VIOLATED: { status: 422, title: '数据不符合约束' },
  TRANSACTION_CONFLICT: { status: 409, title: '与同时进行的操作冲突' },
  RATE_LIMITED: { status: 429, title: '请求过于频繁' },
  DATABASE_UNAVAILABLE: { status: 503, title: '数据库暂时不可用' },
  INTERNAL: { status: 500, title: '服务器内部错误' },
});
