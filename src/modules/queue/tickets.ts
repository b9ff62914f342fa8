import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { businessDateOf, minuteOfDayOf, type BusinessDate } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { maskIdNumber, maskPhone } from '../../shared/identity.ts';
import { unlessTaken } from '../../kernel/unique.ts';
import { queueErrors } from './errors.ts';
import { countAhead, PRIORITY_LABELS, type PriorityGroup } from './priority.rules.ts';
import * as repo from './repo.ts';
import type { IssueTicketBody, PublicTicketView, TakenTicketView, TakeTicketBody, TicketView } from './schemas.ts';
import { centerInScope } from './service.ts';
import {
  actsAllowed,
  averageServiceSeconds,
  estimateWaitMinutes,
  formatTicketNo,
  isElderly,
  rejoinPlace,
  TICKET_STATUS_LABELS,
} from './ticket.rules.ts';
import * as tickets from './tickets-repo.ts';

/** 取号: tickets from the kiosk, the phone and the lobby guide, and what a ticket's holder sees. */

interface NewTicketInput {
  orgId: string;
  categoryId: string;
  channel: tickets.Ticket['channel'];
  priority: PriorityGroup | null;
  name: string;
  phone: string;
  idNumber: string;
  appointmentId: string | null;
}

/** Inserts a waiting ticket with today's next number of its category (one phone, one live ticket per category). */
export async function insertNewTicket(tx: Tx, input: NewTicketInput, prefix: string, now: Date): Promise<{ id: string; ticketNo: string }> {
  const today = businessDateOf(now);
  const seq = await tickets.nextSeq(tx, input.orgId, input.categoryId, today);
  if (seq === null) throw new DomainError(queueErrors.QUEUE_DAY_FULL, '今日该类别号票已发完，请明日再来或选择其他类别。');
  const ticketNo = formatTicketNo(prefix, seq);
  const id = await unlessTaken(
    tickets.insertTicket(tx, {
      orgId: input.orgId,
      categoryId: input.categoryId,
      businessDate: today,
      seq,
      ticketNo,
      channel: input.channel,
      priority: input.priority,
      applicantName: input.name,
      applicantIdNumber: input.idNumber,
      phone: input.phone,
      appointmentId: input.appointmentId,
      at: now,
    }),
    () => new DomainError(queueErrors.QUEUE_TICKET_LIMIT, '该手机号在本类别已有未办结的号票，一个手机号每类业务只能取一个号。'),
  );
  await tickets.addToRollup(tx, rollupKeyAt(input.orgId, input.categoryId, now, null, null), { issued: 1 });
  await tickets.notifyHall(tx, input.orgId);
  return { id, ticketNo };
}

export function rollupKeyAt(
  orgId: string,
  categoryId: string,
  at: Date,
  windowId: string | null,
  staffId: string | null,
): tickets.RollupKey {
  return { orgId, date: businessDateOf(at), hour: Math.floor(minuteOfDayOf(at) / 60), categoryId, windowId, staffId };
}

/** People ahead and the estimated wait of a waiting ticket. */
export async function placeInQueue(tx: Tx, ticket: tickets.Ticket, date: BusinessDate): Promise<{ ahead: number; minutes: number }> {
  if (ticket.status !== 'waiting') return { ahead: 0, minutes: 0 };
  const settings = await repo.findSettings(tx, ticket.orgId);
  const waiting = (await tickets.listWaiting(tx, [ticket.categoryId], date)).filter((other) => other.targetWindowId === null);
  const ahead = countAhead(
    { isPriority: ticket.priority !== null, queuedAt: ticket.queuedAt.getTime(), seq: ticket.seq, id: ticket.id },
    waiting,
    settings.normalPerPriority,
  );
  const average = averageServiceSeconds(await tickets.listRecentServiceSeconds(tx, ticket.categoryId, 20));
  return { ahead, minutes: estimateWaitMinutes(ahead, average, await repo.countOpenWindowsOf(tx, ticket.categoryId)) };
}

/** API contract: 取号 at the kiosk or on a phone → `{ id, ticketNo, ahead, estimatedWaitMinutes }`. */
export async function takeTicket(
  tx: Tx,
  center: { id: string; name: string },
  body: TakeTicketBody,
  now: Date,
): Promise<Change<TakenTicketView>> {
  const category = await repo.findCategoryByCode(tx, center.id, body.category);
  if (category?.status !== 'active') {
    throw new DomainError(queueErrors.QUEUE_CATEGORY_NOT_FOUND, `${center.name}没有业务类别 ${body.category}，请重新选择。`);
  }
  const settings = await repo.findSettings(tx, center.id);
  const idNumber = body.idNumber ?? '';
  const priority = idNumber !== '' && isElderly(idNumber, businessDateOf(now), settings.elderlyAge) ? 'elderly' : null;
  const created = await insertNewTicket(
    tx,
    {
      orgId: center.id,
      categoryId: category.id,
      channel: body.channel,
      priority,
      name: body.name ?? '',
      phone: body.phone ?? '',
      idNumber,
      appointmentId: null,
    },
    category.prefix,
    now,
  );
  const ticket = await tickets.findTicket(tx, created.id);
  if (!ticket) throw new Error('ticket vanished');
  const place = await placeInQueue(tx, ticket, businessDateOf(now));
  return {
    status: 201,
    body: { id: created.id, ticketNo: created.ticketNo, ahead: place.ahead, estimatedWaitMinutes: place.minutes },
    audit: {
      action: 'queue.ticket.take',
      targetType: 'queue_ticket',
      targetId: created.id,
      orgId: center.id,
      summary: {
        ticketNo: created.ticketNo,
        category: category.code,
        channel: body.channel,
        priority,
        hasPhone: (body.phone ?? '') !== '',
      },
    },
  };
}

/** 导办 / a clerk: a ticket for someone at the desk, with a priority shown by a document (残疾证、军人证…). */
export async function issueTicket(tx: Tx, actor: Principal, body: IssueTicketBody, now: Date): Promise<Change<{ ticket: TicketView }>> {
  const category = await repo.findCategory(tx, body.categoryId);
  if (!category || category.status !== 'active' || !actor.scopeOrgIds.includes(category.orgId)) {
    throw new DomainError(queueErrors.QUEUE_CATEGORY_NOT_FOUND, '未找到该业务类别。');
  }
  const settings = await repo.findSettings(tx, category.orgId);
  const elderly = body.idNumber !== '' && isElderly(body.idNumber, businessDateOf(now), settings.elderlyAge);
  const priority = body.priority ?? (elderly ? 'elderly' : null);
  const created = await insertNewTicket(
    tx,
    {
      orgId: category.orgId,
      categoryId: category.id,
      channel: 'staff',
      priority,
      name: body.name,
      phone: body.phone,
      idNumber: body.idNumber,
      appointmentId: null,
    },
    category.prefix,
    now,
  );
  const ticket = await ticketViewOf(tx, created.id, actor);
  return {
    status: 201,
    body: { ticket },
    audit: {
      action: 'queue.ticket.issue',
      targetType: 'queue_ticket',
      targetId: created.id,
      orgId: category.orgId,
      summary: { ticketNo: created.ticketNo, category: category.code, priority },
    },
  };
}

export async function findTicketInScope(tx: Tx, actor: Principal, id: string): Promise<tickets.Ticket> {
  const ticket = await tickets.findTicket(tx, id);
  if (!ticket || !actor.scopeOrgIds.includes(ticket.orgId)) throw new DomainError(queueErrors.QUEUE_TICKET_NOT_FOUND, '未找到该号票。');
  return ticket;
}

export async function toTicketView(tx: Tx, ticket: tickets.Ticket): Promise<TicketView> {
  const category = await repo.findCategory(tx, ticket.categoryId);
  const settings = await repo.findSettings(tx, ticket.orgId);
  return {
    id: ticket.id,
    orgId: ticket.orgId,
    ticketNo: ticket.ticketNo,
    categoryId: ticket.categoryId,
    categoryCode: category?.code ?? '',
    categoryName: category?.name ?? '',
    channel: ticket.channel,
    priority: ticket.priority,
    priorityLabel: ticket.priority === null ? null : PRIORITY_LABELS[ticket.priority],
    status: ticket.status,
    statusLabel: TICKET_STATUS_LABELS[ticket.status],
    applicantName: ticket.applicantName,
    phone: ticket.phone === '' ? '' : maskPhone(ticket.phone),
    idNumber: ticket.applicantIdNumber === '' ? '' : maskIdNumber(ticket.applicantIdNumber),
    issuedAt: ticket.issuedAt.toISOString(),
    calledAt: ticket.calledAt?.toISOString() ?? null,
    callCount: ticket.callCount,
    startedAt: ticket.startedAt?.toISOString() ?? null,
    finishedAt: ticket.finishedAt?.toISOString() ?? null,
    windowId: ticket.windowId,
    windowNumber: ticket.windowNumber,
    staffName: ticket.staffName,
    targetWindowId: ticket.targetWindowId,
    outcome: ticket.outcome,
    caseIds: ticket.caseIds,
    consultation: ticket.consultation,
    rejoins: ticket.rejoins,
    appointmentId: ticket.appointmentId,
    allowedActs: actsAllowed(ticket.status, settings.rejoinLimit - ticket.rejoins),
    version: ticket.version,
  };
}

export async function ticketViewOf(tx: Tx, id: string, actor: Principal): Promise<TicketView> {
  return toTicketView(tx, await findTicketInScope(tx, actor, id));
}

export async function listTickets(
  tx: Tx,
  actor: Principal,
  query: { orgId: string; status?: tickets.Ticket['status'] | undefined; limit: number },
  now: Date,
): Promise<TicketView[]> {
  await centerInScope(tx, actor, query.orgId);
  const rows = await tickets.listTicketsOfDay(tx, query.orgId, businessDateOf(now), query.status, query.limit);
  return Promise.all(rows.map((row) => toTicketView(tx, row)));
}

/** 跟踪号票: what the citizen's phone shows; the ticket's id (in the QR code) is the only key to it. */
export async function publicTicketView(
  tx: Tx,
  center: { id: string; code: string; name: string },
  id: string,
  now: Date,
): Promise<PublicTicketView> {
  const ticket = await tickets.findTicket(tx, id);
  if (ticket?.orgId !== center.id) throw new DomainError(queueErrors.QUEUE_TICKET_NOT_FOUND, '未找到该号票。');
  const category = await repo.findCategory(tx, ticket.categoryId);
  const settings = await repo.findSettings(tx, ticket.orgId);
  const today = businessDateOf(now);
  const place = await placeInQueue(tx, ticket, today);
  return {
    id: ticket.id,
    ticketNo: ticket.ticketNo,
    status: ticket.status,
    statusLabel: TICKET_STATUS_LABELS[ticket.status],
    categoryCode: category?.code ?? '',
    categoryName: category?.name ?? '',
    orgCode: center.code,
    orgName: center.name,
    priorityLabel: ticket.priority === null ? null : PRIORITY_LABELS[ticket.priority],
    ahead: place.ahead,
    estimatedWaitMinutes: place.minutes,
    issuedAt: ticket.issuedAt.toISOString(),
    windowNumber: ticket.status === 'called' || ticket.status === 'serving' ? ticket.windowNumber : null,
    hasPhone: ticket.phone !== '',
    canCancel: ticket.status === 'waiting' && ticket.businessDate === today,
    canRejoin: ticket.status === 'no_show' && ticket.businessDate === today && ticket.rejoins < settings.rejoinLimit,
  };
}

/** 取消: the holder gives the place up (from the phone). */
export async function cancelTicket(tx: Tx, center: { id: string }, id: string, now: Date): Promise<Change<{ status: 'cancelled' }>> {
  const ticket = await tickets.lockTicket(tx, id);
  if (ticket?.orgId !== center.id) throw new DomainError(queueErrors.QUEUE_TICKET_NOT_FOUND, '未找到该号票。');
  if (ticket.status !== 'waiting') {
    throw new DomainError(queueErrors.QUEUE_TICKET_STATE, `号票${TICKET_STATUS_LABELS[ticket.status]}，不能取消。`, { allowedActs: [] });
  }
  await tickets.updateTicket(tx, id, { status: 'cancelled' });
  await tickets.notifyHall(tx, ticket.orgId);
  return {
    body: { status: 'cancelled' },
    audit: {
      action: 'queue.ticket.cancel',
      targetType: 'queue_ticket',
      targetId: id,
      orgId: ticket.orgId,
      summary: { ticketNo: ticket.ticketNo, at: now.toISOString() },
    },
  };
}

/** 过号重排: a no-show that came back waits again, behind the center's `rejoinAfter` tickets, within its limit. */
export async function rejoinTicket(tx: Tx, ticket: tickets.Ticket, now: Date): Promise<void> {
  const settings = await repo.findSettings(tx, ticket.orgId);
  const today = businessDateOf(now);
  if (ticket.status !== 'no_show' || ticket.businessDate !== today) {
    throw new DomainError(queueErrors.QUEUE_TICKET_STATE, `号票${TICKET_STATUS_LABELS[ticket.status]}，不能重新排队。`, {
      allowedActs: actsAllowed(ticket.status, settings.rejoinLimit - ticket.rejoins),
    });
  }
  if (ticket.rejoins >= settings.rejoinLimit) {
    throw new DomainError(
      queueErrors.QUEUE_TICKET_STATE,
      settings.rejoinLimit === 0
        ? '本中心过号不能重新排队，请重新取号。'
        : `过号重新排队最多 ${String(settings.rejoinLimit)} 次，请重新取号。`,
      { allowedActs: [] },
    );
  }
  const waiting = (await tickets.listWaiting(tx, [ticket.categoryId], today)).filter((other) => other.targetWindowId === null);
  const place = rejoinPlace(
    waiting.map((other) => other.queuedAt),
    settings.rejoinAfter,
    now.getTime(),
  );
  await tickets.updateTicket(tx, ticket.id, {
    status: 'waiting',
    queuedAt: new Date(place),
    rejoins: ticket.rejoins + 1,
    windowId: null,
    calledAt: null,
    startedAt: null,
  });
  await tickets.notifyHall(tx, ticket.orgId);
}

export async function rejoinByHolder(tx: Tx, center: { id: string }, id: string, now: Date): Promise<Change<{ status: 'waiting' }>> {
  const ticket = await tickets.lockTicket(tx, id);
  if (ticket?.orgId !== center.id) throw new DomainError(queueErrors.QUEUE_TICKET_NOT_FOUND, '未找到该号票。');
  await rejoinTicket(tx, ticket, now);
  return {
    body: { status: 'waiting' },
    audit: {
      action: 'queue.ticket.rejoin',
      targetType: 'queue_ticket',
      targetId: id,
      orgId: ticket.orgId,
      summary: { ticketNo: ticket.ticketNo, by: 'holder' },
    },
  };
}

/** Day end: tickets of past days still waiting, called or in service are voided (作废), in batches. */
export async function expireStaleTickets(tx: Tx, today: BusinessDate): Promise<string[]> {
  const expired = await tickets.expireTicketsBefore(tx, today, 500);
  await tickets.clearWindowsOfTickets(
    tx,
    expired.map((row) => row.id),
  );
  for (const orgId of new Set(expired.map((row) => row.orgId))) await tickets.notifyHall(tx, orgId);
  return expired.map((row) => row.id);
}
