import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * Fastify's `trustProxy`: false (the default: the socket's address is the client), a number of proxy
 * hops to trust, or the addresses/CIDR ranges of the proxies whose X-Forwarded-For is believed.
 */
export type TrustProxy = false | number | string[];

/** Every setting the server reads, from the environment, validated once at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  clockStart: Date | undefined;
  demoPassword: string | undefined;
  auditKey: string | undefined;
  isProduction: boolean;
  logLevel: string;
  smsWebhookUrl: string | undefined;
  /** YIZHAN_PUBLIC_URL: the address citizens reach the platform at (no trailing slash), for every QR code and link. */
  publicUrl: string | undefined;
  /** How long idempotency records (and the answers they replay) are kept. */
  idempotencyDays: number;
  /** YIZHAN_TRUST_PROXY: which reverse proxies report the client address (throttling and audit use it). */
  trustProxy: TrustProxy;
  /** YIZHAN_ALLOWED_ORIGINS: origins besides the one a request was addressed to that may send changes with the session cookie. */
  allowedOrigins: string[];
  security: {
    maxFailedLogins: number;
    maxFailedLoginsPerAddress: number;
    lockMinutes: number;
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    passwordMinLength: number;
    passwordMinClasses: number;
  };
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  YIZHAN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  YIZHAN_CLOCK: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), 'YIZHAN_CLOCK 必须是 ISO 日期时间，如 2026-10-08T09:00:00+08:00')
    .optional(),
  YIZHAN_DEMO_PASSWORD: z.string().min(8, 'YIZHAN_DEMO_PASSWORD 至少 8 个字符').max(128).optional(),
  YIZHAN_AUDIT_KEY: z.string().min(32, 'YIZHAN_AUDIT_KEY 至少 32 个字符').optional(),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  YIZHAN_LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(20).default(5),
  YIZHAN_LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(5).max(10_000).default(30),
  YIZHAN_TRUST_PROXY: z
    .string()
    .transform((value, context): TrustProxy => {
      const parsed = parseTrustProxy(value);
      if (parsed === null) {
        context.addIssue({
          code: 'custom',
          message: 'YIZHAN_TRUST_PROXY 应为 off、代理层数（1–10）或以逗号分隔的代理地址/网段（如 127.0.0.1,10.0.0.0/8）',
        });
        return z.NEVER;
      }
      return parsed;
    })
    .default(false),
  YIZHAN_ALLOWED_ORIGINS: z
    .string()
    .transform((value, context) => {
      const origins = value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      const bad = origins.filter((origin) => originOf(origin) !== origin);
      if (bad.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `YIZHAN_ALLOWED_ORIGINS 中 ${bad.join('、')} 不是来源（应为 scheme://host[:port]，如 https://yizhan.example.gov.cn）`,
        });
        return z.NEVER;
      }
      return origins;
    })
    .default([]),
  YIZHAN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  YIZHAN_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  YIZHAN_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  YIZHAN_PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8, '密码最小长度不能低于 8').max(64).default(8),
  YIZHAN_PASSWORD_MIN_CLASSES: z.coerce.number().int().min(2).max(4).default(3),
  YIZHAN_IDEMPOTENCY_DAYS: z.coerce.number().int().min(1, 'YIZHAN_IDEMPOTENCY_DAYS 至少 1 天').max(3650).default(30),
  YIZHAN_PUBLIC_URL: z
    .string()
    .transform((value, context) => {
      const base = publicBaseOf(value);
      if (base === null) {
        context.addIssue({
          code: 'custom',
          message: 'YIZHAN_PUBLIC_URL 应为群众访问本平台的地址（http:// 或 https:// 开头，不带查询参数），如 https://yizhan.example.gov.cn',
        });
        return z.NEVER;
      }
      return base;
    })
    .optional(),
  YIZHAN_SMS_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: 'YIZHAN_SMS_WEBHOOK_URL 必须是 http:// 或 https:// 地址' }).optional(),
});

/** `off` · a hop count · a comma list of addresses or CIDR ranges (also loopback, linklocal, uniquelocal); null if none of them. */
export function parseTrustProxy(value: string): TrustProxy | null {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'off' || text === 'false' || text === 'no') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? hops : null;
  }
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const isProxy = (item: string) =>
    ['loopback', 'linklocal', 'uniquelocal'].includes(item) || ipaddr.isValid(item) || (item.includes('/') && isCidr(item));
  return items.length > 0 && items.every(isProxy) ? items : null;
}

function isCidr(item: string): boolean {
  try {
    ipaddr.parseCIDR(item);
    return true;
  } catch {
    return false;
  }
}

/** A public base address: http(s), host, optional path prefix, no query or fragment; without its trailing slash. */
function publicBaseOf(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || url.username !== '') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** The origin (scheme://host[:port]) of a URL, lower-cased as browsers send it; null if it is not an http(s) URL. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: resolve(values.YIZHAN_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    clockStart: values.YIZHAN_CLOCK === undefined ? undefined : new Date(values.YIZHAN_CLOCK),
    demoPassword: values.YIZHAN_DEMO_PASSWORD,
    auditKey: values.YIZHAN_AUDIT_KEY,
    isProduction: values.NODE_ENV === 'production',
    logLevel: values.LOG_LEVEL,
    smsWebhookUrl: values.YIZHAN_SMS_WEBHOOK_URL,
    publicUrl: values.YIZHAN_PUBLIC_URL,
    idempotencyDays: values.YIZHAN_IDEMPOTENCY_DAYS,
    trustProxy: values.YIZHAN_TRUST_PROXY,
    allowedOrigins: values.YIZHAN_ALLOWED_ORIGINS,
    security: {
      maxFailedLogins: values.YIZHAN_LOGIN_MAX_FAILURES,
      maxFailedLoginsPerAddress: values.YIZHAN_LOGIN_ADDRESS_MAX_FAILURES,
      lockMinutes: values.YIZHAN_LOCK_MINUTES,
      sessionIdleMinutes: values.YIZHAN_SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: values.YIZHAN_SESSION_MAX_HOURS,
      passwordMinLength: values.YIZHAN_PASSWORD_MIN_LENGTH,
      passwordMinClasses: values.YIZHAN_PASSWORD_MIN_CLASSES,
    },
  };
}
