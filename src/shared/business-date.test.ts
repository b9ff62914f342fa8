import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  businessDateOf,
  instantAt,
  isBusinessDate,
  minuteOfDayOf,
  weekdayOf,
  type BusinessDate,
} from './business-date.ts';

describe('business dates are Asia/Shanghai', () => {
  it('puts 23:30 Beijing time on that Beijing day, and 00:30 on the next', () => {
    expect(businessDateOf(new Date('2026-09-30T23:30:00+08:00'))).toBe('2026-09-30');
    expect(businessDateOf(new Date('2026-10-01T00:30:00+08:00'))).toBe('2026-10-01');
    expect(minuteOfDayOf(new Date('2026-09-30T23:30:00+08:00'))).toBe(23 * 60 + 30);
    expect(instantAt('2026-10-08' as BusinessDate, '17:30').toISOString()).toBe('2026-10-08T09:30:00.000Z');
  });

  it('gives the same dates whatever the machine zone (child processes under TZ=UTC and TZ=America/Los_Angeles)', () => {
    const script = `
      import { businessDateOf } from './src/shared/business-date.ts';
      process.stdout.write(JSON.stringify([businessDateOf(new Date('2026-09-30T23:30:00+08:00')), new Date().getTimezoneOffset()]));
    `;
    const results = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai'].map(
      (zone) =>
        JSON.parse(
          execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
            env: { ...process.env, TZ: zone },
          }).toString(),
        ) as [string, number],
    );
    expect(results.map(([date]) => date)).toEqual(['2026-09-30', '2026-09-30', '2026-09-30']);
    expect(new Set(results.map(([, offset]) => offset)).size).toBe(3);
  });

  it('refuses impossible dates and does calendar arithmetic across months and years', () => {
    expect(isBusinessDate('2026-02-29')).toBe(false);
    expect(isBusinessDate('2028-02-29')).toBe(true);
    expect(isBusinessDate('2026-13-01')).toBe(false);
    expect(addCalendarDays('2026-12-31' as BusinessDate, 1)).toBe('2027-01-01');
    expect(weekdayOf('2026-10-01' as BusinessDate)).toBe(4);
  });
});
