import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { BusinessDate } from '../../shared/business-date.ts';
import { daysInRange } from './deadline.rules.ts';
import { buildIcs, parseNationalIcs } from './ics.ts';
import { packageNationalYears } from './national.ts';
import { WorkCalendar } from './rules.ts';

const require = createRequire(import.meta.url);
const d = (value: string) => value as BusinessDate;

describe('iCalendar import', () => {
  it('reads the chinese-days feed of 2026 into exactly the package data of 2026', () => {
    const text = readFileSync(require.resolve('chinese-days/dist/years/2026.ics'), 'utf8');
    const parsed = parseNationalIcs(text, 2026);
    expect(parsed).toEqual(packageNationalYears().get(2026)?.days);
  });

  it('unfolds lines, takes UTC date-times as Beijing dates, and honours X-YIZHAN-KIND', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270210',
      'DTEND;VALUE=DATE:20270213',
      'SUMMARY:春',
      ' 节(休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART:20270206T160000Z',
      'SUMMARY:春节补班',
      'X-YIZHAN-KIND:adjusted_workday',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(parseNationalIcs(text, 2027)).toEqual([
      { date: '2027-02-07', kind: 'adjusted_workday', name: '春节补班' },
      { date: '2027-02-10', kind: 'holiday', name: '春节' },
      { date: '2027-02-11', kind: 'holiday', name: '春节' },
      { date: '2027-02-12', kind: 'holiday', name: '春节' },
    ]);
  });

  it('says what is wrong with a file it cannot use', () => {
    expect(parseNationalIcs('hello', 2027)).toMatch(/不是 iCalendar/);
    expect(parseNationalIcs('BEGIN:VCALENDAR\r\nEND:VCALENDAR', 2027)).toMatch(/没有任何事件/);
    expect(parseNationalIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR', 2027)).toMatch(/DTSTART/);
    expect(
      parseNationalIcs(
        'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nX-YIZHAN-KIND:local_holiday\r\nEND:VEVENT\r\nEND:VCALENDAR',
        2027,
      ),
    ).toMatch(/只接受/);
  });
});

describe('iCalendar feed', () => {
  const calendar = new WorkCalendar({
    orgId: 't',
    national: packageNationalYears().values(),
    overrides: [
      { date: d('2026-04-20'), kind: 'local_holiday', name: '壮族三月三', orgId: 'c' },
      { date: d('2026-04-21'), kind: 'local_holiday', name: '壮族三月三', orgId: 'c' },
    ],
  });
  const days = daysInRange(d('2026-01-01'), d('2026-12-31')).map((date) => calendar.dayOf(date));
  const text = buildIcs({ name: '测试县 工作日历', uidPrefix: '450000000000', days, now: new Date('2026-10-15T01:00:00Z') });

  it('is a valid calendar of all-day events with CRLF lines of at most 75 octets', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('joins consecutive days into one event: 国庆 7 days, 三月三 2 days, each 调休 day alone', () => {
    expect(text).toContain('DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008\r\nSUMMARY:国庆节(休)');
    expect(text).toContain(
      'DTSTART;VALUE=DATE:20260420\r\nDTEND;VALUE=DATE:20260422\r\nSUMMARY:壮族三月三(休)\r\nCATEGORIES:本地假日\r\nX-YIZHAN-KIND:local_holiday',
    );
    expect(text).toContain('DTSTART;VALUE=DATE:20261010\r\nDTEND;VALUE=DATE:20261011\r\nSUMMARY:国庆节(班)\r\nCATEGORIES:调休上班');
    expect(text).toContain('DTSTAMP:20261015T010000Z');
  });

  it('reads back as the same national days (local days are refused by the national import)', () => {
    const national = buildIcs({
      name: 'n',
      uidPrefix: 'n',
      days: days.filter((day) => day.kind === 'holiday' || day.kind === 'adjusted_workday'),
      now: new Date(0),
    });
    expect(parseNationalIcs(national, 2026)).toEqual(packageNationalYears().get(2026)?.days);
    expect(parseNationalIcs(text, 2026)).toMatch(/local_holiday/);
  });
});
