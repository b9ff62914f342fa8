import { createHash, randomInt } from 'node:crypto';
import type { Tx } from '../../../db/db.ts';
import { enqueueNotice } from '../../notices/index.ts';
import { DomainError } from '../../../shared/errors.ts';
import { queueErrors } from '../errors.ts';
import * as repo from './repo.ts';

/**
 * 短信验证码 that prove a citizen holds a phone: 6 digits through the outbox, once a minute and five an hour
 * per phone and center, kept hashed for 10 minutes, five tries. 预约 uses them, and so does any other
 * public form of a center (投诉) through queue's index.ts.
 */
export const CODE_TTL_SECONDS = 600;
export const CODE_RESEND_SECONDS = 60;
const CODES_PER_HOUR = 5;
const CODE_ATTEMPTS = 5;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The code is hashed with the phone and center: a leaked table gives no code for another phone. */
const codeHashOf = (orgId: string, phone: string, code: string) => sha256(`${orgId}|${phone}|${code}`);

/** Marks a wrong code on the request that carried it; the route counts it in a transaction of its own. */
export const WRONG_CODE = 'wrong-code';

/** Sends a new code to the phone; `purpose` names what it is for in the SMS (e.g. 预约, 投诉). */
export async function issuePhoneCode(
  tx: Tx,
  center: { id: string; name: string },
  phone: string,
  purpose: string,
  now: Date,
): Promise<{ expiresInSeconds: number; resendAfterSeconds: number }> {
  if ((await repo.countCodesSince(tx, center.id, phone, new Date(now.getTime() - CODE_RESEND_SECONDS * 1000))) > 0) {
    throw new DomainError(queueErrors.QUEUE_PHONE_CODE_TOO_SOON, `验证码已发送，请 ${String(CODE_RESEND_SECONDS)} 秒后再重新获取。`);
  }
  if ((await repo.countCodesSince(tx, center.id, phone, new Date(now.getTime() - 3600_000))) >= CODES_PER_HOUR) {
    throw new DomainError(
      queueErrors.QUEUE_PHONE_CODE_TOO_SOON,
      `该手机号一小时内最多获取 ${String(CODES_PER_HOUR)} 次验证码，请稍后再试。`,
    );
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await repo.insertCode(tx, center.id, phone, codeHashOf(center.id, phone, code), new Date(now.getTime() + CODE_TTL_SECONDS * 1000), now);
  await enqueueNotice(
    tx,
    {
      orgId: center.id,
      caseId: null,
      recipient: phone,
      message: `【一站】您在${center.name}${purpose}的验证码为 ${code}，10 分钟内有效，请勿告诉他人。`,
    },
    now,
  );
  return { expiresInSeconds: CODE_TTL_SECONDS, resendAfterSeconds: CODE_RESEND_SECONDS };
}

/** Uses the phone's latest code once; a wrong one is refused with `extra.reason = WRONG_CODE`. */
export async function usePhoneCode(tx: Tx, orgId: string, phone: string, code: string, now: Date): Promise<void> {
  const latest = await repo.lockLatestCode(tx, orgId, phone);
  if (!latest || latest.usedAt !== null || latest.expiresAt.getTime() <= now.getTime()) {
    throw new DomainError(queueErrors.QUEUE_PHONE_CODE_INVALID, '验证码已过期或已使用，请重新获取短信验证码。');
  }
  if (latest.attempts >= CODE_ATTEMPTS) {
    throw new DomainError(queueErrors.QUEUE_PHONE_CODE_INVALID, `验证码已输错 ${String(CODE_ATTEMPTS)} 次，请重新获取短信验证码。`);
  }
  if (latest.codeHash !== codeHashOf(orgId, phone, code)) {
    const left = CODE_ATTEMPTS - latest.attempts - 1;
    throw new DomainError(
      queueErrors.QUEUE_PHONE_CODE_INVALID,
      left > 0 ? `验证码不正确，还可再试 ${String(left)} 次。` : '验证码不正确，请重新获取短信验证码。',
      { reason: WRONG_CODE },
    );
  }
  await repo.markCodeUsed(tx, latest.id, now);
}

/** Counts a wrong code against the phone's latest code (call it in its own transaction: the refusal rolled back). */
export async function countWrongPhoneCode(tx: Tx, orgId: string, phone: string): Promise<void> {
  await repo.countWrongCode(tx, orgId, phone);
}
