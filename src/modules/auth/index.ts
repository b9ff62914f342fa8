/** 登录与会话 (auth): sign-in, sessions, password policy (等保), account locking. */
export { authenticate, assertPasswordAcceptable, login, type SessionUser } from './service.ts';
export { hashPassword, verifyPassword } from './hashing.ts';
export { checkPassword, type PasswordPolicy } from './password-policy.ts';
export { revokeStaffSessions } from './repo.ts';
export { authErrors } from './errors.ts';
export { authRoutes } from './routes.ts';
export { rolesFor, assignableRoles, type Permission } from './permissions.ts';
