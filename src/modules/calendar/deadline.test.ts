import { describe, expect, it } from 'vitest';
import type { BusinessDate } from '../../shared/business-date.ts';
import {
  computeDeadline,
  deadlineProgress,
  dueAfterSuspension,
  effectiveStartDate,
  extendClock,
  resumeClock,
  startClock,
  suspendClock,
} from './deadline.rules.ts';
import { packageNationalYears } from './national.ts';
import { WorkCalendar, type NationalYear } from './rules.ts';

const d = (value: string) => value as BusinessDate;
const national = [...packageNationalYears().values()];
const calendar = new WorkCalendar({ orgId: null, national, overrides: [] });
const OFFICE_HOURS = [
  { from: '08:30', to: '12:00' },
  { from: '14:30', to: '17:30' },
];

describe('N working days from a start date', () => {
  it('does not count the start day and lands on the Nth working day after it', () => {
    // Thursday 2026-10-15 + 5 → Thursday 2026-10-22.
    expect(computeDeadline(calendar, d('2026-10-15'), 5)).toEqual({ start: '2026-10-15', days: 5, due: '2026-10-22', provisional: false });
  });

  it('with 0 days gives the start day when it is a working day, else the next working day', () => {
    expect(calendar.add(d('2026-10-15'), 0)).toBe('2026-10-15');
    expect(calendar.add(d('2026-10-17'), 0)).toBe('2026-10-19');
  });

  it('is provisional once it reaches into a year without national data, and says so', () => {
    const deadline = computeDeadline(calendar, d('2026-12-20'), 20);
    expect(deadline.provisional).toBe(true);
    expect(computeDeadline(calendar, d('2026-12-01'), 5).provisional).toBe(false);
    // An unknown year is never guessed: only weekends rest (2027-01-01 is a Friday, counted as a working day).
    expect(calendar.dayOf(d('2027-01-01'))).toMatchObject({ kind: 'workday', provisional: true });
  });

  it('becomes final when the year is entered', () => {
    const entered: NationalYear = { year: 2027, source: 'admin', days: [{ date: d('2027-01-01'), kind: 'holiday', name: '元旦' }] };
    const known = new WorkCalendar({ orgId: null, national: [...national, entered], overrides: [] });
    expect(computeDeadline(known, d('2026-12-31'), 1)).toEqual({ start: '2026-12-31', days: 1, due: '2027-01-04', provisional: false });
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => calendar.add(d('2026-10-15'), -1)).toThrow(RangeError);
    expect(() => calendar.add(d('2026-10-15'), 1.5)).toThrow(RangeError);
  });
});

describe('local overrides', () => {
  const guangxi = new WorkCalendar({
    orgId: 'township',
    national,
    overrides: [
      { date: d('2026-04-20'), kind: 'local_holiday', name: '壮族三月三', orgId: 'county' },
      { date: d('2026-04-21'), kind: 'local_holiday', name: '壮族三月三', orgId: 'county' },
      // The township works the second day: the nearer org has the last word.
      { date: d('2026-04-21'), kind: 'local_workday', name: '乡镇集中办公', orgId: 'township' },
    ],
  });

  it('a local holiday is skipped and a local working day counts', () => {
    expect(guangxi.dayOf(d('2026-04-20'))).toMatchObject({ kind: 'local_holiday', workday: false, name: '壮族三月三' });
    expect(guangxi.dayOf(d('2026-04-21'))).toMatchObject({ kind: 'local_workday', workday: true, name: '乡镇集中办公' });
    expect(guangxi.add(d('2026-04-17'), 1)).toBe('2026-04-21');
    expect(calendar.add(d('2026-04-17'), 1)).toBe('2026-04-20');
  });
});

describe('suspension and extension (行政许可法 第42、45条)', () => {
  it('a suspension from Monday to the next Monday moves the due date by 5 working days', () => {
    const clock = startClock(calendar, d('2026-11-02'), 20);
    expect(clock.due).toBe('2026-11-30');
    const suspended = suspendClock(clock, d('2026-11-09'));
    const resumed = resumeClock(calendar, suspended, d('2026-11-16'));
    expect(resumed).toMatchObject({ due: '2026-12-07', suspendedDays: 5, suspendedOn: null });
    expect(dueAfterSuspension(calendar, clock.due, d('2026-11-09'), d('2026-11-16'))).toBe('2026-12-07');
  });

  it('a suspension and resumption on the same day moves nothing', () => {
    const clock = startClock(calendar, d('2026-11-02'), 20);
    expect(resumeClock(calendar, suspendClock(clock, d('2026-11-09')), d('2026-11-09')).due).toBe(clock.due);
  });

  it('refuses to suspend twice or resume a running clock', () => {
    const clock = startClock(calendar, d('2026-11-02'), 20);
    expect(() => suspendClock(suspendClock(clock, d('2026-11-03')), d('2026-11-04'))).toThrow(RangeError);
    expect(() => resumeClock(calendar, clock, d('2026-11-04'))).toThrow(RangeError);
  });

  it('an extension adds working days to the current due date', () => {
    const clock = startClock(calendar, d('2026-09-10'), 20);
    // 9-11, 9-14..18, 9-20 (Sun, worked), 9-21..24, 9-28..30, 10-8, 10-9, 10-10 (Sat, worked), 10-12..14.
    expect(clock.due).toBe('2026-10-14');
    expect(extendClock(calendar, clock, 10)).toMatchObject({ due: '2026-10-28', extendedDays: 10 });
  });
});

describe('working days elapsed and remaining', () => {
  it('counts from the start to today, and after today to the due date; negative when late', () => {
    const start = d('2026-10-15');
    const due = calendar.add(start, 5);
    expect(deadlineProgress(calendar, start, due, new Date('2026-10-19T10:00:00+08:00'))).toMatchObject({
      elapsed: 2,
      remaining: 3,
      isOverdue: false,
    });
    expect(deadlineProgress(calendar, start, due, new Date('2026-10-22T16:00:00+08:00'))).toMatchObject({ elapsed: 5, remaining: 0 });
    expect(deadlineProgress(calendar, start, due, new Date('2026-10-26T09:00:00+08:00'))).toMatchObject({ remaining: -2, isOverdue: true });
  });
});

describe('the act that starts the clock (Beijing time, office hours)', () => {
  const at = (iso: string) => new Date(iso);

  it('an act at 23:30 Beijing time counts as the next working day when the org says so', () => {
    expect(effectiveStartDate(calendar, at('2026-10-15T23:30:00+08:00'), OFFICE_HOURS, true)).toBe('2026-10-16');
    expect(effectiveStartDate(calendar, at('2026-10-15T23:30:00+08:00'), OFFICE_HOURS, false)).toBe('2026-10-15');
  });

  it('just before closing is the same day; at closing the next working day; Friday evening is Monday', () => {
    expect(effectiveStartDate(calendar, at('2026-10-15T17:29:00+08:00'), OFFICE_HOURS, true)).toBe('2026-10-15');
    expect(effectiveStartDate(calendar, at('2026-10-15T17:30:00+08:00'), OFFICE_HOURS, true)).toBe('2026-10-16');
    expect(effectiveStartDate(calendar, at('2026-10-16T18:00:00+08:00'), OFFICE_HOURS, true)).toBe('2026-10-19');
  });

  it('before opening and at lunch is the same day; a holiday counts as the next working day', () => {
    expect(effectiveStartDate(calendar, at('2026-10-15T07:00:00+08:00'), OFFICE_HOURS, true)).toBe('2026-10-15');
    expect(effectiveStartDate(calendar, at('2026-10-15T13:00:00+08:00'), OFFICE_HOURS, true)).toBe('2026-10-15');
    expect(effectiveStartDate(calendar, at('2026-10-03T10:00:00+08:00'), OFFICE_HOURS, true)).toBe('2026-10-08');
  });

  it('00:30 Beijing time is already the Beijing day, whatever the UTC date', () => {
    expect(effectiveStartDate(calendar, at('2026-10-15T00:30:00+08:00'), OFFICE_HOURS, false)).toBe('2026-10-15');
  });

  it('without office hours only the rest-day rule applies', () => {
    expect(effectiveStartDate(calendar, at('2026-10-15T23:30:00+08:00'), [], true)).toBe('2026-10-15');
    expect(effectiveStartDate(calendar, at('2026-10-17T10:00:00+08:00'), [], true)).toBe('2026-10-19');
  });
});
