import { randomBytes } from 'node:crypto';
import { SYSTEM_SCOPE, type Tx } from '../../db/db.ts';
import type { AppContext, Principal } from '../../kernel/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { issueDeviceToken } from './device-cookie.ts';
import { authErrors } from './errors.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './hashing.ts';
import { findCredentials, replacePasswordHash, type StaffCredentials } from '../staff/index.ts';
import { insertSession, revokeSession, revokeStaffSessions } from './repo.ts';
import { assertPasswordAcceptable, hashToken, type SessionUser } from './service.ts';
import { admit, gateError, guesserOf, nameLockedError, settleSuccess, type Admission, type Guesser } from './throttle.ts';

const MINUTE = 60_000;

export interface SignInRequest {
  username: string;
  password: string;
  clientIp: string;
  /** The browser's device cookie (yizhan_device), if it sent one. */
  deviceCookie: string | undefined;
}

export interface SignedIn {
  token: string;
  user: SessionUser;
  /** The new value of the device cookie: this browser is now trusted for this account. */
  deviceCookie: string;
}

function auditOf(ctx: AppContext, tx: Tx, now: Date, staff: StaffCredentials | null, username: string, clientIp: string) {
  return (action: string, summary: Record<string, unknown>) =>
    ctx.audit.append(tx, now, {
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
}

/** Audit rows for a failed guess: why, and any lock the guess set. */
async function auditFailure(audit: ReturnType<typeof auditOf>, reason: string, admission: Admission): Promise<void> {
  await audit(reason === 'wrong_current_password' ? 'auth.password_change_failed' : 'auth.login_failed', {
    reason,
    countedAgainst: admission.charged.kind,
  });
  if (admission.hasLockedName) await audit('auth.locked', { countedAgainst: 'name' });
  if (admission.hasLockedDevice) await audit('auth.locked', { countedAgainst: 'device' });
  if (admission.hasLockedAddress) await audit('auth.address_locked', {});
}

/**
 * R5 (docs/adr/0011): the address and the user name (or this browser's device token) are charged in a
 * short transaction first — a locked one is refused there without hashing — then the password is checked
 * outside any transaction, against a throwaway hash of the same cost when the name is unknown, and a
 * second short transaction settles the attempt. Unknown and real names take the same steps and get the
 * same answers in every state.
 */
export async function login(ctx: AppContext, attempt: SignInRequest): Promise<SignedIn> {
  const now = ctx.clock.now();
  const policy = ctx.security;
  const guesser = guesserOf(ctx.auditKey, attempt.clientIp, attempt.username, attempt.deviceCookie);
  const admitted = await ctx.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const gate = await admit(tx, policy, guesser, now);
    return gate.kind === 'admitted'
      ? { admission: gate.admission, staff: await findCredentials(tx, { username: guesser.username }) }
      : gate;
  });
  if ('kind' in admitted) throw gateError(policy, admitted);
  const { admission, staff } = admitted;
  const isMatch = staff ? await verifyPassword(staff.passwordHash, attempt.password) : (await verifyAgainstDummy(attempt.password), false);

  const outcome = await ctx.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const audit = auditOf(ctx, tx, now, staff, attempt.username, attempt.clientIp);
    if (!staff || !isMatch || staff.status !== 'active') {
      await auditFailure(audit, !staff ? 'unknown_user' : !isMatch ? 'wrong_password' : 'disabled', admission);
      return null;
    }
    await settleSuccess(tx, policy, guesser, admission);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteHours * 60 * MINUTE);
    const sessionId = await insertSession(tx, { tokenHash: hashToken(token), staffId: staff.id, kind: 'cookie', now, expiresAt });
    await audit('auth.login', { sessionId, trustedDevice: admission.charged.kind === 'device' });
    return { token, staff };
  });
  if (!outcome) {
    if (admission.hasLockedName) throw nameLockedError(policy, new Date(now.getTime() + policy.lockMinutes * MINUTE));
    throw new DomainError(authErrors.AUTH_INVALID_CREDENTIALS, '用户名或密码错误，请重新输入。');
  }
  const { staff: signedIn } = outcome;
  return {
    token: outcome.token,
    deviceCookie: issueDeviceToken(ctx.auditKey, attempt.deviceCookie, guesser.username),
    user: {
      id: signedIn.id,
      username: signedIn.username,
      name: signedIn.name,
      role: signedIn.role,
      orgId: signedIn.orgId,
      orgName: signedIn.orgName,
      orgKind: signedIn.orgKind,
      mustChangePassword: signedIn.mustChangePassword,
    },
  };
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  clientIp: string;
  deviceCookie: string | undefined;
}

/**
 * A user changes their own password; their other sessions end. A wrong current password is a failed
 * sign-in (same throttle): the guess that reaches the limit, or one made while locked, also ends this session.
 */
export async function changeOwnPassword(ctx: AppContext, principal: Principal, change: PasswordChange): Promise<void> {
  assertPasswordAcceptable(ctx, change.newPassword, principal.username);
  const now = ctx.clock.now();
  const policy = ctx.security;
  const guesser: Guesser = guesserOf(ctx.auditKey, change.clientIp, principal.username, change.deviceCookie);
  const admitted = await ctx.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const gate = await admit(tx, policy, guesser, now);
    if (gate.kind === 'name_locked') await revokeSession(tx, principal.sessionId, now);
    return gate.kind === 'admitted' ? { admission: gate.admission, staff: await findCredentials(tx, { id: principal.staffId }) } : gate;
  });
  if ('kind' in admitted) {
    const error = gateError(policy, admitted);
    throw admitted.kind === 'name_locked' ? new DomainError(authErrors.AUTH_LOCKED, `${error.detail}本次登录已结束。`, error.extra) : error;
  }
  const { admission, staff } = admitted;
  const isMatch = staff !== null && (await verifyPassword(staff.passwordHash, change.currentPassword));
  const isSame = isMatch && (await verifyPassword(staff.passwordHash, change.newPassword));
  const newHash = isMatch && !isSame ? await hashPassword(change.newPassword) : null;

  const changed = await ctx.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const audit = auditOf(ctx, tx, now, staff, principal.username, change.clientIp);
    if (!staff || !isMatch) {
      await auditFailure(audit, 'wrong_current_password', admission);
      const hasEnded = admission.hasLockedName || admission.hasLockedDevice;
      if (hasEnded) await revokeSession(tx, principal.sessionId, now);
      return { kind: 'wrong' as const, hasEnded };
    }
    await settleSuccess(tx, policy, guesser, admission);
    if (newHash === null) return { kind: 'same' as const };
    if (!(await replacePasswordHash(tx, staff.id, { checked: staff.passwordHash, next: newHash }, now, false)))
      return { kind: 'raced' as const };
    await revokeStaffSessions(tx, staff.id, now, principal.sessionId);
    await audit('auth.password_changed', {});
    return { kind: 'changed' as const };
  });
  switch (changed.kind) {
    case 'changed':
      return;
    case 'same':
      throw new DomainError(authErrors.AUTH_WEAK_PASSWORD, '新密码不能与当前密码相同。');
    case 'raced':
      throw new DomainError(authErrors.AUTH_WRONG_CURRENT_PASSWORD, '密码刚被修改或重置，请重新输入当前密码。');
    case 'wrong':
      if (changed.hasEnded) {
        throw new DomainError(
          authErrors.AUTH_LOCKED,
          `连续 ${String(policy.maxFailedLogins)} 次当前密码错误，本次登录已结束；请重新登录。`,
        );
      }
      throw new DomainError(authErrors.AUTH_WRONG_CURRENT_PASSWORD, '当前密码不正确，请重新输入。');
  }
}
