import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

/**
 * National years are shared by every org of a database, so these tests run on a database of their
 * own (on PostgreSQL a throwaway one): importing 2027 here must not make 2027 known elsewhere.
 * The 2027 and 2028 days below are made-up fixtures, not the real notices.
 */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-11-20T09:00:00+08:00', isolated: true });
  county = await createCounty(env);
  town = await createTownship(env, county.county);
});
afterAll(async () => env.close());

const FIXTURE_2027 = {
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-06', kind: 'holiday', name: '春节' },
    { date: '2027-02-07', kind: 'holiday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
    { date: '2027-02-10', kind: 'holiday', name: '春节' },
    { date: '2027-02-11', kind: 'holiday', name: '春节' },
    { date: '2027-02-12', kind: 'holiday', name: '春节' },
    { date: '2027-02-13', kind: 'holiday', name: '春节' },
    { date: '2027-02-14', kind: 'adjusted_workday', name: '春节' },
    { date: '2027-02-20', kind: 'adjusted_workday', name: '春节' },
  ],
};

const FIXTURE_2028_ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//fixture//ZH',
  'BEGIN:VEVENT',
  'UID:a@test',
  'DTSTART;VALUE=DATE:20280101',
  'DTEND;VALUE=DATE:20280104',
  'SUMMARY:元旦(休)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:b@test',
  'DTSTART;VALUE=DATE:20280108',
  'DTEND;VALUE=DATE:20280109',
  'SUMMARY:元旦(班)',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

async function enterYear(username: string, payload: Record<string, unknown>, key?: string) {
  const auth = await signIn(env, username);
  return env.app.inject({ method: 'POST', url: '/api/calendar/national-years', headers: changeHeaders(auth, key), payload });
}

const deadline = async (query: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/calendar/deadline?${query}` })).json<Record<string, unknown>>();

describe('a year the package lacks', () => {
  it('is provisional until entered: only weekends rest, and the answer says so', async () => {
    expect(await deadline('start=2026-12-31&days=1')).toEqual({ start: '2026-12-31', days: 1, due: '2027-01-01', provisional: true });
    const years = (await env.app.inject({ method: 'GET', url: '/api/calendar/national-years' })).json<{ years: { year: number }[] }>()
      .years;
    expect(years.some((year) => year.year === 2027)).toBe(false);
  });

  it('may be entered by a county administrator only', async () => {
    const response = await enterYear(town.director.username, { year: 2027, format: 'json', content: JSON.stringify(FIXTURE_2027) });
    expect(response.statusCode).toBe(403);
  });

  it('imported from JSON: deadlines into it become final and follow its holidays, with replay by key', async () => {
    const key = randomUUID();
    const payload = { year: 2027, document: '测试夹具（非真实通知）', format: 'json', content: JSON.stringify(FIXTURE_2027) };
    const response = await enterYear(county.admin.username, payload, key);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ year: { year: 2027, source: 'json', holidays: 9, adjustedWorkdays: 2, version: 1 } });
    const replay = await enterYear(county.admin.username, payload, key);
    expect(replay.json()).toEqual(response.json());
    expect(await deadline('start=2026-12-31&days=1')).toEqual({ start: '2026-12-31', days: 1, due: '2027-01-04', provisional: false });
    // 2-05 (Fri) + 1: 2-06..13 off, 2-14 (Sun) worked.
    expect(await deadline('start=2027-02-05&days=1')).toMatchObject({ due: '2027-02-14', provisional: false });
    // Still provisional when it reaches 2028.
    expect(await deadline('start=2027-12-20&days=20')).toMatchObject({ provisional: true });
    const days = (
      await env.app.inject({ method: 'GET', url: `/api/calendar/days?from=2027-02-13&to=2027-02-14&org=${town.village.code}` })
    ).json<unknown>();
    expect(days).toMatchObject({
      provisional: false,
      days: [
        { date: '2027-02-13', kind: 'holiday', workday: false, name: '春节' },
        { date: '2027-02-14', kind: 'adjusted_workday', workday: true },
      ],
    });
  });

  it('imported from iCalendar', async () => {
    const response = await enterYear(county.admin.username, { year: 2028, format: 'ics', content: FIXTURE_2028_ICS });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ year: { year: 2028, source: 'ics', holidays: 3, adjustedWorkdays: 1 } });
    expect(await deadline('start=2027-12-31&days=1')).toMatchObject({ due: '2028-01-04', provisional: false });
    const feed = await env.app.inject({ method: 'GET', url: `/api/calendar/${town.township.code}.ics` });
    expect(feed.body).toContain('DTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270214\r\nSUMMARY:春节(休)');
  });

  it('entered day by day, replacing what was entered before', async () => {
    const response = await enterYear(county.admin.username, {
      year: 2028,
      document: '更正',
      days: [
        { date: '2028-01-01', kind: 'holiday', name: '元旦' },
        { date: '2028-01-02', kind: 'holiday', name: '元旦' },
      ],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      year: { year: 2028, source: 'manual', holidays: 2, adjustedWorkdays: 0, version: 2, document: '更正' },
    });
    expect(await deadline('start=2027-12-31&days=1')).toMatchObject({ due: '2028-01-03' });
  });

  it('refuses an import it cannot trust, saying why', async () => {
    const weekday = await enterYear(county.admin.username, {
      year: 2029,
      days: [
        { date: '2029-01-01', kind: 'holiday', name: '元旦' },
        { date: '2029-01-03', kind: 'adjusted_workday', name: '元旦' },
      ],
    });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json<{ detail: string }>().detail).toMatch(/不是周六或周日/);
    const broken = await enterYear(county.admin.username, { year: 2029, format: 'ics', content: 'not a calendar' });
    expect(broken.json()).toMatchObject({ code: 'CALENDAR_YEAR_INVALID', detail: expect.stringMatching(/iCalendar/) as unknown });
    const empty = await enterYear(county.admin.username, { year: 2029, format: 'ics', content: FIXTURE_2028_ICS });
    expect(empty.json<{ detail: string }>().detail).toMatch(/没有任何法定节假日/);
  });

  it('does not overwrite a package year unless told to', async () => {
    const refused = await enterYear(county.admin.username, { year: 2026, days: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CALENDAR_YEAR_IN_PACKAGE' });
    expect(await deadline('start=2026-09-30&days=1')).toMatchObject({ due: '2026-10-08' });
  });
});
