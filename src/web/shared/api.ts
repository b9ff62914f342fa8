/**
 * The one HTTP client of the three browser apps (console, portal, agent): JSON or a file in, JSON
 * out, every failure an ApiError read from the server's problem+json, an Idempotency-Key on every
 * change, the session cookie sent to this origin only (the server checks Origin on changes, so the
 * apps never call another site). Module-specific calls live in thin `*-api.ts` files beside their pages.
 */
export interface FieldError {
  path: string;
  message: string;
}

/** A refused or failed request, as the server's problem+json described it; status 0 when the server was not reached. */
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

  /** With a refused act (a case or request in another status): the acts its status allows now. */
  get allowedActs(): string[] {
    const acts = this.body.allowedActs;
    return Array.isArray(acts) ? acts.filter((act): act is string => typeof act === 'string') : [];
  }

  /** With a version conflict: the row's version now (null when the row is gone). */
  get currentVersion(): number | null {
    return typeof this.body.currentVersion === 'number' ? this.body.currentVersion : null;
  }
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldError).path === 'string' &&
    typeof (value as FieldError).message === 'string'
  );
}

/** The server's answer while the account is still on its admin-set first password (R13). */
export const PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED';

/** 401: the session ended (30 min idle, or signed out elsewhere). */
export const isUnauthorized = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 401;

/** 403 PASSWORD_CHANGE_REQUIRED: nothing but a password change is answered until the first password is changed. */
export const isPasswordChangeRequired = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED;

/** The server was not reached at all (offline, a timeout, a dropped connection). */
export const isNetworkFailure = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 0;

/**
 * Worth sending again later under the same key: no connection, the server failing (5xx), a timeout
 * (408), too many requests (429), or the same key still being processed by an earlier attempt.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return (
    error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429 || error.code === 'IDEMPOTENCY_IN_FLIGHT'
  );
}

/** The text to show for a failure: the server's Chinese detail, with the field messages it listed that the detail does not already say. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = error.errors.map((field) => field.message).filter((message) => !error.detail.includes(message));
  return [error.detail, ...fields].join('；');
}

let onUnauthorized: () => void = () => undefined;
let onPasswordChangeRequired: () => void = () => undefined;

/** Called on a 401 outside sign-in (the session ended): the console sends the user back to sign-in. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Called when the server refuses a request until the first password is changed: the console shows its password page. */
export function setPasswordChangeHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A body sent as it is (a photo, a spreadsheet, a JSON file read from disk) rather than encoded here. */
export interface RawBody {
  data: Blob | ArrayBuffer | string;
  type: string;
}

/** How a request travels; an app with its own conditions (the agent's village line) sets these per call. */
export interface Transport {
  /**
   * 'now' (the default): a change whose connection failed is sent again at once, twice, under the
   * same key, so it happens once. 'later': never here — the caller keeps the request and retries it
   * itself (the agent's outbox), and the failure says so. Reads are never retried here.
   */
  retry?: 'now' | 'later';
  /** Give up after this long (a village line can hang rather than fail); none by default. */
  timeoutMs?: number;
  cache?: RequestCache;
  /** 'omit': no session cookie (a public call that must not count as the person's activity). */
  credentials?: 'omit' | 'same-origin';
}

export interface RequestOptions extends Transport {
  json?: unknown;
  raw?: RawBody;
  /** The key of the person's action (see `newActionKey`); a change without one gets a fresh key. */
  idempotencyKey?: string;
}

const RETRY_DELAYS_MS = [400, 1200];

function failureOf(kind: 'network' | 'response', status: number, retry: 'now' | 'later'): Record<string, unknown> {
  const then = retry === 'later' ? '联网后自动重试' : '请检查网络后重试';
  return kind === 'network'
    ? { code: 'NETWORK', title: '网络连接失败', detail: `网络连接失败，${then}` }
    : {
        code: 'BAD_RESPONSE',
        title: '服务器响应异常',
        detail: `服务器响应异常（HTTP ${String(status)}），${retry === 'later' ? '稍后自动重试' : '请稍后重试'}`,
      };
}

function parseBody(text: string, status: number, retry: 'now' | 'later'): Record<string, unknown> {
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return failureOf('response', status, retry);
  }
}

async function send(url: string, init: RequestInit, options: RequestOptions, retries: readonly number[]): Promise<Response> {
  const controller = new AbortController();
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          controller.abort();
        }, options.timeoutMs);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    const [delay, ...rest] = retries;
    if (delay === undefined) throw new ApiError(0, { ...failureOf('network', 0, options.retry ?? 'now'), cause: String(error) });
    await new Promise((resolve) => setTimeout(resolve, delay));
    return await send(url, init, options, rest);
  } finally {
    clearTimeout(timer);
  }
}

function bodyOf(options: RequestOptions, headers: Record<string, string>): BodyInit | null {
  if (options.raw) {
    headers['content-type'] = options.raw.type || 'application/octet-stream';
    return options.raw.data;
  }
  if (options.json === undefined) return null;
  headers['content-type'] = 'application/json';
  return JSON.stringify(options.json);
}

/**
 * One request. Every POST/PATCH/PUT/DELETE carries an `Idempotency-Key`: pass the key of the user's
 * action (see `newActionKey`) so that a retry of the same action is recognised by the server.
 */
export async function request<T>(method: Method, url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const isChange = method !== 'GET';
  if (isChange) headers['idempotency-key'] = options.idempotencyKey ?? newActionKey();
  const body = bodyOf(options, headers);
  const retry = options.retry ?? 'now';
  const init: RequestInit = {
    method,
    headers,
    body,
    credentials: options.credentials ?? 'same-origin',
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  };
  const response = await send(url, init, options, isChange && retry === 'now' ? RETRY_DELAYS_MS : []);
  if (response.status === 204) return undefined as T;
  const parsed = parseBody(await response.text().catch(() => ''), response.status, retry);
  if (!response.ok) {
    // Sign-in, "who am I" and a wrong current password answer for themselves; any other 401 means the session is gone.
    if (response.status === 401 && !url.startsWith('/api/auth/')) onUnauthorized();
    if (response.status === 403 && parsed.code === PASSWORD_CHANGE_REQUIRED) onPasswordChangeRequired();
    throw new ApiError(response.status, parsed);
  }
  return parsed as T;
}

const keyed = (key: string | undefined, transport: Transport) => (key === undefined ? transport : { ...transport, idempotencyKey: key });

/** The usual calls; `key` is the person's action key, `transport` an app's own conditions. */
export const api = {
  get: <T>(url: string, transport: Transport = {}) => request<T>('GET', url, transport),
  post: <T>(url: string, body: unknown = {}, key?: string, transport: Transport = {}) =>
    request<T>('POST', url, { ...keyed(key, transport), json: body }),
  patch: <T>(url: string, body: unknown, key?: string, transport: Transport = {}) =>
    request<T>('PATCH', url, { ...keyed(key, transport), json: body }),
  put: <T>(url: string, body: unknown, key?: string, transport: Transport = {}) =>
    request<T>('PUT', url, { ...keyed(key, transport), json: body }),
  delete: <T>(url: string, key?: string, transport: Transport = {}) => request<T>('DELETE', url, keyed(key, transport)),
  /** A file or other body sent as it is, with its media type. */
  upload: <T>(url: string, raw: RawBody, key?: string, transport: Transport = {}) =>
    request<T>('POST', url, { ...keyed(key, transport), raw }),
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
