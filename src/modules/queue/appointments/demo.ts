import type { Tx } from '../../../db/db.ts';
import { addCalendarDays, businessDateOf, weekdayOf } from '../../../shared/business-date.ts';
import * as repo from './repo.ts';

/**
 * 乐里镇's booking setup: office-hours slots come from the categories' capacity; the director has opened
 * 延时服务 in the lunch break on weekdays (综合业务, 民政人社) and 非工作日预约 next Saturday morning
 * (民政人社), and two people have booked tomorrow morning.
 */
export async function seedDemoAppointments(tx: Tx, orgId: string, categoryIds: ReadonlyMap<string, string>, now: Date): Promise<void> {
  const general = categoryIds.get('general');
  const social = categoryIds.get('social');
  if (!general || !social) return;
  const base = { orgId, note: '', categoryIds: [general, social] };
  await repo.insertSession(
    tx,
    {
      ...base,
      kind: 'extended',
      onDate: null,
      weekdays: [1, 2, 3, 4, 5],
      fromTime: '12:00',
      toTime: '14:30',
      capacity: 1,
      note: '午间延时服务',
    },
    null,
    now,
  );
  const today = businessDateOf(now);
  const saturday = addCalendarDays(today, (6 - weekdayOf(today) + 7) % 7 || 7);
  await repo.insertSession(
    tx,
    {
      ...base,
      kind: 'non_working_day',
      onDate: saturday,
      weekdays: [],
      fromTime: '09:00',
      toTime: '12:00',
      categoryIds: [social],
      capacity: 3,
      note: '周六预约服务',
    },
    null,
    now,
  );
  const tomorrow = addCalendarDays(today, 1);
  for (const [index, person] of [
    { name: '韦金花', phone: '13907710001', from: '09:00', to: '09:30' },
    { name: '黄德明', phone: '13907710002', from: '09:30', to: '10:00' },
  ].entries()) {
    await repo.insertAppointment(
      tx,
      {
        orgId,
        categoryId: index === 0 ? general : social,
        kind: 'online',
        onDate: tomorrow,
        slotFrom: person.from,
        slotTo: person.to,
        sessionKind: 'regular',
        applicantName: person.name,
        applicantIdNumber: '',
        phone: person.phone,
        address: '',
        note: '',
        bookingNo: `80000${String(index + 1)}`,
        assigneeId: null,
        createdBy: null,
      },
      now,
    );
  }
}
