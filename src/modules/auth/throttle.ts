import { SYSTEM_SCOPE, type Db, type Tx } from '../../db/db.ts';
import type { SecurityPolicy } from '../../kernel/context.ts';
import { DomainError } from '../../shared/errors.ts';
import { addressKeyOf } from './client-address.ts';
import { deviceTokenFor, type DeviceToken } from './device-cookie.ts';
import { authErrors } from './errors.ts';
import { deleteSpentThrottles, lockThrottle, mirrorNameThrottle, saveThrottle, type ThrottleKind } from './repo.ts';
import { afterSuccess, charge, isLocked, refund, type ThrottleLimit } from './rules.ts';

const MINUTE = 60_000;

/** Who is guessing: the client address, the user name as typed, and this browser's device token for it. */
export interface Guesser {
  address: string;
  username: string;
  device: DeviceToken | null;
}

export function guesserOf(auditKey: string, clientIp: string, username: string, deviceCookie: string | undefined): Guesser {
  const name = username.toLowerCase();
  return { address: addressKeyOf(clientIp), username: name, device: deviceTokenFor(auditKey, deviceCookie, name) };
}

/** An attempt allowed to check a password, charged in advance to the address and to the name or device. */
export interface Admission {
  charged: { kind: Extract<ThrottleKind, 'name' | 'device'>; key: string };
  /** This charge locked the user name (for clients without its device cookie). */
  hasLockedName: boolean;
  hasLockedDevice: boolean;
  hasLockedAddress: boolean;
}

export type Gate =
  { kind: 'admitted'; admission: Admission } | { kind: 'address_locked'; until: Date } | { kind: 'name_locked'; until: Date };

const limitsOf = (policy: SecurityPolicy): { account: ThrottleLimit; address: ThrottleLimit } => ({
  account: { maxFailures: policy.maxFailedLogins, windowMs: policy.lockMinutes * MINUTE },
  address: { maxFailures: policy.maxFailedLoginsPerAddress, windowMs: policy.lockMinutes * MINUTE },
});

/**
 * Before any password is checked (R5, docs/adr/0011): a locked address is refused first, then a locked
 * user name for a client without a valid, unlocked device token of that account; an admitted attempt
 * is charged at once, so parallel guesses cannot get past the limit. Unknown user names go through
 * exactly the same steps as real ones.
 */
export async function admit(tx: Tx, policy: SecurityPolicy, guesser: Guesser, now: Date): Promise<Gate> {
  const limits = limitsOf(policy);
  const address = await lockThrottle(tx, 'address', guesser.address);
  if (isLocked(address, now) && address.lockedUntil) return { kind: 'address_locked', until: address.lockedUntil };
  const name = await lockThrottle(tx, 'name', guesser.username);
  const device = guesser.device ? await lockThrottle(tx, 'device', guesser.device.nonce) : null;
  const isTrusted = device !== null && !isLocked(device, now);
  if (!isTrusted && isLocked(name, now) && name.lockedUntil) return { kind: 'name_locked', until: name.lockedUntil };

  const addressCharge = charge(address, now, limits.address);
  await saveThrottle(tx, 'address', guesser.address, addressCharge.state);
  if (isTrusted && guesser.device) {
    const deviceCharge = charge(device, now, limits.account);
    await saveThrottle(tx, 'device', guesser.device.nonce, deviceCharge.state);
    return {
      kind: 'admitted',
      admission: {
        charged: { kind: 'device', key: guesser.device.nonce },
        hasLockedName: false,
        hasLockedDevice: deviceCharge.isNowLocked,
        hasLockedAddress: addressCharge.isNowLocked,
      },
    };
  }
  const nameCharge = charge(name, now, limits.account);
  await saveThrottle(tx, 'name', guesser.username, nameCharge.state);
  await mirrorNameThrottle(tx, guesser.username, nameCharge.state);
  return {
    kind: 'admitted',
    admission: {
      charged: { kind: 'name', key: guesser.username },
      hasLockedName: nameCharge.isNowLocked,
      hasLockedDevice: false,
      hasLockedAddress: addressCharge.isNowLocked,
    },
  };
}

/** The right password: the name's or device's failures are forgotten, the address gets this attempt back. */
export async function settleSuccess(tx: Tx, policy: SecurityPolicy, guesser: Guesser, admission: Admission): Promise<void> {
  const limits = limitsOf(policy);
  const address = await lockThrottle(tx, 'address', guesser.address);
  await saveThrottle(tx, 'address', guesser.address, refund(address, limits.address));
  await saveThrottle(tx, admission.charged.kind, admission.charged.key, afterSuccess());
  if (admission.charged.kind === 'name') await mirrorNameThrottle(tx, guesser.username, afterSuccess());
}

function formatShanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

/** The same words for every user name, real or not: they depend only on the counter's state. */
export function nameLockedError(policy: SecurityPolicy, until: Date): DomainError {
  return new DomainError(
    authErrors.AUTH_LOCKED,
    `连续 ${String(policy.maxFailedLogins)} 次密码错误，该账户已锁定至 ${formatShanghaiTime(until)}（北京时间），未登录过此账户的设备暂不能登录；在本人登录过的设备上仍可登录，也可请管理员解锁。`,
    { lockedUntil: until.toISOString() },
  );
}

export function addressLockedError(until: Date): DomainError {
  return new DomainError(
    authErrors.AUTH_TOO_MANY_ATTEMPTS,
    `本网络地址登录失败次数过多，请于 ${formatShanghaiTime(until)}（北京时间）后再试。`,
    { lockedUntil: until.toISOString() },
  );
}

export function gateError(policy: SecurityPolicy, gate: Exclude<Gate, { kind: 'admitted' }>): DomainError {
  return gate.kind === 'address_locked' ? addressLockedError(gate.until) : nameLockedError(policy, gate.until);
}

/** The hourly clean-up: counters whose window and lock are over (unknown names leave rows too). */
export function purgeSignInThrottles(db: Db, policy: SecurityPolicy, now: Date): Promise<number> {
  return db.transaction(SYSTEM_SCOPE, (tx) => deleteSpentThrottles(tx, now, policy.lockMinutes * MINUTE));
}
