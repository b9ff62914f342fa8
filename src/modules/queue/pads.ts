import { createHash, randomBytes, randomInt } from 'node:crypto';
import { SYSTEM_SCOPE, type Db, type Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { findOrg, findWindow } from '../org/index.ts';
import { recordPadRating } from '../ratings/index.ts';
import { isRatingOpen } from './calling.ts';
import { queueErrors } from './errors.ts';
import * as repo from './repo.ts';
import type { DeviceView, RatingView } from './schemas.ts';
import { RATING_LABELS, RATING_POINTS, type RatingLevel } from './ticket.rules.ts';
import { rollupKeyAt } from './tickets.ts';
import * as tickets from './tickets-repo.ts';

/**
 * 评价器: a tablet (or a second browser window) at a window, paired once with a code the director
 * creates; it then shows the five levels when service at its window finishes. The citizen's touch is
 * the only way a rating is made: staff have no route that writes one, and a rating is never changed.
 */
const PAIRING_MINUTES = 30;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function createDevice(
  tx: Tx,
  actor: Principal,
  body: { windowId: string; name: string },
  now: Date,
): Promise<Change<{ device: DeviceView; pairingCode: string }>> {
  const window = await findWindow(tx, body.windowId);
  if (!window || !actor.scopeOrgIds.includes(window.orgId)) throw new DomainError(queueErrors.QUEUE_WINDOW_NOT_FOUND, '未找到该窗口。');
  const pairingCode = String(randomInt(10_000_000, 100_000_000));
  const id = await repo.insertDevice(
    tx,
    {
      orgId: window.orgId,
      windowId: window.id,
      name: body.name,
      pairingCodeHash: sha256(`${window.orgId}:${pairingCode}`),
      pairingExpiresAt: new Date(now.getTime() + PAIRING_MINUTES * 60_000),
      createdBy: actor.staffId,
    },
    now,
  );
  const device = await repo.findDevice(tx, id);
  if (!device) throw new Error('device vanished');
  return {
    status: 201,
    // The code is shown once, to be typed on the pad; only its hash is kept.
    body: { device, pairingCode },
    audit: {
      action: 'queue.device.create',
      targetType: 'queue_device',
      targetId: id,
      orgId: window.orgId,
      summary: { window: window.number, name: body.name },
    },
    isDisclosure: true,
  };
}

export async function listDevicesOf(tx: Tx, actor: Principal, orgId: string): Promise<DeviceView[]> {
  if (!actor.scopeOrgIds.includes(orgId)) throw new DomainError(queueErrors.QUEUE_ORG_NOT_FOUND, '未找到该服务中心。');
  return repo.listDevices(tx, orgId);
}

export async function revokeDevice(
  tx: Tx,
  actor: Principal,
  id: string,
  version: number,
  now: Date,
): Promise<Change<{ device: DeviceView }>> {
  const device = await repo.findDevice(tx, id);
  if (!device || !actor.scopeOrgIds.includes(device.orgId)) throw new DomainError(queueErrors.QUEUE_DEVICE_NOT_FOUND, '未找到该评价器。');
  if (!(await repo.revokeDevice(tx, id, version, now))) {
    const current = await repo.findDevice(tx, id);
    if (current?.isRevoked) throw new DomainError(queueErrors.QUEUE_DEVICE_NOT_FOUND, '该评价器已停用。');
    throw new DomainError(commonErrors.VERSION_CONFLICT, '评价器已被他人修改，请刷新后重试。', {
      currentVersion: current?.version ?? null,
    });
  }
  const after = await repo.findDevice(tx, id);
  if (!after) throw new Error('device vanished');
  return {
    body: { device: after },
    audit: { action: 'queue.device.revoke', targetType: 'queue_device', targetId: id, orgId: device.orgId, summary: { name: device.name } },
  };
}

/** 配对: the pad types the code; it gets a token (kept in the browser) that only this pad holds. */
export async function pairDevice(
  tx: Tx,
  center: { id: string; code: string; name: string },
  code: string,
  now: Date,
): Promise<Change<{ token: string; deviceId: string; org: { code: string; name: string }; window: { number: string; name: string } }>> {
  const token = randomBytes(32).toString('base64url');
  const paired = await repo.pairDevice(tx, center.id, sha256(`${center.id}:${code}`), sha256(token), now);
  if (!paired) throw new DomainError(queueErrors.QUEUE_PAIRING_INVALID, '配对码不正确或已过期，请在管理端重新生成。');
  const window = await findWindow(tx, paired.windowId);
  return {
    body: {
      token,
      deviceId: paired.id,
      org: { code: center.code, name: center.name },
      window: { number: window?.number ?? '', name: window?.name ?? '' },
    },
    audit: {
      action: 'queue.device.pair',
      targetType: 'queue_device',
      targetId: paired.id,
      orgId: center.id,
      summary: { window: window?.number ?? '' },
    },
    isDisclosure: true,
  };
}

export interface PadDevice {
  id: string;
  orgId: string;
  windowId: string;
}

/** The pad behind a token (looked up as sessions are, before any scope is known), or 401. */
export async function authenticatePad(db: Db, token: string | undefined): Promise<PadDevice> {
  if (token === undefined || token.length < 20 || token.length > 100) {
    throw new DomainError(queueErrors.QUEUE_DEVICE_UNKNOWN, '评价器未配对或已停用，请联系中心管理员重新配对。');
  }
  const device = await db.transaction(SYSTEM_SCOPE, (tx) => repo.findDeviceByToken(tx, sha256(token)));
  if (!device) throw new DomainError(queueErrors.QUEUE_DEVICE_UNKNOWN, '评价器未配对或已停用，请联系中心管理员重新配对。');
  return device;
}

/** What the pad shows: its window, and the service just finished there if it may still be rated. */
export async function padCurrent(tx: Tx, device: PadDevice, now: Date) {
  await repo.touchDevice(tx, device.id, now);
  const window = await findWindow(tx, device.windowId);
  const hall = await repo.findHallWindow(tx, device.windowId);
  const ticket = hall?.currentTicketId ? await tickets.findTicket(tx, hall.currentTicketId) : null;
  const isOpen = ticket !== null && isRatingOpen(ticket, now) && !(await repo.findRatingOfTicket(tx, ticket.id));
  const org = await findOrg(tx, device.orgId);
  return {
    window: { number: window?.number ?? '', name: window?.name ?? '', staffName: hall?.staffName ?? '' },
    org: { code: org?.code ?? '', name: org?.name ?? '' },
    pending:
      isOpen && ticket.finishedAt
        ? { ticketId: ticket.id, ticketNo: ticket.ticketNo, staffName: ticket.staffName, finishedAt: ticket.finishedAt.toISOString() }
        : null,
  };
}

/** The citizen's touch: once per service, only while the pad offers it, bound to the ticket, its cases and the clerk. */
export async function rate(
  tx: Tx,
  device: PadDevice,
  body: { ticketId: string; level: RatingLevel },
  now: Date,
): Promise<Change<{ rating: RatingView }>> {
  const hall = await repo.findHallWindow(tx, device.windowId);
  const ticket = await tickets.lockTicket(tx, body.ticketId);
  if (ticket?.orgId !== device.orgId || ticket.windowId !== device.windowId)
    throw new DomainError(queueErrors.QUEUE_TICKET_NOT_FOUND, '未找到该号票。');
  if (hall?.currentTicketId !== ticket.id || !isRatingOpen(ticket, now) || ticket.staffId === null) {
    throw new DomainError(queueErrors.QUEUE_RATING_CLOSED, '该次服务已不能在评价器上评价。');
  }
  const id = await repo.insertRating(
    tx,
    {
      orgId: ticket.orgId,
      ticketId: ticket.id,
      windowId: device.windowId,
      staffId: ticket.staffId,
      caseIds: ticket.caseIds,
      level: body.level,
      deviceId: device.id,
    },
    now,
  );
  if (id === null) throw new DomainError(queueErrors.QUEUE_RATING_CLOSED, '该次服务已经评价过了，谢谢您。');
  // 一次一评: the pad's touch is also the county's 好差评 record (a 差评 opens its rectification there).
  await recordPadRating(
    tx,
    {
      orgId: ticket.orgId,
      ticketId: ticket.id,
      ticketNo: ticket.ticketNo,
      caseIds: ticket.caseIds,
      level: body.level,
      staffId: ticket.staffId,
      windowNumber: ticket.windowNumber,
      raterName: ticket.applicantName || null,
      raterPhone: ticket.phone || null,
    },
    now,
  );
  await tickets.addToRollup(tx, rollupKeyAt(ticket.orgId, ticket.categoryId, now, device.windowId, ticket.staffId), {
    ratings: 1,
    ratingPoints: RATING_POINTS[body.level],
  });
  await tickets.notifyHall(tx, ticket.orgId);
  const rating = await repo.findRatingOfTicket(tx, ticket.id);
  if (!rating) throw new Error('rating vanished');
  return {
    status: 201,
    body: { rating: toRatingView(rating) },
    audit: {
      action: 'queue.rating.create',
      targetType: 'queue_rating',
      targetId: rating.id,
      orgId: ticket.orgId,
      summary: { ticketNo: ticket.ticketNo, level: body.level, caseIds: ticket.caseIds, staffId: ticket.staffId },
    },
  };
}

export function toRatingView(rating: repo.Rating): RatingView {
  return {
    id: rating.id,
    ticketId: rating.ticketId,
    ticketNo: rating.ticketNo,
    level: rating.level,
    levelLabel: RATING_LABELS[rating.level],
    staffId: rating.staffId,
    staffName: rating.staffName,
    windowNumber: rating.windowNumber,
    caseIds: rating.caseIds,
    channel: 'window_pad',
    ratedAt: new Date(rating.ratedAt).toISOString(),
  };
}

export async function ratingsOfCase(tx: Tx, actor: Principal, caseId: string): Promise<RatingView[]> {
  return (await repo.listRatingsOfCase(tx, caseId, actor.scopeOrgIds)).map(toRatingView);
}
