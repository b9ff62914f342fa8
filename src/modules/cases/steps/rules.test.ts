import { describe, expect, it } from 'vitest';
import { addCalendarDays, parseBusinessDate, weekdayOf, type BusinessDate } from '../../../shared/business-date.ts';
import type { WorkingDays } from '../../../shared/warning-level.ts';
import { decideStepWarning, openStepsDetail, opinionDueAfter, stepDueOn, stepWarningFields } from './rules.ts';

/** Weekends only: enough to check the rules (the real calendar has its own exhaustive tests). */
const isWorking = (date: BusinessDate) => weekdayOf(date) !== 0 && weekdayOf(date) !== 6;
const weekdays: WorkingDays = {
  add(date, n) {
    let day = date;
    let left = n;
    if (n === 0) {
      while (!isWorking(day)) day = addCalendarDays(day, 1);
      return day;
    }
    while (left > 0) {
      day = addCalendarDays(day, 1);
      if (isWorking(day)) left -= 1;
    }
    return day;
  },
  count(from, to) {
    let n = 0;
    for (let day = addCalendarDays(from, 1); day <= to; day = addCalendarDays(day, 1)) if (isWorking(day)) n += 1;
    return n;
  },
};
const d = parseBusinessDate;

describe('step rules', () => {
  it('a step is due N working days after today, never after the case', () => {
    expect(stepDueOn(weekdays, d('2026-11-19'), 2, d('2026-12-31'))).toEqual({ ok: true, dueOn: '2026-11-23' });
    const late = stepDueOn(weekdays, d('2026-11-19'), 5, d('2026-11-24'));
    expect(late.ok).toBe(false);
  });

  it('超时默认: the opinion is owed 1 working day after a Friday due date — the Monday', () => {
    expect(opinionDueAfter(weekdays, d('2026-11-20'))).toBe('2026-11-23');
  });

  it('a consent-on-timeout step past its due date passes by default; another is carded yellow', () => {
    const base = { status: 'open' as const, dueOn: d('2026-11-20'), opinion: null, opinionDueOn: null, warning: 'pre' as const };
    expect(decideStepWarning(weekdays, { ...base, consentOnTimeout: true }, d('2026-11-21'))).toEqual({
      kind: 'deem-pass',
      opinionDueOn: '2026-11-23',
      workingDaysLate: 0,
    });
    expect(decideStepWarning(weekdays, { ...base, consentOnTimeout: false }, d('2026-11-23'))).toMatchObject({
      kind: 'grade',
      warning: 'yellow',
      accountable: 'yellow',
      workingDaysLate: 1,
    });
  });

  it('a deemed-passed step is looked at again the day after its opinion was due, and not once the opinion is in', () => {
    const passed = {
      status: 'deemed_passed' as const,
      consentOnTimeout: true,
      dueOn: d('2026-11-20'),
      opinion: null,
      opinionDueOn: d('2026-11-23'),
    };
    expect(stepWarningFields(weekdays, passed, d('2026-11-21')).nextWarningAt?.toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(decideStepWarning(weekdays, { ...passed, warning: 'yellow' }, d('2026-11-24'))).toEqual({
      kind: 'opinion-late',
      workingDaysLate: 1,
    });
    expect(stepWarningFields(weekdays, { ...passed, opinion: '同意' }, d('2026-11-21')).nextWarningAt).toBeNull();
  });

  it('names the open steps when the case may not conclude', () => {
    expect(openStepsDetail([{ name: '民政审核', departmentName: '民政人社站', dueOn: d('2026-11-20') }])).toContain(
      '民政人社站·民政审核（期限 2026-11-20）',
    );
  });
});
