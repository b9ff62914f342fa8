import type { Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import type { Principal } from '../../../kernel/context.ts';
import { findOrg, listChildOrgs } from '../../org/index.ts';
import { findStaffFacts, listActiveStaffOf } from '../../staff/index.ts';
import { businessDateOf, parseBusinessDate, type BusinessDate } from '../../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../../shared/errors.ts';
import { maskPhone } from '../../../shared/identity.ts';
import { queueErrors } from '../errors.ts';
import * as queueRepo from '../repo.ts';
import { centerInScope } from '../service.ts';
import { addToRollup } from '../tickets-repo.ts';
import { bookableSlot, insertBooking, KIND_LABELS, loadCenterDays, rollupOf, slotViewsOn, STATUS_LABELS, takePlace } from './core.ts';
import * as repo from './repo.ts';
import type { AppointmentView, AssigneeView, CreateSessionBody, ScheduleView, SessionView, StaffBookBody } from './schemas.ts';

/** 预约 in the console: the director's 延时服务 and 非工作日预约 sessions, a day's schedule, 电话预约 and 上门服务. */

export async function listSessionsFor(tx: Tx, actor: Principal, orgId: string): Promise<SessionView[]> {
  await centerInScope(tx, actor, orgId);
  return repo.listSessions(tx, orgId);
}

export async function createSession(
  tx: Tx,
  actor: Principal,
  body: CreateSessionBody,
  now: Date,
): Promise<Change<{ session: SessionView }>> {
  const center = await centerInScope(tx, actor, body.orgId);
  const own = new Set((await queueRepo.listCategories(tx, body.orgId, false)).map((category) => category.id));
  if (body.categoryIds.some((id) => !own.has(id))) {
    throw new DomainError(queueErrors.QUEUE_SESSION_INVALID, '只能为本中心的业务类别开放预约时段。');
  }
  if (body.onDate !== null && body.onDate < businessDateOf(now)) {
    throw new DomainError(queueErrors.QUEUE_SESSION_INVALID, '不能为已过去的日期开放预约时段。');
  }
  const id = await repo.insertSession(tx, { ...body, orgId: body.orgId }, actor.staffId, now);
  const session = await repo.findSession(tx, id);
  if (!session) throw new Error('session vanished');
  return {
    status: 201,
    body: { session },
    audit: {
      action: 'queue.appointment_session.create',
      targetType: 'queue_appointment_session',
      targetId: id,
      orgId: body.orgId,
      summary: {
        center: center.name,
        kind: body.kind,
        onDate: body.onDate,
        weekdays: body.weekdays,
        from: body.fromTime,
        to: body.toTime,
        capacity: body.capacity,
      },
    },
  };
}

/** Removing a session keeps the bookings already made in it (they are honoured; the director calls the people if needed). */
export async function removeSession(tx: Tx, actor: Principal, id: string, version: number, now: Date): Promise<Change<{ removed: true }>> {
  const session = await repo.findSession(tx, id);
  if (!session || !actor.scopeOrgIds.includes(session.orgId))
    throw new DomainError(queueErrors.QUEUE_SESSION_NOT_FOUND, '未找到该预约时段设置。');
  if (!(await repo.removeSession(tx, id, version, now))) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '预约时段设置已被他人修改，请刷新后重试。', { currentVersion: session.version });
  }
  return {
    body: { removed: true },
    audit: {
      action: 'queue.appointment_session.remove',
      targetType: 'queue_appointment_session',
      targetId: id,
      orgId: session.orgId,
      summary: { kind: session.kind },
    },
  };
}

function appointmentViewOf(appointment: repo.Appointment, categoryName: string): AppointmentView {
  return {
    id: appointment.id,
    bookingNo: appointment.bookingNo,
    categoryId: appointment.categoryId,
    categoryName,
    kind: appointment.kind,
    kindLabel: KIND_LABELS[appointment.kind],
    date: appointment.onDate,
    from: appointment.slotFrom,
    to: appointment.slotTo,
    applicantName: appointment.applicantName,
    phone: maskPhone(appointment.phone),
    address: appointment.address,
    status: appointment.status,
    statusLabel: STATUS_LABELS[appointment.status],
    assigneeId: appointment.assigneeId,
    ticketId: appointment.ticketId,
  };
}

/** A day at a center: every category's slots with what is left, and the day's bookings. */
export async function scheduleOf(tx: Tx, actor: Principal, orgId: string, dateText: string): Promise<ScheduleView> {
  await centerInScope(tx, actor, orgId);
  const date = parseBusinessDate(dateText);
  const days = await loadCenterDays(tx, orgId);
  const categories = (await queueRepo.listCategories(tx, orgId, true)).filter((category) => category.status === 'active');
  const names = new Map(categories.map((category) => [category.id, category.name]));
  return {
    date,
    workday: days.isWorkingDay(date),
    categories: await Promise.all(
      categories.map(async (category) => ({ id: category.id, name: category.name, slots: await slotViewsOn(tx, days, category, date) })),
    ),
    appointments: (await repo.listAppointmentsOfDay(tx, orgId, date)).map((appointment) =>
      appointmentViewOf(appointment, names.get(appointment.categoryId) ?? ''),
    ),
  };
}

const ASSIGNABLE_ROLES = ['window_staff', 'director', 'agent'] as const;

/** Who a 上门服务 may be assigned to, for any clerk booking one (not only those who manage accounts). */
export async function listAssignees(tx: Tx, actor: Principal, orgId: string): Promise<AssigneeView[]> {
  const center = await centerInScope(tx, actor, orgId);
  const villages = (await listChildOrgs(tx, center.id, 'village')).filter((village) => actor.scopeOrgIds.includes(village.id));
  const orgNames = new Map([[center.id, center.name], ...villages.map((village) => [village.id, village.name] as const)]);
  const people = await listActiveStaffOf(tx, [...orgNames.keys()], ASSIGNABLE_ROLES);
  return people.map((person) => ({
    id: person.id,
    name: person.name,
    orgName: orgNames.get(person.orgId) ?? '',
    role: person.role as AssigneeView['role'],
  }));
}

/** 上门服务 is done by a clerk of the center or a village agent of one of its villages. */
async function assertAssignee(tx: Tx, actor: Principal, orgId: string, assigneeId: string | null): Promise<void> {
  if (assigneeId === null) return;
  const person = await findStaffFacts(tx, assigneeId);
  const org = person ? await findOrg(tx, person.orgId) : null;
  const fits =
    person?.status === 'active' &&
    actor.scopeOrgIds.includes(person.orgId) &&
    (person.orgId === orgId || org?.parentId === orgId) &&
    ['window_staff', 'director', 'agent'].includes(person.role);
  if (!fits) throw new DomainError(queueErrors.QUEUE_ASSIGNEE_INVALID, '上门服务只能指派给本中心的工作人员或所辖村的代办员。');
}

/** 电话预约 takes a slot like the portal (no SMS code: staff heard the caller); 上门服务 takes no hall slot. */
export async function staffBook(
  tx: Tx,
  actor: Principal,
  body: StaffBookBody,
  now: Date,
): Promise<Change<{ appointment: AppointmentView }>> {
  const center = await centerInScope(tx, actor, body.orgId);
  const category = await queueRepo.findCategory(tx, body.categoryId);
  if (category?.orgId !== body.orgId || category.status !== 'active')
    throw new DomainError(queueErrors.QUEUE_CATEGORY_NOT_FOUND, '未找到该业务类别。');
  const date: BusinessDate = parseBusinessDate(body.date);
  let slot: { from: string; to: string; kind: repo.Appointment['sessionKind'] };
  if (body.kind === 'phone') {
    const days = await loadCenterDays(tx, body.orgId);
    const found = bookableSlot(days, category, date, body.from, now);
    await takePlace(tx, category, found, date, null);
    slot = found;
  } else {
    await assertAssignee(tx, actor, body.orgId, body.assigneeId);
    if (body.address === '') throw new DomainError(queueErrors.QUEUE_APPOINTMENT_INVALID, '上门服务请填写上门地址。');
    const to = body.to ?? body.from;
    if (date < businessDateOf(now) || to < body.from)
      throw new DomainError(queueErrors.QUEUE_APPOINTMENT_INVALID, '上门时间应在今天以后，结束时间不早于开始时间。');
    slot = { from: body.from, to, kind: 'home_visit' };
  }
  const created = await insertBooking(
    tx,
    {
      category,
      centerName: center.name,
      kind: body.kind,
      date,
      slot,
      name: body.name,
      idNumber: body.idNumber,
      phone: body.phone,
      address: body.address,
      note: body.note,
      assigneeId: body.kind === 'home_visit' ? body.assigneeId : null,
      createdBy: actor.staffId,
    },
    now,
  );
  const appointment = await repo.findAppointment(tx, created.id);
  if (!appointment) throw new Error('appointment vanished');
  return {
    status: 201,
    body: { appointment: appointmentViewOf(appointment, category.name) },
    audit: {
      action: 'queue.appointment.staff_book',
      targetType: 'queue_appointment',
      targetId: created.id,
      orgId: body.orgId,
      summary: {
        kind: body.kind,
        category: category.code,
        date,
        from: slot.from,
        phone: maskPhone(body.phone),
        assigneeId: body.assigneeId,
      },
    },
  };
}

/** Day end: bookings of past days never checked in become no-shows (爽约), counted in the figures. */
export async function recordNoShows(tx: Tx, now: Date): Promise<number> {
  const missed = await repo.markNoShows(tx, businessDateOf(now), now);
  for (const appointment of missed) {
    await addToRollup(tx, rollupOf({ id: appointment.categoryId, orgId: appointment.orgId }, appointment.onDate, appointment.slotFrom), {
      bookingNoShows: 1,
    });
  }
  return missed.length;
}
