import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { listCaseRefs } from '../cases/index.ts';
import { enqueueNotice } from '../notices/index.ts';
import { findWindow, listWindows } from '../org/index.ts';
import { findAssignedWindowId } from '../staff/index.ts';
import { queueErrors } from './errors.ts';
import { countAfterCall, pickNext } from './priority.rules.ts';
import * as repo from './repo.ts';
import type { FinishBody, HallWindowView, TicketView, TransferBody } from './schemas.ts';
import { actsAllowed, RATING_OPEN_MINUTES, TICKET_STATUS_LABELS, ticketsToNotify, type TicketAct } from './ticket.rules.ts';
import { centerInScope } from './service.ts';
import { findTicketInScope, rejoinTicket, rollupKeyAt, toTicketView } from './tickets.ts';
import * as tickets from './tickets-repo.ts';

/** 叫号: a clerk at a window — open, call next, recall, start, no-show, transfer, finish, pause. */

/** A window of a center in the caller's scope, with its hall row locked. */
async function lockWindowInScope(tx: Tx, actor: Principal, windowId: string, now: Date): Promise<repo.HallWindow> {
  const window = await findWindow(tx, windowId);
  if (!window || !actor.scopeOrgIds.includes(window.orgId)) throw new DomainError(queueErrors.QUEUE_WINDOW_NOT_FOUND, '未找到该窗口。');
  if (window.status !== 'active') throw new DomainError(queueErrors.QUEUE_WINDOW_INVALID, `${window.number} 号窗口已停用。`);
  return repo.lockHallWindow(tx, window, now);
}

const windowChange = (action: string, window: repo.HallWindow, summary: Record<string, unknown> = {}) => ({
  action,
  targetType: 'window',
  targetId: window.windowId,
  orgId: window.orgId,
  summary: { window: window.number, ...summary },
});

/** Signs the clerk in to the window (leaving any other window she had open); refused while a colleague holds it. */
async function openFor(tx: Tx, actor: Principal, window: repo.HallWindow, now: Date): Promise<void> {
  if (window.staffId === actor.staffId) return;
  if (window.staffId !== null) {
    throw new DomainError(queueErrors.QUEUE_WINDOW_TAKEN, `${window.number} 号窗口已由${window.staffName}登录，请对方退出后再登录。`);
  }
  const previous = await repo.lockWindowOfStaff(tx, actor.staffId);
  if (previous) await closeWindowRow(tx, previous, now);
  await repo.updateHallWindow(tx, window.windowId, { status: 'open', staffId: actor.staffId, staffName: actor.name, pauseReason: '' }, now);
  await tickets.notifyHall(tx, window.orgId);
}

async function closeWindowRow(tx: Tx, window: repo.HallWindow, now: Date): Promise<void> {
  const current = window.currentTicketId === null ? null : await tickets.findTicket(tx, window.currentTicketId);
  if (current && (current.status === 'called' || current.status === 'serving')) {
    throw new DomainError(
      queueErrors.QUEUE_WINDOW_BUSY,
      `${window.number} 号窗口的 ${current.ticketNo} 号尚未办结，请先办结、转移或过号。`,
    );
  }
  await repo.updateHallWindow(
    tx,
    window.windowId,
    { status: 'closed', staffId: null, staffName: '', pauseReason: '', currentTicketId: null },
    now,
  );
  await tickets.notifyHall(tx, window.orgId);
}

export async function openWindow(tx: Tx, actor: Principal, windowId: string, now: Date): Promise<Change<{ window: HallWindowView }>> {
  const window = await lockWindowInScope(tx, actor, windowId, now);
  await openFor(tx, actor, window, now);
  return { body: { window: await hallWindowView(tx, actor, windowId) }, audit: windowChange('queue.window.open', window) };
}

/** The window the clerk is signed in to, for her acts (her assigned window opens itself on the first call). */
async function lockMyWindow(tx: Tx, actor: Principal, windowId: string, now: Date, mayOpen: boolean): Promise<repo.HallWindow> {
  const window = await lockWindowInScope(tx, actor, windowId, now);
  if (window.staffId === actor.staffId) return window;
  if (mayOpen && window.staffId === null && (await findAssignedWindowId(tx, actor.staffId)) === windowId) {
    await openFor(tx, actor, window, now);
    return { ...window, status: 'open', staffId: actor.staffId, staffName: actor.name };
  }
  throw new DomainError(
    queueErrors.QUEUE_WINDOW_NOT_YOURS,
    window.staffId === null
      ? `您尚未登录 ${window.number} 号窗口，请先登录该窗口。`
      : `${window.number} 号窗口由${window.staffName}登录，您不能在此叫号。`,
  );
}

export async function closeWindow(tx: Tx, actor: Principal, windowId: string, now: Date): Promise<Change<{ window: HallWindowView }>> {
  const window = await lockMyWindow(tx, actor, windowId, now, false);
  await closeWindowRow(tx, window, now);
  return { body: { window: await hallWindowView(tx, actor, windowId) }, audit: windowChange('queue.window.close', window) };
}

export async function pauseWindow(
  tx: Tx,
  actor: Principal,
  windowId: string,
  reason: string | null,
  now: Date,
): Promise<Change<{ window: HallWindowView }>> {
  const window = await lockMyWindow(tx, actor, windowId, now, false);
  const isPause = reason !== null;
  if (window.status !== (isPause ? 'open' : 'paused')) {
    throw new DomainError(queueErrors.QUEUE_WINDOW_INVALID, isPause ? '窗口已暂停。' : '窗口未暂停，不需恢复。');
  }
  await repo.updateHallWindow(tx, windowId, { status: isPause ? 'paused' : 'open', pauseReason: reason ?? '' }, now);
  await tickets.notifyHall(tx, window.orgId);
  return {
    body: { window: await hallWindowView(tx, actor, windowId) },
    audit: windowChange(isPause ? 'queue.window.pause' : 'queue.window.resume', window, isPause ? { reason } : {}),
  };
}

/**
 * API contract: the next ticket for this window by the fair policy, or `{ ticket: null }` when nobody
 * waits. The categories' day rows are locked in id order (the policy's counts stay exact across
 * windows); the chosen ticket is taken FOR UPDATE SKIP LOCKED, so two windows — in one server
 * process or several — never get the same ticket.
 */
export async function callNext(
  tx: Tx,
  actor: Principal,
  windowId: string,
  now: Date,
): Promise<Change<{ ticket: { id: string; ticketNo: string; category: string } | null }>> {
  const window = await lockMyWindow(tx, actor, windowId, now, true);
  if (window.status === 'paused') throw new DomainError(queueErrors.QUEUE_WINDOW_PAUSED, `${window.number} 号窗口已暂停服务，请先恢复。`);
  const current = window.currentTicketId === null ? null : await tickets.findTicket(tx, window.currentTicketId);
  if (current && (current.status === 'called' || current.status === 'serving')) {
    throw new DomainError(queueErrors.QUEUE_WINDOW_BUSY, `${current.ticketNo} 号尚未办结，请先办结、转移或过号再叫下一位。`, {
      allowedActs: actsAllowed(current.status, 0),
    });
  }
  const categories = await repo.listCategoriesOfWindow(tx, windowId);
  const today = businessDateOf(now);
  const settings = await repo.findSettings(tx, window.orgId);
  const history = await tickets.lockCategoryDays(
    tx,
    window.orgId,
    categories.map((category) => category.id),
    today,
  );
  let waiting = (await tickets.listWaiting(tx, [...history.keys()], today)).filter(
    (ticket) => ticket.targetWindowId === null || ticket.targetWindowId === windowId,
  );
  for (;;) {
    const chosen = pickNext(waiting, windowId, history, settings.normalPerPriority);
    if (!chosen) {
      await repo.updateHallWindow(tx, windowId, { currentTicketId: null }, now);
      await tickets.notifyHall(tx, window.orgId);
      return { body: { ticket: null }, audit: windowChange('queue.call_next', window, { ticket: null }) };
    }
    const ticket = await tickets.claimWaitingTicket(tx, chosen.id);
    if (!ticket) {
      waiting = waiting.filter((candidate) => candidate.id !== chosen.id);
      continue;
    }
    const category = categories.find((candidate) => candidate.id === ticket.categoryId);
    await tickets.updateTicket(tx, ticket.id, {
      status: 'called',
      windowId,
      staffId: actor.staffId,
      staffName: actor.name,
      windowNumber: window.number,
      calledAt: now,
      callCount: ticket.callCount + 1,
      targetWindowId: null,
      ...(ticket.firstCalledAt === null ? { firstCalledAt: now } : {}),
    });
    if (!chosen.targetWindowId) {
      await tickets.setNormalSincePriority(tx, ticket.categoryId, today, countAfterCall(history.get(ticket.categoryId) ?? 0, chosen));
    }
    await repo.updateHallWindow(tx, windowId, { currentTicketId: ticket.id }, now);
    if (ticket.firstCalledAt === null) {
      await tickets.addToRollup(tx, rollupKeyAt(window.orgId, ticket.categoryId, now, windowId, actor.staffId), {
        called: 1,
        waitSeconds: Math.max(0, Math.round((now.getTime() - ticket.issuedAt.getTime()) / 1000)),
      });
    }
    const stillWaiting = waiting.filter(
      (candidate) => candidate.id !== ticket.id && candidate.categoryId === ticket.categoryId && candidate.targetWindowId === null,
    );
    await notifyThoseAhead(tx, window.orgId, stillWaiting, settings.smsAhead, now);
    await tickets.notifyHall(tx, window.orgId);
    return {
      body: { ticket: { id: ticket.id, ticketNo: ticket.ticketNo, category: category?.code ?? '' } },
      audit: windowChange('queue.call_next', window, { ticket: ticket.ticketNo, ticketId: ticket.id }),
    };
  }
}

/** 无声叫号: SMS (through the outbox) to those who left a phone once `smsAhead` or fewer are ahead. */
async function notifyThoseAhead(tx: Tx, orgId: string, waiting: readonly tickets.WaitingTicket[], smsAhead: number, now: Date) {
  const due = ticketsToNotify(waiting, smsAhead);
  if (due.length === 0) return;
  for (const ticket of due) {
    await enqueueNotice(
      tx,
      {
        orgId,
        caseId: null,
        recipient: ticket.phone,
        message: `【一站】您的 ${ticket.ticketNo} 号前面还有不超过 ${String(smsAhead)} 人，请回到大厅留意叫号。`,
      },
      now,
    );
  }
  await tickets.markNotifiedAhead(
    tx,
    due.map((ticket) => ticket.id),
  );
}

/** The ticket now at the clerk's window (called or in service), locked, for an act on it. */
async function lockTicketAtMyWindow(tx: Tx, actor: Principal, id: string, act: TicketAct, now: Date) {
  const found = await findTicketInScope(tx, actor, id);
  const ticket = await tickets.lockTicket(tx, found.id);
  if (!ticket) throw new DomainError(queueErrors.QUEUE_TICKET_NOT_FOUND, '未找到该号票。');
  const settings = await repo.findSettings(tx, ticket.orgId);
  const allowed = actsAllowed(ticket.status, settings.rejoinLimit - ticket.rejoins);
  if (!allowed.includes(act)) {
    throw new DomainError(
      queueErrors.QUEUE_TICKET_STATE,
      `${ticket.ticketNo} 号${TICKET_STATUS_LABELS[ticket.status]}，不能${actLabel(act)}。`,
      {
        allowedActs: allowed,
      },
    );
  }
  if (act === 'rejoin') return { ticket, window: null };
  if (ticket.windowId === null) throw new DomainError(queueErrors.QUEUE_TICKET_STATE, '该号票不在任何窗口。', { allowedActs: allowed });
  const window = await lockMyWindow(tx, actor, ticket.windowId, now, false);
  return { ticket, window };
}

const actLabel = (act: TicketAct) =>
  ({ recall: '重呼', start: '开始办理', 'no-show': '过号', transfer: '转移', finish: '办结', rejoin: '重新排队', cancel: '取消' })[act];

const ticketChange = (action: string, ticket: tickets.Ticket, summary: Record<string, unknown> = {}) => ({
  action,
  targetType: 'queue_ticket',
  targetId: ticket.id,
  orgId: ticket.orgId,
  summary: { ticketNo: ticket.ticketNo, ...summary },
});

async function viewAfter(tx: Tx, id: string): Promise<TicketView> {
  const ticket = await tickets.findTicket(tx, id);
  if (!ticket) throw new Error('ticket vanished');
  return toTicketView(tx, ticket);
}

export async function recall(tx: Tx, actor: Principal, id: string, now: Date): Promise<Change<{ ticket: TicketView }>> {
  const { ticket } = await lockTicketAtMyWindow(tx, actor, id, 'recall', now);
  await tickets.updateTicket(tx, id, { calledAt: now, callCount: ticket.callCount + 1 });
  await tickets.notifyHall(tx, ticket.orgId);
  return {
    body: { ticket: await viewAfter(tx, id) },
    audit: ticketChange('queue.ticket.recall', ticket, { callCount: ticket.callCount + 1 }),
  };
}

export async function start(tx: Tx, actor: Principal, id: string, now: Date): Promise<Change<{ ticket: TicketView }>> {
  const { ticket } = await lockTicketAtMyWindow(tx, actor, id, 'start', now);
  await tickets.updateTicket(tx, id, { status: 'serving', startedAt: now });
  await tickets.notifyHall(tx, ticket.orgId);
  return { body: { ticket: await viewAfter(tx, id) }, audit: ticketChange('queue.ticket.start', ticket) };
}

export async function markNoShow(tx: Tx, actor: Principal, id: string, now: Date): Promise<Change<{ ticket: TicketView }>> {
  const { ticket, window } = await lockTicketAtMyWindow(tx, actor, id, 'no-show', now);
  await tickets.updateTicket(tx, id, { status: 'no_show' });
  if (window) await repo.updateHallWindow(tx, window.windowId, { currentTicketId: null }, now);
  await tickets.addToRollup(tx, rollupKeyAt(ticket.orgId, ticket.categoryId, now, ticket.windowId, actor.staffId), { noShows: 1 });
  await tickets.notifyHall(tx, ticket.orgId);
  return {
    body: { ticket: await viewAfter(tx, id) },
    audit: ticketChange('queue.ticket.no_show', ticket, { callCount: ticket.callCount }),
  };
}

export async function rejoinByStaff(tx: Tx, actor: Principal, id: string, now: Date): Promise<Change<{ ticket: TicketView }>> {
  const { ticket } = await lockTicketAtMyWindow(tx, actor, id, 'rejoin', now);
  await rejoinTicket(tx, ticket, now);
  return { body: { ticket: await viewAfter(tx, id) }, audit: ticketChange('queue.ticket.rejoin', ticket, { by: 'staff' }) };
}

/** 转移: to another category of the center (waits there in its old place) or to one window (served there next). */
export async function transfer(
  tx: Tx,
  actor: Principal,
  id: string,
  body: TransferBody,
  now: Date,
): Promise<Change<{ ticket: TicketView }>> {
  const { ticket, window } = await lockTicketAtMyWindow(tx, actor, id, 'transfer', now);
  let target: { categoryId: string; targetWindowId: string | null; label: string };
  if (body.categoryId !== undefined) {
    const category = await repo.findCategory(tx, body.categoryId);
    if (category?.orgId !== ticket.orgId || category.status !== 'active') {
      throw new DomainError(queueErrors.QUEUE_CATEGORY_NOT_FOUND, '未找到要转入的业务类别（须为本中心启用的类别）。');
    }
    target = { categoryId: category.id, targetWindowId: null, label: category.name };
  } else {
    const other = body.windowId === undefined ? null : await findWindow(tx, body.windowId);
    if (other?.orgId !== ticket.orgId || other.status !== 'active' || other.id === ticket.windowId) {
      throw new DomainError(queueErrors.QUEUE_WINDOW_NOT_FOUND, '未找到要转入的窗口（须为本中心的其他窗口）。');
    }
    target = { categoryId: ticket.categoryId, targetWindowId: other.id, label: `${other.number} 号窗口` };
  }
  await tickets.updateTicket(tx, id, {
    status: 'waiting',
    categoryId: target.categoryId,
    targetWindowId: target.targetWindowId,
    windowId: null,
    startedAt: null,
    transfers: ticket.transfers + 1,
  });
  if (window) await repo.updateHallWindow(tx, window.windowId, { currentTicketId: null }, now);
  await tickets.notifyHall(tx, ticket.orgId);
  return { body: { ticket: await viewAfter(tx, id) }, audit: ticketChange('queue.ticket.transfer', ticket, { to: target.label }) };
}

/**
 * 办结: the service ends with cases (opened from this ticket or attached), a consultation, or
 * neither. The cases must be the caller's to see; the window's pad then offers the rating.
 */
export async function finish(tx: Tx, actor: Principal, id: string, body: FinishBody, now: Date): Promise<Change<{ ticket: TicketView }>> {
  const { ticket, window } = await lockTicketAtMyWindow(tx, actor, id, 'finish', now);
  const caseIds = [...new Set(body.caseIds ?? [])];
  const cases = await listCaseRefs(tx, caseIds);
  const found = new Set(cases.filter((ref) => actor.scopeOrgIds.includes(ref.orgId)).map((ref) => ref.id));
  const missing = caseIds.filter((caseId) => !found.has(caseId));
  if (missing.length > 0)
    throw new DomainError(queueErrors.QUEUE_CASE_NOT_FOUND, `未找到要关联的办件（${String(missing.length)} 个），请核对后再办结。`);
  const consultation = body.consultation ?? '';
  const outcome = caseIds.length > 0 ? 'case' : consultation !== '' ? 'consultation' : 'none';
  const startedAt = ticket.startedAt ?? ticket.calledAt ?? now;
  await tickets.updateTicket(tx, id, { status: 'finished', finishedAt: now, startedAt, outcome, caseIds, consultation });
  if (window) await repo.updateHallWindow(tx, window.windowId, { currentTicketId: id }, now);
  await tickets.addToRollup(tx, rollupKeyAt(ticket.orgId, ticket.categoryId, now, ticket.windowId, actor.staffId), {
    served: 1,
    serviceSeconds: Math.max(0, Math.round((now.getTime() - startedAt.getTime()) / 1000)),
    cases: caseIds.length,
    consultations: outcome === 'consultation' ? 1 : 0,
  });
  await tickets.notifyHall(tx, ticket.orgId);
  return {
    body: { ticket: await viewAfter(tx, id) },
    audit: ticketChange('queue.ticket.finish', ticket, { outcome, cases: cases.map((ref) => ref.caseNo), consultation }),
  };
}

/**
 * R10: the applicant's name, phone and ID number in full, to prefill a case opened from the ticket —
 * only for the ticket now at the caller's own window; audited, never stored as an answer.
 */
export async function revealApplicant(
  tx: Tx,
  actor: Principal,
  id: string,
): Promise<Change<{ name: string; phone: string; idNumber: string }>> {
  const ticket = await findTicketInScope(tx, actor, id);
  const window = ticket.windowId === null ? null : await repo.findHallWindow(tx, ticket.windowId);
  if (window?.staffId !== actor.staffId || window.currentTicketId !== ticket.id) {
    throw new DomainError(queueErrors.QUEUE_WINDOW_NOT_YOURS, '只能查看本窗口当前号票的申请人信息。');
  }
  return {
    body: { name: ticket.applicantName, phone: ticket.phone, idNumber: ticket.applicantIdNumber },
    audit: ticketChange('queue.ticket.applicant_reveal', ticket, { purpose: 'case_intake' }),
    isDisclosure: true,
  };
}

/** The window as the clerk's panel shows it: who is signed in, its categories, the ticket at it, what may be done. */
export async function hallWindowView(tx: Tx, actor: Principal, windowId: string): Promise<HallWindowView> {
  const window = await findWindow(tx, windowId);
  if (!window || !actor.scopeOrgIds.includes(window.orgId)) throw new DomainError(queueErrors.QUEUE_WINDOW_NOT_FOUND, '未找到该窗口。');
  const hall = await repo.findHallWindow(tx, windowId);
  const categories = await repo.listCategoriesOfWindow(tx, windowId);
  const currentTicket = hall?.currentTicketId ? await tickets.findTicket(tx, hall.currentTicketId) : null;
  const status = hall?.status ?? 'closed';
  const isMine = hall?.staffId === actor.staffId;
  const isAssigned = (await findAssignedWindowId(tx, actor.staffId)) === windowId;
  const isBusy = currentTicket !== null && (currentTicket.status === 'called' || currentTicket.status === 'serving');
  const allowedActs: HallWindowView['allowedActs'] = [];
  if (status === 'closed') allowedActs.push('open', ...(isAssigned ? (['call-next'] as const) : []));
  if (isMine && status === 'open') allowedActs.push('pause', ...(isBusy ? [] : (['call-next', 'close'] as const)));
  if (isMine && status === 'paused') allowedActs.push('resume', ...(isBusy ? [] : (['close'] as const)));
  return {
    windowId,
    orgId: window.orgId,
    number: window.number,
    name: window.name,
    status,
    staffId: hall?.staffId ?? null,
    staffName: hall?.staffName ?? '',
    pauseReason: hall?.pauseReason ?? '',
    isMine,
    isAssigned,
    categories: categories.map((category) => ({ id: category.id, code: category.code, name: category.name, prefix: category.prefix })),
    current: currentTicket ? await toTicketView(tx, currentTicket) : null,
    allowedActs,
    version: hall?.version ?? 0,
  };
}

/** The active windows of a center for the panel, and the one the caller is signed in to (or assigned). */
export async function listHallWindowsFor(
  tx: Tx,
  actor: Principal,
  orgId: string,
): Promise<{ mine: string | null; windows: HallWindowView[] }> {
  await centerInScope(tx, actor, orgId);
  const views: HallWindowView[] = [];
  for (const window of await listWindows(tx, [orgId]))
    if (window.status === 'active') views.push(await hallWindowView(tx, actor, window.id));
  return { mine: await myWindowId(tx, actor), windows: views };
}

/** The window the caller is signed in to now, else the one assigned to her. */
export async function myWindowId(tx: Tx, actor: Principal): Promise<string | null> {
  const open = await repo.findWindowOfStaff(tx, actor.staffId);
  return open?.windowId ?? (await findAssignedWindowId(tx, actor.staffId));
}

/** Whether the pad at this window should offer the rating of its current ticket now. */
export function isRatingOpen(ticket: tickets.Ticket | null, now: Date): boolean {
  return (
    ticket?.status === 'finished' &&
    ticket.finishedAt !== null &&
    now.getTime() - ticket.finishedAt.getTime() <= RATING_OPEN_MINUTES * 60_000
  );
}
