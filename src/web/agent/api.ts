import { ApiError } from '../shared/api.ts';

export { ApiError };

/** A village connection can hang rather than fail: give up and leave the entry pending. */
const JSON_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 120_000;

interface CallOptions {
  json?: unknown;
  blob?: Blob;
  key?: string;
}

function parse(text: string, status: number): Record<string, unknown> {
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
  } catch {
    return { code: 'BAD_RESPONSE', title: '服务器响应异常', detail: `服务器响应异常（HTTP ${status}），稍后自动重试` };
  }
}

/**
 * One call, no retries of its own: the outbox decides what to retry. A failure to reach the server
 * (offline, timeout) is an ApiError with status 0, so every failure has one shape.
 */
export async function call<T>(method: 'GET' | 'POST', url: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.blob) {
    headers['content-type'] = options.blob.type || 'application/octet-stream';
    body = options.blob;
  }
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, options.blob ? UPLOAD_TIMEOUT_MS : JSON_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body ?? null, credentials: 'same-origin', cache: 'no-store', signal: controller.signal });
  } catch (error) {
    throw new ApiError(0, { code: 'NETWORK', title: '网络连接失败', detail: '网络连接失败，联网后自动重试', cause: String(error) });
  } finally {
    clearTimeout(timer);
  }
  const parsed = parse(await response.text().catch(() => ''), response.status);
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed as T;
}

/** 401: the session ended (30 min idle). Nothing is dropped; the app asks to sign in again. */
export const isUnauthorized = (error: unknown): error is ApiError => error instanceof ApiError && error.status === 401;

/** 403 PASSWORD_CHANGE_REQUIRED: the account is on its admin-set first password (R13). Nothing is dropped either. */
export const isPasswordChangeRequired = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED';

/**
 * Worth trying again later: no connection, the server failing (5xx), a timeout (408), too many
 * requests (429), or the same key still being processed by an earlier attempt.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 408 || error.status === 429 || error.code === 'IDEMPOTENCY_IN_FLIGHT';
}

/** The text to show for a failure: the server's Chinese detail, with the field messages when it listed them. */
export function describe(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = error.errors.map((field) => field.message).filter((message) => !error.detail.includes(message));
  return [error.detail, ...fields].join('；');
}

export interface FileView {
  id: string;
  mediaType: string;
  size: number;
  sha256: string;
  name: string;
}

export const uploadFile = (blob: Blob, name: string, key: string) =>
  call<FileView>('POST', `/api/files?name=${encodeURIComponent(name)}`, { blob, key });
