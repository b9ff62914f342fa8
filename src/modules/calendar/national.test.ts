import { describe, expect, it } from 'vitest';
import { addCalendarDays, weekdayOf, type BusinessDate } from '../../shared/business-date.ts';
import { daysInRange } from './deadline.rules.ts';
import { checkNationalYear, packageNationalYears, parseNationalJson } from './national.ts';
import { WorkCalendar } from './rules.ts';

/**
 * The State Council notices, typed by hand from the published text and NOT derived from the
 * chinese-days package, so a wrong package fails here. Each block: the days off (first–last, with
 * the weekday the notice prints) and the weekend days worked (调休上班).
 */
interface NoticeBlock {
  name: string;
  off: [first: string, firstWeekday: string, last: string, lastWeekday: string];
  worked: [date: string, weekday: string][];
}

/** 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）. */
const NOTICE_2025: NoticeBlock[] = [
  { name: '元旦', off: ['2025-01-01', '周三', '2025-01-01', '周三'], worked: [] },
  {
    name: '春节',
    off: ['2025-01-28', '周二', '2025-02-04', '周二'],
    worked: [
      ['2025-01-26', '周日'],
      ['2025-02-08', '周六'],
    ],
  },
  { name: '清明节', off: ['2025-04-04', '周五', '2025-04-06', '周日'], worked: [] },
  { name: '劳动节', off: ['2025-05-01', '周四', '2025-05-05', '周一'], worked: [['2025-04-27', '周日']] },
  { name: '端午节', off: ['2025-05-31', '周六', '2025-06-02', '周一'], worked: [] },
  {
    name: '国庆节、中秋节',
    off: ['2025-10-01', '周三', '2025-10-08', '周三'],
    worked: [
      ['2025-09-28', '周日'],
      ['2025-10-11', '周六'],
    ],
  },
];

/** 国务院办公厅关于2026年部分节假日安排的通知（2025年11月发布）. */
const NOTICE_2026: NoticeBlock[] = [
  { name: '元旦', off: ['2026-01-01', '周四', '2026-01-03', '周六'], worked: [['2026-01-04', '周日']] },
  {
    name: '春节',
    off: ['2026-02-15', '周日', '2026-02-23', '周一'],
    worked: [
      ['2026-02-14', '周六'],
      ['2026-02-28', '周六'],
    ],
  },
  { name: '清明节', off: ['2026-04-04', '周六', '2026-04-06', '周一'], worked: [] },
  { name: '劳动节', off: ['2026-05-01', '周五', '2026-05-05', '周二'], worked: [['2026-05-09', '周六']] },
  { name: '端午节', off: ['2026-06-19', '周五', '2026-06-21', '周日'], worked: [] },
  { name: '中秋节', off: ['2026-09-25', '周五', '2026-09-27', '周日'], worked: [] },
  {
    name: '国庆节',
    off: ['2026-10-01', '周四', '2026-10-07', '周三'],
    worked: [
      ['2026-09-20', '周日'],
      ['2026-10-10', '周六'],
    ],
  },
];

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const OFF_DAYS = { 2025: 1 + 8 + 3 + 5 + 3 + 8, 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 };

const calendar = new WorkCalendar({ orgId: null, national: packageNationalYears().values(), overrides: [] });

function expand(blocks: NoticeBlock[]) {
  const off = new Map<string, string>();
  const worked = new Map<string, string>();
  for (const block of blocks) {
    const [first, , last] = block.off;
    for (const day of daysInRange(first as BusinessDate, last as BusinessDate)) off.set(day, block.name);
    for (const [day] of block.worked) worked.set(day, block.name);
  }
  return { off, worked };
}

describe.each([
  [2025, NOTICE_2025],
  [2026, NOTICE_2026],
] as const)('全国节假日 %i 年 (hand-typed notice vs chinese-days)', (year, notice) => {
  const { off, worked } = expand(notice);

  it('the hand-typed table is self-consistent (weekdays as printed in the notice, day counts)', () => {
    for (const block of notice) {
      const [first, firstWeekday, last, lastWeekday] = block.off;
      expect(WEEKDAYS[weekdayOf(first as BusinessDate)], `${block.name} ${first}`).toBe(firstWeekday);
      expect(WEEKDAYS[weekdayOf(last as BusinessDate)], `${block.name} ${last}`).toBe(lastWeekday);
      for (const [day, weekday] of block.worked) expect(WEEKDAYS[weekdayOf(day as BusinessDate)], `${block.name} ${day}`).toBe(weekday);
    }
    expect(off.size).toBe(OFF_DAYS[year]);
  });

  it('every holiday of the notice is a holiday, and no other day is', () => {
    const holidays = daysInRange(`${String(year)}-01-01` as BusinessDate, `${String(year)}-12-31` as BusinessDate)
      .map((date) => calendar.dayOf(date))
      .filter((day) => day.kind === 'holiday');
    expect(holidays.map((day) => day.date).sort()).toEqual([...off.keys()].sort());
    for (const day of holidays) {
      expect(day.workday).toBe(false);
      const names = off.get(day.date) ?? '';
      expect(
        names.split('、').some((name) => name.startsWith(day.name ?? '∅')),
        `${day.date} ${day.name ?? ''} in ${names}`,
      ).toBe(true);
    }
  });

  it('every 调休 working day of the notice is a working day, and no other weekend is', () => {
    const adjusted = daysInRange(`${String(year)}-01-01` as BusinessDate, `${String(year)}-12-31` as BusinessDate)
      .map((date) => calendar.dayOf(date))
      .filter((day) => day.kind === 'adjusted_workday');
    expect(adjusted.map((day) => day.date).sort()).toEqual([...worked.keys()].sort());
    for (const day of adjusted) expect(day.workday).toBe(true);
  });

  it('every other day follows the week: Monday–Friday work, Saturday and Sunday rest', () => {
    for (const date of daysInRange(`${String(year)}-01-01` as BusinessDate, `${String(year)}-12-31` as BusinessDate)) {
      if (off.has(date) || worked.has(date)) continue;
      const weekday = weekdayOf(date);
      expect(calendar.dayOf(date), date).toMatchObject({ workday: weekday !== 0 && weekday !== 6, provisional: false });
    }
  });
});

describe('deadlines across the published holidays', () => {
  it.each([
    // Before 国庆: 5 working days from 2025-09-26 (Fri): 9-28 (Sun, worked), 9-29, 9-30, 10-9, 10-10.
    ['2025-09-26', 5, '2025-10-10'],
    // 10-11 (Sat) is worked in 2025: one more day lands on it.
    ['2025-09-26', 6, '2025-10-11'],
    // 春节 2026: from the last working day before it, the first day is the 24th.
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-24', 4, '2026-02-28'],
    // A start on a holiday: the first working day after it.
    ['2026-10-03', 1, '2026-10-08'],
    ['2026-10-03', 0, '2026-10-08'],
    // Across the year end into 2026: 元旦 1–3 off, 4 (Sun) worked.
    ['2025-12-31', 1, '2026-01-04'],
    ['2025-12-31', 20, '2026-01-29'],
  ])('%s + %i working days = %s', (start, days, due) => {
    expect(calendar.add(start as BusinessDate, days)).toBe(due);
  });

  it('20 working days (行政许可法 第42条) from the Friday before 国庆 2026', () => {
    const due = calendar.add('2026-09-25' as BusinessDate, 20);
    // 9-25..27 中秋 off, 9-28..30 = 3, 10-8..9 = 2, 10-10 (Sat) = 1, then 14 more from 10-12.
    expect(due).toBe('2026-10-29');
    expect(calendar.count('2026-09-25' as BusinessDate, due)).toBe(20);
    expect(addCalendarDays(due, 0)).toBe(due);
  });
});

describe('entered national years', () => {
  it('refuses a 调休 day on a weekday, a date outside the year and a duplicate', () => {
    expect(checkNationalYear(2027, [{ date: '2027-02-10', kind: 'adjusted_workday', name: '春节' }])).toEqual(
      expect.arrayContaining([expect.stringMatching(/不是周六或周日/), expect.stringMatching(/没有任何法定节假日/)]),
    );
    expect(checkNationalYear(2027, [{ date: '2026-12-31', kind: 'holiday', name: '元旦' }])[0]).toMatch(/不在 2027 年内/);
    expect(
      checkNationalYear(2027, [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      ]),
    ).toEqual([expect.stringMatching(/重复/)]);
  });

  it('reads JSON as a days list or in the chinese-days format', () => {
    expect(parseNationalJson('{"days":[{"date":"2027-01-01","kind":"holiday","name":"元旦"}]}', 2027)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ]);
    expect(parseNationalJson('{"holidays":{"2027-01-01":"New Year\'s Day,元旦,1"},"workdays":{}}', 2027)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ]);
    expect(parseNationalJson('{"days":[{"date":"2027-01-01","kind":"rest","name":"元旦"}]}', 2027)).toMatch(/holiday 或 adjusted_workday/);
    expect(parseNationalJson('not json', 2027)).toMatch(/JSON/);
  });
});
