import { createHash } from 'node:crypto';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import type { AppContext, Principal } from '../../kernel/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { authErrors } from './errors.ts';
import { checkPassword } from './password-policy.rules.ts';
import { findSession, revokeSession, touchSession } from './repo.ts';

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
    await ctx.audit.append(tx, now, {
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
