import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDateFromDayNumber, dayNumberOf, type BusinessDate } from '../../shared/business-date.ts';
import { computeDeadline, deadlineProgress, resumeClock, startClock, suspendClock } from './deadline.rules.ts';
import { packageNationalYears } from './national.ts';
import { WorkCalendar, type LocalOverride } from './rules.ts';
import { instantAt } from '../../shared/business-date.ts';

/** Properties over random start dates 2020–2026 and day counts 0–365 (fast-check). */
const FIRST = dayNumberOf('2020-01-01' as BusinessDate);
const LAST = dayNumberOf('2026-12-31' as BusinessDate);
const NUM_RUNS = 2000;

const date = fc.integer({ min: FIRST, max: LAST }).map((day) => businessDateFromDayNumber(day));
const days = fc.integer({ min: 0, max: 365 });

/** The national calendar, and one with local overrides (a county 三月三 and a worked Saturday) to cover those too. */
const national = new WorkCalendar({ orgId: null, national: packageNationalYears().values(), overrides: [] });
const overrides: LocalOverride[] = [];
for (let year = 2020; year <= 2027; year++) {
  overrides.push({
    date: `${String(year)}-04-0${String(1 + (year % 8))}` as BusinessDate,
    kind: 'local_holiday',
    name: '壮族三月三',
    orgId: 'c',
  });
  overrides.push({ date: `${String(year)}-06-1${String(year % 10)}` as BusinessDate, kind: 'local_workday', name: '补班', orgId: 't' });
}
const local = new WorkCalendar({ orgId: 't', national: packageNationalYears().values(), overrides });

describe.each([
  ['national', national],
  ['with local overrides', local],
] as const)('deadline properties (%s calendar)', (_label, calendar) => {
  it('the due date is a working day, after the start day unless n = 0', () => {
    fc.assert(
      fc.property(date, days, (start, n) => {
        const due = calendar.add(start, n);
        expect(calendar.isWorkingDay(due)).toBe(true);
        if (n > 0) expect(due > start).toBe(true);
        else expect(due >= start).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('adding a then b equals adding a + b (a ≥ 1; a = 0 first moves a rest day onto a working day)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 165 }), (start, a, b) => {
        expect(calendar.add(calendar.add(start, a), b)).toBe(calendar.add(start, a + b));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('more days never give an earlier date; a later start never gives an earlier due date', () => {
    fc.assert(
      fc.property(date, days, days, fc.integer({ min: 0, max: 60 }), (start, n, m, shift) => {
        const [low, high] = n <= m ? [n, m] : [m, n];
        expect(calendar.add(start, low) <= calendar.add(start, high)).toBe(true);
        const later = businessDateFromDayNumber(dayNumberOf(start) + shift);
        expect(calendar.add(start, n) <= calendar.add(later, n)).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('counting inverts adding: exactly n working days lie in (start, due]', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 365 }), (start, n) => {
        expect(calendar.count(start, calendar.add(start, n))).toBe(n);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a suspension of k working days moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 120 }), fc.nat(), fc.integer({ min: 0, max: 90 }), (start, n, at, length) => {
        const clock = startClock(calendar, start, n);
        const span = dayNumberOf(clock.due) - dayNumberOf(start);
        const suspendedOn = businessDateFromDayNumber(dayNumberOf(start) + (at % (span + 1)));
        const resumedOn = businessDateFromDayNumber(dayNumberOf(suspendedOn) + length);
        const resumed = resumeClock(calendar, suspendClock(clock, suspendedOn), resumedOn);
        const k = calendar.count(suspendedOn, resumedOn);
        expect(resumed.suspendedDays).toBe(k);
        expect(calendar.count(clock.due, resumed.due)).toBe(k);
        expect(calendar.isWorkingDay(resumed.due)).toBe(true);
        // Independently: the days used before the suspension, then the rest counted from the resumption day.
        const used = calendar.count(start, suspendedOn);
        if (used < n) expect(resumed.due).toBe(calendar.add(resumedOn, n - used));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('elapsed + remaining = n on every day from the start to the due date', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), fc.nat(), (start, n, at) => {
        const { due } = computeDeadline(calendar, start, n);
        const span = dayNumberOf(due) - dayNumberOf(start);
        const today = businessDateFromDayNumber(dayNumberOf(start) + (at % (span + 1)));
        const progress = deadlineProgress(calendar, start, due, instantAt(today, '10:00'));
        expect(progress.elapsed + progress.remaining).toBe(n);
        expect(progress.isOverdue).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('provisional', () => {
  it('is false within 2020–2026 and true exactly when the due date reaches an unknown year', () => {
    fc.assert(
      fc.property(date, days, (start, n) => {
        const deadline = computeDeadline(national, start, n);
        expect(deadline.provisional).toBe(deadline.due > '2026-12-31');
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
