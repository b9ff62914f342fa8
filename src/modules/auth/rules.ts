/**
 * Sign-in throttling rules (docs/adr/0011-sign-in-throttling.md), pure: the state of one counter and
 * what an attempt does to it. A counter belongs to a user name (clients without a device cookie of
 * that account), to one device cookie, or to a client address.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: Date | null;
  lockedUntil: Date | null;
}

export interface ThrottleLimit {
  /** Failures within one window that lock the key (YIZHAN_LOGIN_MAX_FAILURES, or the address limit). */
  maxFailures: number;
  /** The window failures are counted in, and how long the key stays locked after the last one (YIZHAN_LOCK_MINUTES). */
  windowMs: number;
}

export const EMPTY_THROTTLE: ThrottleState = { failures: 0, windowStartedAt: null, lockedUntil: null };

/** 等保: a locked key is refused without checking any password until its lock is over. */
export function isLocked(state: ThrottleState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/**
 * An attempt is charged as a failure before its password is checked, so that parallel guesses see each
 * other and never exceed the limit; a success later takes the charge back (`afterSuccess`, `refund`).
 * The charge that reaches the limit locks the key for one window from now.
 */
export function charge(state: ThrottleState, now: Date, limit: ThrottleLimit): { state: ThrottleState; isNowLocked: boolean } {
  const isFresh = state.windowStartedAt === null || now.getTime() - state.windowStartedAt.getTime() >= limit.windowMs;
  const failures = (isFresh ? 0 : state.failures) + 1;
  const isNowLocked = failures >= limit.maxFailures;
  return {
    state: {
      failures,
      windowStartedAt: isFresh ? now : state.windowStartedAt,
      lockedUntil: isNowLocked ? new Date(now.getTime() + limit.windowMs) : null,
    },
    isNowLocked,
  };
}

/** The right password: the user name's or device's failures are forgotten (failures in a row lock, as before). */
export function afterSuccess(): ThrottleState {
  return EMPTY_THROTTLE;
}

/**
 * The right password, for a shared address (a township hall behind one NAT address): only this attempt's
 * charge is taken back, so other people's failures from that address still count.
 */
export function refund(state: ThrottleState, limit: ThrottleLimit): ThrottleState {
  const failures = Math.max(0, state.failures - 1);
  return { ...state, failures, lockedUntil: failures >= limit.maxFailures ? state.lockedUntil : null };
}
