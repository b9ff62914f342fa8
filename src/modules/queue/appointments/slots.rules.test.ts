import { describe, expect, it } from 'vitest';
import type { BusinessDate } from '../../../shared/business-date.ts';
import { bannedUntil, checkInTiming, isBookableTime, slotsOfDay, type DayInput, type SessionRule } from './slots.rules.ts';

const day = (date: string) => date as BusinessDate;
const base: DayInput = {
  date: day('2026-10-15'),
  weekday: 4,
  isWorkingDay: true,
  officeHours: [
    { from: '09:00', to: '12:00' },
    { from: '14:00', to: '17:00' },
  ],
  slotMinutes: 60,
  categoryId: 'c1',
  categoryCapacity: 2,
  sessions: [],
};
const lunch: SessionRule = {
  id: 's1',
  kind: 'extended',
  onDate: null,
  weekdays: [1, 2, 3, 4, 5],
  fromTime: '12:00',
  toTime: '14:00',
  categoryIds: [],
  capacity: 1,
};

describe('slots of a day', () => {
  it('cuts office hours into slots with the category capacity; the lunch break is closed', () => {
    const slots = slotsOfDay(base);
    expect(slots.map((slot) => slot.from)).toEqual(['09:00', '10:00', '11:00', '14:00', '15:00', '16:00']);
    expect(slots.every((slot) => slot.capacity === 2 && slot.kind === 'regular')).toBe(true);
  });

  it('offers nothing on a non-working day or for a category without capacity', () => {
    expect(slotsOfDay({ ...base, isWorkingDay: false })).toEqual([]);
    expect(slotsOfDay({ ...base, categoryCapacity: 0 })).toEqual([]);
  });

  it('adds 延时服务 in the lunch break on the chosen weekdays, never overlapping office hours', () => {
    const slots = slotsOfDay({ ...base, sessions: [{ ...lunch, fromTime: '11:00', toTime: '14:00' }] });
    expect(slots.filter((slot) => slot.kind === 'extended').map((slot) => [slot.from, slot.capacity])).toEqual([
      ['12:00', 1],
      ['13:00', 1],
    ]);
    expect(slotsOfDay({ ...base, weekday: 6, sessions: [lunch] }).some((slot) => slot.kind === 'extended')).toBe(false);
  });

  it('opens 非工作日预约 on its date only, and sessions limited to other categories do not apply', () => {
    const saturday: SessionRule = {
      ...lunch,
      kind: 'non_working_day',
      onDate: '2026-10-17',
      weekdays: [],
      fromTime: '09:00',
      toTime: '11:00',
    };
    const slots = slotsOfDay({ ...base, date: day('2026-10-17'), weekday: 6, isWorkingDay: false, sessions: [saturday] });
    expect(slots.map((slot) => `${slot.kind}@${slot.from}`)).toEqual(['non_working_day@09:00', 'non_working_day@10:00']);
    expect(slotsOfDay({ ...base, date: day('2026-10-18'), isWorkingDay: false, sessions: [saturday] })).toEqual([]);
    expect(slotsOfDay({ ...base, sessions: [{ ...lunch, categoryIds: ['other'] }] }).length).toBe(6);
  });

  it('falls back to the usual county day when the center set no office hours', () => {
    expect(slotsOfDay({ ...base, officeHours: [], slotMinutes: 30 })[0]).toMatchObject({ from: '08:30', to: '09:00' });
  });
});

describe('booking limits', () => {
  it('books from now through the booking horizon only', () => {
    expect(isBookableTime(day('2026-10-15'), '09:00', day('2026-10-15'), 9 * 60 + 5, 7)).toBe(false);
    expect(isBookableTime(day('2026-10-15'), '10:00', day('2026-10-15'), 9 * 60 + 5, 7)).toBe(true);
    expect(isBookableTime(day('2026-10-22'), '10:00', day('2026-10-15'), 0, 7)).toBe(true);
    expect(isBookableTime(day('2026-10-23'), '10:00', day('2026-10-15'), 0, 7)).toBe(false);
  });

  it('bans a phone after the limit of no-shows in the window, until ban days after the last', () => {
    const rule = { limit: 3, windowDays: 90, banDays: 30 };
    const today = day('2026-10-15');
    expect(bannedUntil([day('2026-09-01'), day('2026-10-01')], rule, today)).toBeNull();
    expect(bannedUntil([day('2026-09-01'), day('2026-09-20'), day('2026-10-01')], rule, today)).toBe('2026-10-31');
    // One of them is older than 90 days: no ban.
    expect(bannedUntil([day('2026-07-01'), day('2026-09-20'), day('2026-10-01')], rule, today)).toBeNull();
    // The ban has run out.
    expect(bannedUntil([day('2026-08-01'), day('2026-08-20'), day('2026-09-01')], rule, today)).toBeNull();
  });

  it('opens check-in 30 minutes before the slot until its end', () => {
    const slot = { date: '2026-10-15', from: '10:00', to: '10:30' };
    expect(checkInTiming(slot, day('2026-10-15'), 9 * 60 + 29)).toBe('early');
    expect(checkInTiming(slot, day('2026-10-15'), 9 * 60 + 30)).toBe('open');
    expect(checkInTiming(slot, day('2026-10-15'), 10 * 60 + 30)).toBe('late');
    expect(checkInTiming(slot, day('2026-10-16'), 9 * 60)).toBe('late');
  });
});
