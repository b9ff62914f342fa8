import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The deadline of an act at 23:30 Beijing time, computed in child processes under three machine
 * zones (changing process.env.TZ inside a running process is not reliable). At 23:30 Beijing it is
 * 15:30 in UTC and 08:30 in Los Angeles — inside office hours for code that read the local clock.
 */
const SCRIPT = `
  import { WorkCalendar } from './src/modules/calendar/rules.ts';
  import { computeDeadline, effectiveStartDate, deadlineProgress } from './src/modules/calendar/deadline.rules.ts';
  import { packageNationalYears } from './src/modules/calendar/national.ts';
  const calendar = new WorkCalendar({ orgId: null, national: packageNationalYears().values(), overrides: [] });
  const hours = [{ from: '08:30', to: '12:00' }, { from: '14:30', to: '17:30' }];
  const late = new Date('2026-09-30T23:30:00+08:00');
  const early = new Date('2026-10-09T00:30:00+08:00');
  const start = effectiveStartDate(calendar, late, hours, true);
  process.stdout.write(JSON.stringify({
    zoneOffset: new Date().getTimezoneOffset(),
    lateSameDay: effectiveStartDate(calendar, late, hours, false),
    lateNextDay: start,
    deadline: computeDeadline(calendar, start, 5),
    early: effectiveStartDate(calendar, early, hours, true),
    progress: deadlineProgress(calendar, '2026-09-29', '2026-10-10', early),
  }));
`;

describe('deadlines do not depend on the machine time zone', () => {
  it('gives the same answers under TZ=UTC, TZ=America/Los_Angeles and TZ=Asia/Shanghai', () => {
    const results = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai'].map(
      (zone) =>
        JSON.parse(
          execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
            cwd: ROOT,
            env: { ...process.env, TZ: zone },
          }).toString(),
        ) as Record<string, unknown> & { zoneOffset: number },
    );
    expect(new Set(results.map((result) => result.zoneOffset)).size).toBe(3);
    for (const { zoneOffset: _offset, ...result } of results) {
      expect(result).toEqual({
        lateSameDay: '2026-09-30',
        // 10-01..07 国庆 off: the act counts from 10-08; 5 working days: 10-09, 10-10 (Sat, worked), 10-12, 10-13, 10-14.
        lateNextDay: '2026-10-08',
        deadline: { start: '2026-10-08', days: 5, due: '2026-10-14', provisional: false },
        early: '2026-10-09',
        progress: { elapsed: 3, remaining: 1, isOverdue: false, provisional: false },
      });
    }
  });
});
