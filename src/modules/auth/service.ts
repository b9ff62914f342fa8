import { createHash, randomBytes } from 'node:crypto';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import type { AppContext, Principal } from '../../server/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { appendAuditRecord } from '../audit/index.ts';
import { authErrors } from './errors.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './hashing.ts';
import { checkPassword } from './password-policy.ts';
import {
  findCredentials,
  findSession,
  insertSession,
  recordFailedLogin,
  recordSuccessfulLogin,
  revokeSession,
  revokeStaffSessions,
  touchSession,
  updatePasswordHash,
} from './repo.ts';

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: Principal['role'];
  orgId: string;
  orgName: string;
  orgKind: Principal['orgKind'];
  mustChangePassword: boolean;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const MINUTE = 60_000;
/** Writing last_seen_at on every request would make each read a write; 30 s of slack is enough. */
const TOUCH_INTERVAL_MS = 30_000;

type LoginOutcome =
  | { kind: 'ok'; token: string; user: SessionUser }
  | { kind: 'invalid' }
  | { kind: 'locked'; until: Date };

function formatShanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

/**
 * R5: a wrong user name and a wrong password get the same answer after the same work; repeated
 * failures lock the account. Failure counts are committed even though the request is refused.
 */
export async function login(ctx: AppContext, username: string, password: string, clientIp: string): Promise<{ token: string; user: SessionUser }> {
  const now = ctx.clock.now();
  const policy = ctx.security;
  const outcome = await ctx.db.transaction(SYSTEM_SCOPE, async (tx): Promise<LoginOutcome> => {
    const staff = await findCredentials(tx, { username: username.toLowerCase() });
    const audit = (action: string, summary: Record<string, unknown>) =>
      appendAuditRecord(tx, ctx.auditKey, now, {
        actorId: staff?.id ?? null,
        actorName: staff?.name ?? username.slice(0, 32),
        actorRole: staff?.role ?? 'anonymous',
        orgId: staff?.orgId ?? null,
        action,
        targetType: 'staff',
        targetId: staff?.id ?? '',
        summary,
        clientIp,
      });
    if (!staff) {
      await verifyAgainstDummy(password);
      await audit('auth.login_failed', { reason: 'unknown_user' });
      return { kind: 'invalid' };
    }
    if (staff.lockedUntil && staff.lockedUntil > now) {
      await verifyAgainstDummy(password);
      return { kind: 'locked', until: staff.lockedUntil };
    }
    const isMatch = await verifyPassword(staff.passwordHash, password);
    if (!isMatch) {
      const failed = staff.failedAttempts + 1;
      if (failed >= policy.maxFailedLogins) {
        const until = new Date(now.getTime() + policy.lockMinutes * MINUTE);
        await recordFailedLogin(tx, staff.id, 0, until);
        await audit('auth.locked', { failedAttempts: failed, lockedUntil: until.toISOString() });
        return { kind: 'locked', until };
      }
      await recordFailedLogin(tx, staff.id, failed, null);
      await audit('auth.login_failed', { reason: 'wrong_password', failedAttempts: failed });
      return { kind: 'invalid' };
    }
    if (staff.status !== 'active') {
      await audit('auth.login_failed', { reason: 'disabled' });
      return { kind: 'invalid' };
    }
    await recordSuccessfulLogin(tx, staff.id);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteHours * 60 * MINUTE);
    const sessionId = await insertSession(tx, { tokenHash: hashToken(token), staffId: staff.id, kind: 'cookie', now, expiresAt });
    await audit('auth.login', { sessionId });
    return {
      kind: 'ok',
      token,
      user: {
        id: staff.id,
        username: staff.username,
        name: staff.name,
        role: staff.role,
        orgId: staff.orgId,
        orgName: staff.orgName,
        orgKind: staff.orgKind,
        mustChangePassword: staff.mustChangePassword,
      },
    };
  });
  switch (outcome.kind) {
    case 'ok':
      return { token: outcome.token, user: outcome.user };
    case 'invalid':
      throw new DomainError(authErrors.AUTH_INVALID_CREDENTIALS, '用户名或密码错误，请重新输入。');
    case 'locked':
      throw new DomainError(
        authErrors.AUTH_LOCKED,
        `连续 ${String(policy.maxFailedLogins)} 次密码错误，账户已锁定至 ${formatShanghaiTime(outcome.until)}（北京时间），或请管理员解锁。`,
        { lockedUntil: outcome.until.toISOString() },
      );
  }
}

/** R5: a session ends after the idle limit, at the absolute limit, and when its account is disabled. */
export async function authenticate(ctx: AppContext, token: string): Promise<Principal | null> {
  const now = ctx.clock.now();
  return ctx.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const session = await findSession(tx, hashToken(token));
    if (!session) return null;
    const idleLimit = new Date(session.lastSeenAt.getTime() + ctx.security.sessionIdleMinutes * MINUTE);
    if (session.status !== 'active' || session.expiresAt <= now || idleLimit <= now) {
      await revokeSession(tx, session.sessionId, now);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await touchSession(tx, session.sessionId, now);
    return {
      staffId: session.staffId,
      username: session.username,
      name: session.name,
      role: session.role,
      orgId: session.orgId,
      orgName: session.orgName,
      orgKind: session.orgKind,
      scopeOrgIds: session.scopeOrgIds,
      sessionId: session.sessionId,
      mustChangePassword: session.mustChangePassword,
    };
  });
}

export function toSessionUser(principal: Principal): SessionUser {
  return {
    id: principal.staffId,
    username: principal.username,
    name: principal.name,
    role: principal.role,
    orgId: principal.orgId,
    orgName: principal.orgName,
    orgKind: principal.orgKind,
    mustChangePassword: principal.mustChangePassword,
  };
}

export async function logout(ctx: AppContext, principal: Principal, clientIp: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(SYSTEM_SCOPE, async (tx) => {
    await revokeSession(tx, principal.sessionId, now);
    await appendAuditRecord(tx, ctx.auditKey, now, {
      actorId: principal.staffId,
      actorName: principal.name,
      actorRole: principal.role,
      orgId: principal.orgId,
      action: 'auth.logout',
      targetType: 'staff',
      targetId: principal.staffId,
      summary: {},
      clientIp,
    });
  });
}

/** Refuses a password that breaks the policy, listing every reason. */
export function assertPasswordAcceptable(ctx: AppContext, password: string, username: string): void {
  const problems = checkPassword(
    password,
    { minLength: ctx.security.passwordMinLength, minClasses: ctx.security.passwordMinClasses },
    username,
  );
  if (problems.length > 0) {
    throw new DomainError(authErrors.AUTH_WEAK_PASSWORD, problems.join('；'), {
      errors: problems.map((message) => ({ path: 'password', message })),
    });
  }
}

/** A user changes their own password; their other sessions end. */
export async function changeOwnPassword(
  ctx: AppContext,
  principal: Principal,
  currentPassword: string,
  newPassword: string,
  clientIp: string,
): Promise<void> {
  assertPasswordAcceptable(ctx, newPassword, principal.username);
  const now = ctx.clock.now();
  const newHash = await hashPassword(newPassword);
  await ctx.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const staff = await findCredentials(tx, { id: principal.staffId });
    if (!staff || !(await verifyPassword(staff.passwordHash, currentPassword))) {
      throw new DomainError(authErrors.AUTH_WRONG_CURRENT_PASSWORD, '当前密码不正确，请重新输入。');
    }
    if (await verifyPassword(staff.passwordHash, newPassword)) {
      throw new DomainError(authErrors.AUTH_WEAK_PASSWORD, '新密码不能与当前密码相同。');
    }
    await updatePasswordHash(tx, staff.id, newHash, now, false);
    await revokeStaffSessions(tx, staff.id, now, principal.sessionId);
    await appendAuditRecord(tx, ctx.auditKey, now, {
      actorId: principal.staffId,
      actorName: principal.name,
      actorRole: principal.role,
      orgId: principal.orgId,
      action: 'auth.password_changed',
      targetType: 'staff',
      targetId: principal.staffId,
      summary: {},
      clientIp,
    });
  });
}
