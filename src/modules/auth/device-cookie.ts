import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that signed in
 * to an account once carries a signed token naming that account. Its failures are counted against the
 * token alone, so a stranger who locks the user name for unknown clients does not lock out the clerk at
 * her own counter. One cookie holds the tokens of the last few accounts signed in on that browser (a
 * shared hall computer).
 */
export const DEVICE_COOKIE = 'yizhan_device';
/** Sent only to the sign-in and password endpoints. */
export const DEVICE_COOKIE_PATH = '/api/auth/';
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;
const MAX_TOKENS = 8;
const NONCE = /^[A-Za-z0-9_-]{22}$/;

export interface DeviceToken {
  username: string;
  nonce: string;
}

/**
 * The signing key is derived from the audit key (kept outside the database) with its own label, so a
 * deployment has one secret to guard and a device token can never pass for an audit signature.
 */
const keys = new Map<string, Buffer>();
function deviceKeyOf(auditKey: string): Buffer {
  let key = keys.get(auditKey);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', auditKey, 'yizhan', 'device cookie v1', 32));
    keys.set(auditKey, key);
  }
  return key;
}

function signatureOf(auditKey: string, username: string, nonce: string): Buffer {
  return createHmac('sha256', deviceKeyOf(auditKey)).update(`${username}\n${nonce}`).digest();
}

function encode(auditKey: string, token: DeviceToken): string {
  const name = Buffer.from(token.username, 'utf8').toString('base64url');
  return `${name}.${token.nonce}.${signatureOf(auditKey, token.username, token.nonce).toString('base64url')}`;
}

/** The tokens in a cookie whose signature holds; anything else in it is ignored. */
function decodeAll(auditKey: string, cookie: string | undefined): DeviceToken[] {
  if (cookie === undefined || cookie.length > 2000) return [];
  const tokens: DeviceToken[] = [];
  for (const part of cookie.split('~').slice(0, MAX_TOKENS)) {
    const [name, nonce, signature, ...rest] = part.split('.');
    if (name === undefined || nonce === undefined || signature === undefined || rest.length > 0 || !NONCE.test(nonce)) continue;
    const username = Buffer.from(name, 'base64url').toString('utf8');
    const given = Buffer.from(signature, 'base64url');
    const expected = signatureOf(auditKey, username, nonce);
    if (given.length === expected.length && timingSafeEqual(given, expected)) tokens.push({ username, nonce });
  }
  return tokens;
}

/** This browser's valid token for the account, if it has one. */
export function deviceTokenFor(auditKey: string, cookie: string | undefined, username: string): DeviceToken | null {
  return decodeAll(auditKey, cookie).find((token) => token.username === username) ?? null;
}

/** After a successful sign-in: a fresh token for the account first, the browser's other accounts after it. */
export function issueDeviceToken(auditKey: string, cookie: string | undefined, username: string): string {
  const fresh: DeviceToken = { username, nonce: randomBytes(16).toString('base64url') };
  const others = decodeAll(auditKey, cookie).filter((token) => token.username !== username);
  return [fresh, ...others]
    .slice(0, MAX_TOKENS)
    .map((token) => encode(auditKey, token))
    .join('~');
}
