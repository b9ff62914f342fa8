import type { FastifyRequest } from 'fastify';
import type { Scope, Tx } from '../db/db.ts';
import { commonErrors, DomainError } from '../shared/errors.ts';
import type { AppContext, Principal, Role } from './context.ts';

/**
 * The signed-in staff member, or 401; with roles given, 403 for anyone else. An account still on its
 * first password gets 403 PASSWORD_CHANGE_REQUIRED here on every route but sign-out and password change.
 */
export function requireStaff(request: FastifyRequest, ...roles: Role[]): Principal {
  const principal = request.principal;
  if (!principal && request.isPasswordChangePending) {
    throw new DomainError(commonErrors.PASSWORD_CHANGE_REQUIRED, '您的账户仍在使用管理员设置的初始密码，请先修改密码后再使用系统。');
  }
  if (!principal) throw new DomainError(commonErrors.UNAUTHENTICATED, '登录已失效或尚未登录，请重新登录。');
  if (roles.length > 0 && !roles.includes(principal.role)) {
    throw new DomainError(commonErrors.FORBIDDEN, '您的角色无权进行此操作。');
  }
  return principal;
}

export function scopeOf(principal: Principal): Scope {
  return { kind: 'orgs', orgIds: principal.scopeOrgIds };
}

/** A read in the caller's scope: the code filters by org and row-level security filters again. */
export function readInScope<T>(ctx: AppContext, principal: Principal, work: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(scopeOf(principal), work);
}

/** 404 rather than 403 for another tenant's object: its existence is not disclosed. */
export function assertInScope(principal: Principal, orgId: string, what = '对象'): void {
  if (!principal.scopeOrgIds.includes(orgId)) throw new DomainError(commonErrors.NOT_FOUND, `未找到该${what}。`);
}

/** The client's address as taken when the request arrived (input-hygiene), never from a closed socket. */
export function clientIpOf(request: FastifyRequest): string {
  return request.clientAddress;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The client's address (through trusted proxies), taken when the request arrived (input hygiene). */
    clientAddress: string;
    principal: Principal | null;
    /**
     * R13: the caller is signed in but still on the first password an administrator set. Such a request
     * runs as anonymous (public routes still answer), and `requireStaff` answers PASSWORD_CHANGE_REQUIRED.
     */
    isPasswordChangePending: boolean;
  }
  interface FastifyContextConfig {
    /** The only routes an account on its first password may use: sign-out and changing the password. */
    isAllowedBeforePasswordChange?: boolean;
  }
}
