import { describe, expect, it } from 'vitest';
import { afterSuccess, charge, EMPTY_THROTTLE, isLocked, refund, type ThrottleState } from './rules.ts';

const limit = { maxFailures: 3, windowMs: 30 * 60_000 };
const at = (minutes: number) => new Date(Date.UTC(2026, 9, 15, 1, minutes));

function chargeTimes(times: number[], start: ThrottleState = EMPTY_THROTTLE): ThrottleState {
  return times.reduce((state, minute) => charge(state, at(minute), limit).state, start);
}

describe('sign-in throttle rules', () => {
  it('locks at the charge that reaches the limit, for one window from then', () => {
    const twice = chargeTimes([0, 1]);
    expect(isLocked(twice, at(1))).toBe(false);
    const third = charge(twice, at(2), limit);
    expect(third.isNowLocked).toBe(true);
    expect(third.state.lockedUntil).toEqual(at(32));
    expect(isLocked(third.state, at(31))).toBe(true);
    expect(isLocked(third.state, at(32))).toBe(false);
  });

  it('counts failures within one window: an old failure no longer counts', () => {
    const state = chargeTimes([0, 1, 31]);
    expect(state).toEqual({ failures: 1, windowStartedAt: at(31), lockedUntil: null });
  });

  it('after a lock ends, counting starts again', () => {
    const locked = chargeTimes([0, 1, 2]);
    const next = charge(locked, at(40), limit);
    expect(next).toEqual({ state: { failures: 1, windowStartedAt: at(40), lockedUntil: null }, isNowLocked: false });
  });

  it('a success forgets a name’s failures; an address only gets its own attempt back', () => {
    expect(afterSuccess()).toEqual(EMPTY_THROTTLE);
    const shared = chargeTimes([0, 1, 2]);
    expect(refund(shared, limit)).toEqual({ failures: 2, windowStartedAt: at(0), lockedUntil: null });
    expect(refund(EMPTY_THROTTLE, limit).failures).toBe(0);
  });
});
