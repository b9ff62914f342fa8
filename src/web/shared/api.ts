/** The browser apps' HTTP client: JSON in and out, problem+json errors, an idempotency key per action. */
export interface FieldError {
  path: string;
  message: string;
}

/** A refused or failed request, as the server's problem+json described it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === 'string' ? body.detail : '请求失败，请稍后重试';
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : 'UNKNOWN';
    this.title = typeof body.title === 'string' ? body.title : '请求失败';
    this.detail = detail;
    this.errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
    this.body = body;
  }

  /** Someone else saved the row first (optimistic concurrency): reload and try again. */
  get isVersionConflict(): boolean {
    return this.status === 409 && this.code === 'VERSION_CONFLICT';
  }
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).path === 'string' && typeof (value as FieldError).message === 'string';
}

let onUnauthorized: () => void = () => undefined;
let onPasswordChangeRequired: () => void = () => undefined;

/** Called on a 401 outside sign-in (the session ended): the app sends the user back to sign-in. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** The server's answer while the account is still on its admin-set first password (R13). */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/** Called when the server refuses a request until the first password is changed: the app shows its password page. */
export function setPasswordChangeHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Network failures of a state-changing request are retried with the same key, so it happens once. */
const RETRY_DELAYS_MS = [400, 1200];

function parseBody(text: string, status: number): Record<string, unknown> {
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { code: 'BAD_RESPONSE', title: '服务器响应异常', detail: `服务器响应异常（HTTP ${String(status)}），请稍后重试` };
  }
}

async function send(url: string, init: RequestInit, retries: readonly number[]): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const [delay, ...rest] = retries;
    if (delay === undefined) {
      throw new ApiError(0, { code: 'NETWORK', title: '网络连接失败', detail: '网络连接失败，请检查网络后重试', cause: String(error) });
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    return send(url, init, rest);
  }
}

/**
 * One request. Every POST/PATCH/PUT/DELETE carries an `Idempotency-Key`: pass the key of the user's
 * action (see `newActionKey`) so that a retry of the same action is recognised by the server.
 */
export async function request<T>(method: Method, url: string, body?: unknown, options: { idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const isChange = method !== 'GET';
  if (isChange) headers['idempotency-key'] = options.idempotencyKey ?? newActionKey();
  const response = await send(
    url,
    { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
    isChange ? RETRY_DELAYS_MS : [],
  );
  if (response.status === 204) return undefined as T;
  const parsed = parseBody(await response.text(), response.status);
  if (!response.ok) {
    // Sign-in, "who am I" and a wrong current password answer for themselves; any other 401 means the session is gone.
    if (response.status === 401 && !url.startsWith('/api/auth/')) onUnauthorized();
    if (response.status === 403 && parsed.code === PASSWORD_CHANGE_REQUIRED) onPasswordChangeRequired();
    throw new ApiError(response.status, parsed);
  }
  return parsed as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}, key?: string) => request<T>('POST', url, body, key === undefined ? {} : { idempotencyKey: key }),
  patch: <T>(url: string, body: unknown, key?: string) => request<T>('PATCH', url, body, key === undefined ? {} : { idempotencyKey: key }),
  put: <T>(url: string, body: unknown, key?: string) => request<T>('PUT', url, body, key === undefined ? {} : { idempotencyKey: key }),
  delete: <T>(url: string, key?: string) => request<T>('DELETE', url, undefined, key === undefined ? {} : { idempotencyKey: key }),
};

/**
 * One key per user action: a retry of the same action (double click, network retry) reuses it.
 * `crypto.randomUUID` exists only in secure contexts; a hall network served over plain http gets a
 * version-4 UUID built from `crypto.getRandomValues`, which browsers offer everywhere.
 */
export function newActionKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A query string from the defined, non-empty values (`?a=1&b=x`, or '' when there are none). */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
