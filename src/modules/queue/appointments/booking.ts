import type { Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import { enqueueNotice } from '../../notices/index.ts';
import { businessDateOf, minuteOfDayOf, parseBusinessDate } from '../../../shared/business-date.ts';
import { DomainError } from '../../../shared/errors.ts';
import { maskPhone } from '../../../shared/identity.ts';
import { queueErrors } from '../errors.ts';
import * as queueRepo from '../repo.ts';
import type { TakenTicketView } from '../schemas.ts';
import { addToRollup, findTicket } from '../tickets-repo.ts';
import { insertNewTicket, placeInQueue } from '../tickets.ts';
import {
  assertNotBanned,
  bookableDays,
  bookableSlot,
  insertBooking,
  loadCenterDays,
  rollupOf,
  STATUS_LABELS,
  takePlace,
  type Category,
} from './core.ts';
import { issuePhoneCode, usePhoneCode, WRONG_CODE } from './phone-codes.ts';
import * as repo from './repo.ts';
import type { BookBody, BookingView, CancelBody, CheckInBody, DaySlotsView, RescheduleBody } from './schemas.ts';
import { CHECK_IN_EARLY_MINUTES, checkInTiming, hhmmOf, minutesOf } from './slots.rules.ts';

/** 预约 on the portal and at the kiosk: SMS codes, booking, cancel and reschedule by the citizen, check-in. */

interface Center {
  id: string;
  code: string;
  name: string;
}

async function bookableCategory(tx: Tx, center: Center, code: string): Promise<Category> {
  const category = await queueRepo.findCategoryByCode(tx, center.id, code);
  if (category?.status !== 'active') {
    throw new DomainError(queueErrors.QUEUE_CATEGORY_NOT_FOUND, `${center.name}没有业务类别 ${code}，请重新选择。`);
  }
  return category;
}

export async function publicSlots(tx: Tx, center: Center, categoryCode: string, now: Date): Promise<{ days: DaySlotsView[] }> {
  const category = await bookableCategory(tx, center, categoryCode);
  return { days: await bookableDays(tx, await loadCenterDays(tx, center.id), category, now) };
}

/** 短信验证码: 6 digits through the outbox; once a minute and five an hour per phone; kept hashed for 10 minutes. */
export async function sendCode(
  tx: Tx,
  center: Center,
  phone: string,
  now: Date,
): Promise<Change<{ expiresInSeconds: number; resendAfterSeconds: number }>> {
  const sent = await issuePhoneCode(tx, center, phone, '预约', now);
  return {
    status: 201,
    body: sent,
    audit: {
      action: 'queue.appointment.code',
      targetType: 'org',
      targetId: center.id,
      orgId: center.id,
      summary: { phone: maskPhone(phone) },
    },
  };
}

/** Marks a wrong code on the request that carried it; the route counts it in a transaction of its own. */
export { WRONG_CODE };

export function bookingViewOf(appointment: repo.Appointment, categoryName: string): BookingView {
  return {
    id: appointment.id,
    bookingNo: appointment.bookingNo,
    categoryName,
    date: appointment.onDate,
    from: appointment.slotFrom,
    to: appointment.slotTo,
    status: appointment.status,
    statusLabel: STATUS_LABELS[appointment.status],
  };
}

async function viewOf(tx: Tx, id: string): Promise<BookingView> {
  const appointment = await repo.findAppointment(tx, id);
  if (!appointment) throw new Error('appointment vanished');
  const category = await queueRepo.findCategory(tx, appointment.categoryId);
  return bookingViewOf(appointment, category?.name ?? '');
}

export async function book(tx: Tx, center: Center, body: BookBody, now: Date): Promise<Change<{ booking: BookingView }>> {
  const category = await bookableCategory(tx, center, body.category);
  const days = await loadCenterDays(tx, center.id);
  await assertNotBanned(tx, days, body.phone, now);
  const date = parseBusinessDate(body.date);
  const slot = bookableSlot(days, category, date, body.from, now);
  await usePhoneCode(tx, center.id, body.phone, body.code, now);
  await takePlace(tx, category, slot, date, null);
  const created = await insertBooking(
    tx,
    {
      category,
      centerName: center.name,
      kind: 'online',
      date,
      slot,
      name: body.name,
      idNumber: body.idNumber,
      phone: body.phone,
      address: '',
      note: '',
      assigneeId: null,
      createdBy: null,
    },
    now,
  );
  return {
    status: 201,
    body: { booking: await viewOf(tx, created.id) },
    audit: {
      action: 'queue.appointment.book',
      targetType: 'queue_appointment',
      targetId: created.id,
      orgId: center.id,
      summary: { category: body.category, date, from: slot.from, kind: 'online', phone: maskPhone(body.phone) },
    },
  };
}

/** The citizen's own live booking: the number and the phone must both match (the same answer otherwise). */
async function ownBooking(tx: Tx, center: Center, body: CancelBody, now: Date): Promise<repo.Appointment> {
  await usePhoneCode(tx, center.id, body.phone, body.code, now);
  const appointment = await repo.lockBookedByNo(tx, center.id, body.bookingNo);
  if (appointment?.phone !== body.phone) {
    throw new DomainError(
      queueErrors.QUEUE_APPOINTMENT_NOT_FOUND,
      `没有手机号 ${maskPhone(body.phone)} 的有效预约 ${body.bookingNo}（已签到、已取消或已过期的预约不能再改）。`,
    );
  }
  return appointment;
}

export async function cancel(tx: Tx, center: Center, body: CancelBody, now: Date): Promise<Change<{ booking: BookingView }>> {
  const appointment = await ownBooking(tx, center, body, now);
  await repo.updateAppointment(tx, appointment.id, { status: 'cancelled' }, now);
  return {
    body: { booking: await viewOf(tx, appointment.id) },
    audit: {
      action: 'queue.appointment.cancel',
      targetType: 'queue_appointment',
      targetId: appointment.id,
      orgId: center.id,
      summary: { bookingNo: body.bookingNo },
    },
  };
}

export async function reschedule(tx: Tx, center: Center, body: RescheduleBody, now: Date): Promise<Change<{ booking: BookingView }>> {
  const appointment = await ownBooking(tx, center, body, now);
  const category = await queueRepo.findCategory(tx, appointment.categoryId);
  if (!category) throw new Error('category vanished');
  const days = await loadCenterDays(tx, center.id);
  const date = parseBusinessDate(body.date);
  const slot = bookableSlot(days, category, date, body.from, now);
  const sameSlot = date === appointment.onDate && slot.from === appointment.slotFrom;
  await takePlace(tx, category, slot, date, sameSlot ? appointment.id : null);
  await repo.updateAppointment(
    tx,
    appointment.id,
    { onDate: date, slotFrom: slot.from, slotTo: slot.to, sessionKind: slot.kind, reschedules: appointment.reschedules + 1 },
    now,
  );
  await enqueueNotice(
    tx,
    {
      orgId: center.id,
      caseId: null,
      recipient: appointment.phone,
      message: `【一站】您的预约 ${appointment.bookingNo} 已改为 ${date} ${slot.from}–${slot.to}（${category.name}）。`,
    },
    now,
  );
  return {
    body: { booking: await viewOf(tx, appointment.id) },
    audit: {
      action: 'queue.appointment.reschedule',
      targetType: 'queue_appointment',
      targetId: appointment.id,
      orgId: center.id,
      summary: { bookingNo: body.bookingNo, from: `${appointment.onDate} ${appointment.slotFrom}`, to: `${date} ${slot.from}` },
    },
  };
}

/** 签到: at the kiosk within the slot's window, the booking becomes a priority ticket (优先: 预约). */
export async function checkIn(
  tx: Tx,
  center: Center,
  body: CheckInBody,
  now: Date,
): Promise<Change<TakenTicketView & { bookingNo: string }>> {
  const appointment = await repo.lockBookedByNo(tx, center.id, body.bookingNo);
  if (!appointment || appointment.kind === 'home_visit') {
    throw new DomainError(
      queueErrors.QUEUE_APPOINTMENT_NOT_FOUND,
      `没有有效的预约号 ${body.bookingNo}，请核对短信中的预约号，或直接取号。`,
    );
  }
  const today = businessDateOf(now);
  const timing = checkInTiming({ date: appointment.onDate, from: appointment.slotFrom, to: appointment.slotTo }, today, minuteOfDayOf(now));
  const when = `${appointment.onDate} ${appointment.slotFrom}–${appointment.slotTo}`;
  if (timing === 'early') {
    const opens = hhmmOf(Math.max(0, minutesOf(appointment.slotFrom) - CHECK_IN_EARLY_MINUTES));
    throw new DomainError(queueErrors.QUEUE_APPOINTMENT_STATE, `您预约的时段是 ${when}，请于当天 ${opens} 以后签到。`);
  }
  if (timing === 'late') {
    throw new DomainError(queueErrors.QUEUE_APPOINTMENT_STATE, `您预约的时段 ${when} 已过，预约不能再签到，请直接取号。`);
  }
  const category = await queueRepo.findCategory(tx, appointment.categoryId);
  if (category?.status !== 'active') throw new DomainError(queueErrors.QUEUE_CATEGORY_NOT_FOUND, '该业务类别已停办，请到导办台咨询。');
  const created = await insertNewTicket(
    tx,
    {
      orgId: center.id,
      categoryId: category.id,
      channel: 'appointment',
      priority: 'appointment',
      name: appointment.applicantName,
      phone: appointment.phone,
      idNumber: appointment.applicantIdNumber,
      appointmentId: appointment.id,
    },
    category.prefix,
    now,
  );
  await repo.updateAppointment(tx, appointment.id, { status: 'checked_in', ticketId: created.id }, now);
  await addToRollup(tx, rollupOf(category, appointment.onDate, appointment.slotFrom), { checkedIn: 1 });
  const ticket = await findTicket(tx, created.id);
  if (!ticket) throw new Error('ticket vanished');
  const place = await placeInQueue(tx, ticket, today);
  return {
    status: 201,
    body: {
      id: created.id,
      ticketNo: created.ticketNo,
      ahead: place.ahead,
      estimatedWaitMinutes: place.minutes,
      bookingNo: appointment.bookingNo,
    },
    audit: {
      action: 'queue.appointment.check_in',
      targetType: 'queue_appointment',
      targetId: appointment.id,
      orgId: center.id,
      summary: { bookingNo: appointment.bookingNo, ticketNo: created.ticketNo },
    },
  };
}
