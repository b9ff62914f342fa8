/** 登录与会话 (auth): sign-in, sessions, password policy (等保), sign-in throttling (docs/adr/0011). */
export { authenticate, assertPasswordAcceptable, type SessionUser } from './service.ts';
export { hashPassword, verifyPassword } from './hashing.ts';
export { checkPassword, type PasswordPolicy } from './password-policy.rules.ts';
export { clearNameLock, revokeStaffSessions } from './repo.ts';
export { purgeSignInThrottles } from './throttle.ts';
export { authErrors } from './errors.ts';
export { authRoutes } from './routes.ts';
/** The session cookie: set at sign-in, cleared at sign-out and when its session has ended. */
export { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie.ts';
