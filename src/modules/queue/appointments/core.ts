import { randomInt } from 'node:crypto';
import type { Tx } from '../../../db/db.ts';
import { loadOfficeHours, loadWorkCalendar } from '../../calendar/index.ts';
import { enqueueNotice } from '../../notices/index.ts';
import { addCalendarDays, businessDateOf, minuteOfDayOf, weekdayOf, type BusinessDate } from '../../../shared/business-date.ts';
import { DomainError } from '../../../shared/errors.ts';
import { unlessTaken } from '../../../kernel/unique.ts';
import { queueErrors } from '../errors.ts';
import * as queueRepo from '../repo.ts';
import { addToRollup } from '../tickets-repo.ts';
import * as repo from './repo.ts';
import type { DaySlotsView, SlotView } from './schemas.ts';
import { bannedUntil, isBookableTime, minutesOf, SLOT_KIND_LABELS, slotsOfDay, type Slot } from './slots.rules.ts';

/** 预约 shared by the portal and the console: a category's slots with what is left, placing a booking without overselling. */

export interface Category {
  id: string;
  orgId: string;
  name: string;
  slotCapacity: number;
  status: 'active' | 'inactive';
}

export const STATUS_LABELS: Record<repo.AppointmentStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '未到（爽约）',
  done: '已办结',
};
export const KIND_LABELS: Record<repo.AppointmentKind, string> = { online: '网上预约', phone: '电话预约', home_visit: '上门服务' };

/** Everything the slots of a center depend on, read once per request. */
export interface CenterDays {
  orgId: string;
  isWorkingDay: (date: BusinessDate) => boolean;
  officeHours: { from: string; to: string }[];
  sessions: repo.SessionRow[];
  settings: queueRepo.Settings;
}

export async function loadCenterDays(tx: Tx, orgId: string): Promise<CenterDays> {
  const calendar = await loadWorkCalendar(tx, orgId);
  return {
    orgId,
    isWorkingDay: (date) => calendar.isWorkingDay(date),
    officeHours: await loadOfficeHours(tx, orgId),
    sessions: await repo.listSessions(tx, orgId),
    settings: await queueRepo.findSettings(tx, orgId),
  };
}

export function slotsOn(days: CenterDays, category: Category, date: BusinessDate): Slot[] {
  if (category.status !== 'active') return [];
  return slotsOfDay({
    date,
    weekday: weekdayOf(date),
    isWorkingDay: days.isWorkingDay(date),
    officeHours: days.officeHours,
    slotMinutes: days.settings.slotMinutes,
    categoryId: category.id,
    categoryCapacity: category.slotCapacity,
    sessions: days.sessions,
  });
}

export async function slotViewsOn(tx: Tx, days: CenterDays, category: Category, date: BusinessDate): Promise<SlotView[]> {
  const booked = await repo.countBookedBySlot(tx, category.id, date);
  return slotsOn(days, category, date).map((slot) => {
    const count = booked.get(slot.from) ?? 0;
    return { ...slot, kindLabel: SLOT_KIND_LABELS[slot.kind], booked: count, left: Math.max(0, slot.capacity - count) };
  });
}

/** The bookable days ahead (slots already begun are left out); days without any slot are omitted. */
export async function bookableDays(tx: Tx, days: CenterDays, category: Category, now: Date): Promise<DaySlotsView[]> {
  const today = businessDateOf(now);
  const minute = minuteOfDayOf(now);
  const result: DaySlotsView[] = [];
  for (let offset = 0; offset <= days.settings.bookingDays; offset++) {
    const date = addCalendarDays(today, offset);
    const slots = (await slotViewsOn(tx, days, category, date)).filter((slot) =>
      isBookableTime(date, slot.from, today, minute, days.settings.bookingDays),
    );
    if (slots.length > 0) result.push({ date, workday: days.isWorkingDay(date), slots });
  }
  return result;
}

/** 爽约限制 with a message that says until when. */
export async function assertNotBanned(tx: Tx, days: CenterDays, phone: string, now: Date): Promise<void> {
  const today = businessDateOf(now);
  const { noShowLimit, noShowDays, banDays } = days.settings;
  const dates = await repo.listNoShowDates(tx, days.orgId, phone, addCalendarDays(today, -noShowDays));
  const until = bannedUntil(dates, { limit: noShowLimit, windowDays: noShowDays, banDays }, today);
  if (until !== null) {
    throw new DomainError(
      queueErrors.QUEUE_BOOKING_BANNED,
      `该手机号近 ${String(noShowDays)} 天内有 ${String(dates.length)} 次预约未到，${until} 起才能再次预约；请直接到大厅取号办理。`,
      { until },
    );
  }
}

/** The slot starting at `from` on `date`, if the center offers it now (refused with a Chinese reason otherwise). */
export function bookableSlot(days: CenterDays, category: Category, date: BusinessDate, from: string, now: Date): Slot {
  const today = businessDateOf(now);
  if (!isBookableTime(date, from, today, minuteOfDayOf(now), days.settings.bookingDays)) {
    throw new DomainError(
      queueErrors.QUEUE_SLOT_UNAVAILABLE,
      `只能预约尚未开始的时段，最远到 ${addCalendarDays(today, days.settings.bookingDays)}。`,
    );
  }
  const slot = slotsOn(days, category, date).find((candidate) => candidate.from === from);
  if (!slot) throw new DomainError(queueErrors.QUEUE_SLOT_UNAVAILABLE, `${date} ${from} 不是${category.name}的预约时段，请重新选择。`);
  return slot;
}

/**
 * Takes one place in a slot, never more than its capacity: the category row is locked first, so the
 * count and the insert of concurrent bookings (any server process) happen one after another.
 */
export async function takePlace(tx: Tx, category: Category, slot: Slot, date: BusinessDate, exceptId: string | null): Promise<void> {
  await repo.lockCategoryForBooking(tx, category.id);
  const booked = (await repo.countBookedBySlot(tx, category.id, date)).get(slot.from) ?? 0;
  const own = exceptId === null ? 0 : 1;
  if (booked - own >= slot.capacity) {
    throw new DomainError(queueErrors.QUEUE_SLOT_FULL, `${date} ${slot.from}–${slot.to} 已约满，请选择其他时段。`);
  }
}

async function newBookingNo(tx: Tx, orgId: string): Promise<string> {
  for (;;) {
    const candidate = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!(await repo.isBookingNoLive(tx, orgId, candidate))) return candidate;
  }
}

export interface PlaceInput {
  category: Category;
  centerName: string;
  kind: repo.AppointmentKind;
  date: BusinessDate;
  slot: { from: string; to: string; kind: repo.Appointment['sessionKind'] };
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  note: string;
  assigneeId: string | null;
  createdBy: string | null;
}

/** Inserts the booking (its place already taken), counts it in the figures and tells the phone by SMS. */
export async function insertBooking(tx: Tx, input: PlaceInput, now: Date): Promise<{ id: string; bookingNo: string }> {
  const bookingNo = await newBookingNo(tx, input.category.orgId);
  const id = await unlessTaken(
    repo.insertAppointment(
      tx,
      {
        orgId: input.category.orgId,
        categoryId: input.category.id,
        kind: input.kind,
        onDate: input.date,
        slotFrom: input.slot.from,
        slotTo: input.slot.to,
        sessionKind: input.slot.kind,
        applicantName: input.name,
        applicantIdNumber: input.idNumber,
        phone: input.phone,
        address: input.address,
        note: input.note,
        bookingNo,
        assigneeId: input.assigneeId,
        createdBy: input.createdBy,
      },
      now,
    ),
    () =>
      new DomainError(
        queueErrors.QUEUE_APPOINTMENT_INVALID,
        `该手机号 ${input.date} 已预约${input.category.name}，同一天同一类业务只能预约一次。`,
      ),
  );
  await addToRollup(tx, rollupOf(input.category, input.date, input.slot.from), { booked: 1 });
  const what = input.kind === 'home_visit' ? '上门服务' : '预约';
  const where = input.kind === 'home_visit' ? '工作人员将按约上门' : `请于时段开始前 30 分钟内到${input.centerName}取号机输入预约号签到`;
  await enqueueNotice(
    tx,
    {
      orgId: input.category.orgId,
      caseId: null,
      recipient: input.phone,
      message: `【一站】您已${what}${input.category.name}：${input.date} ${input.slot.from}–${input.slot.to}，预约号 ${bookingNo}。${where}。`,
    },
    now,
  );
  return { id, bookingNo };
}

/** Appointment figures sit in the hour of the slot on its day (预约使用率 per day). */
export function rollupOf(category: { id: string; orgId: string }, date: BusinessDate, from: string) {
  return { orgId: category.orgId, date, hour: Math.floor(minutesOf(from) / 60), categoryId: category.id, windowId: null, staffId: null };
}
