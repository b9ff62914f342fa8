import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createTownship, type CountyFixture, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  town = await createTownship(env, county.county);
});
afterAll(async () => env.close());

const get = (url: string) => env.app.inject({ method: 'GET', url });

describe('GET /api/calendar/now (public)', () => {
  it('tells the server’s clock (YIZHAN_CLOCK in a demo) and its Beijing date, never to be cached', async () => {
    // 23:30 in Beijing is still the 15th there, though it is the 15th 15:30 in UTC; the next minute of the clock shows.
    env.clock.set(new Date('2026-10-15T23:30:00.250+08:00'));
    const response = await get('/api/calendar/now');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ now: '2026-10-15T15:30:00.250Z', today: '2026-10-15' });
    env.clock.set(new Date('2026-10-16T00:10:00+08:00'));
    expect((await get('/api/calendar/now')).json()).toEqual({ now: '2026-10-15T16:10:00.000Z', today: '2026-10-16' });
  });
});

describe('GET /api/calendar/deadline (public)', () => {
  it('answers without sign-in: 1 working day from the eve of 国庆 2026 is 10-08', async () => {
    const response = await get('/api/calendar/deadline?start=2026-09-30&days=1');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ start: '2026-09-30', days: 1, due: '2026-10-08', provisional: false });
  });

  it('accepts days = 0 and days = 365 and an org code', async () => {
    expect((await get('/api/calendar/deadline?start=2026-10-03&days=0')).json()).toMatchObject({ due: '2026-10-08' });
    expect((await get('/api/calendar/deadline?start=2025-01-02&days=365')).statusCode).toBe(200);
    const withOrg = await get(`/api/calendar/deadline?start=2026-10-15&days=5&org=${town.township.code}`);
    expect(withOrg.json()).toEqual({ start: '2026-10-15', days: 5, due: '2026-10-22', provisional: false });
  });

  it('flags a deadline that reaches into a year without national data as provisional', async () => {
    const response = await get('/api/calendar/deadline?start=2099-12-20&days=20');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ provisional: true });
    expect((await get('/api/calendar/deadline?start=2026-12-01&days=5')).json()).toMatchObject({ provisional: false });
  });

  it.each([
    ['start=2026-02-30&days=5', /开始日期/],
    ['start=2026/10/01&days=5', /YYYY-MM-DD/],
    ['days=5', /开始日期/],
    ['start=2026-10-01&days=366', /0 到 365/],
    ['start=2026-10-01&days=-1', /0 到 365/],
    ['start=2026-10-01&days=abc', /0 到 365/],
    ['start=2026-10-01', /工作日数/],
    ['start=2026-10-01&days=5&org=12', /12 位区划代码/],
    ['start=2026-10-01&days=5&extra=1', /./],
  ])('400 problem+json in Chinese for %s', async (query, message) => {
    const response = await get(`/api/calendar/deadline?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json<{ code: string; detail: string }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.detail).toMatch(message);
    expect(body.detail).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('400 for an org code nobody has', async () => {
    const response = await get('/api/calendar/deadline?start=2026-10-01&days=5&org=999999999999');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'CALENDAR_ORG_UNKNOWN', detail: expect.stringContaining('999999999999') as unknown });
  });
});

describe('GET /api/calendar/days (public)', () => {
  it('lists each day with its kind and name', async () => {
    const response = await get('/api/calendar/days?from=2026-09-19&to=2026-10-12');
    expect(response.statusCode).toBe(200);
    const { days, provisional } = response.json<{
      days: { date: string; workday: boolean; kind: string; name?: string }[];
      provisional: boolean;
    }>();
    expect(provisional).toBe(false);
    expect(days).toHaveLength(24);
    const byDate = new Map(days.map((day) => [day.date, day]));
    expect(byDate.get('2026-09-19')).toEqual({ date: '2026-09-19', workday: false, kind: 'weekend', provisional: false });
    expect(byDate.get('2026-09-20')).toEqual({
      date: '2026-09-20',
      workday: true,
      kind: 'adjusted_workday',
      name: '国庆节',
      provisional: false,
    });
    expect(byDate.get('2026-09-22')).toEqual({ date: '2026-09-22', workday: true, kind: 'workday', provisional: false });
    expect(byDate.get('2026-09-25')).toMatchObject({ workday: false, kind: 'holiday', name: '中秋' });
    expect(byDate.get('2026-10-01')).toMatchObject({ workday: false, kind: 'holiday', name: '国庆节' });
    expect(byDate.get('2026-10-10')).toMatchObject({ workday: true, kind: 'adjusted_workday' });
  });

  it('refuses more than 400 days, a reversed range and a bad date', async () => {
    expect((await get('/api/calendar/days?from=2026-01-01&to=2027-02-04')).statusCode).toBe(200);
    const tooMany = await get('/api/calendar/days?from=2026-01-01&to=2027-02-05');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<{ detail: string }>().detail).toMatch(/最多查询 400 天/);
    expect((await get('/api/calendar/days?from=2026-10-10&to=2026-10-01')).json()).toMatchObject({ code: 'CALENDAR_RANGE_INVALID' });
    expect((await get('/api/calendar/days?from=2026-13-01&to=2026-10-01')).statusCode).toBe(400);
  });

  it('marks days of an unknown year provisional', async () => {
    const response = await get('/api/calendar/days?from=2099-01-01&to=2099-01-03');
    expect(response.json()).toMatchObject({
      provisional: true,
      days: [{ date: '2099-01-01', kind: 'workday', provisional: true }, {}, {}],
    });
  });
});

describe('GET /api/calendar/<org code>.ics (public)', () => {
  it('serves the org feed as text/calendar with the national holidays and 调休 days', async () => {
    const response = await get(`/api/calendar/${town.township.code}.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.body).toContain('BEGIN:VCALENDAR');
    expect(response.body).toContain(`X-WR-CALNAME:${county.county.name} ${town.township.name} 工作日历`);
    expect(response.body).toContain('DTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008\r\nSUMMARY:国庆节(休)');
    expect(response.body).toContain('DTSTART;VALUE=DATE:20261010\r\nDTEND;VALUE=DATE:20261011\r\nSUMMARY:国庆节(班)');
    // Last year, this year (the clock says 2026) and next year where known.
    expect(response.body).toContain('DTSTART;VALUE=DATE:20250128');
    expect(response.body).not.toContain('DTSTART;VALUE=DATE:2024');
  });

  it('404 for an unknown org, 400 for a name that is not <12 digits>.ics', async () => {
    expect((await get('/api/calendar/999999999999.ics')).statusCode).toBe(404);
    expect((await get('/api/calendar/abc.ics')).statusCode).toBe(400);
  });
});

describe('GET /api/calendar/national-years (public)', () => {
  it('lists the package years with their counts', async () => {
    const response = await get('/api/calendar/national-years');
    expect(response.statusCode).toBe(200);
    const years = response.json<{ years: { year: number; source: string; holidays: number; adjustedWorkdays: number }[] }>().years;
    expect(years.find((year) => year.year === 2026)).toMatchObject({ source: 'package', holidays: 33, adjustedWorkdays: 6 });
    expect(years.find((year) => year.year === 2025)).toMatchObject({ source: 'package', holidays: 28, adjustedWorkdays: 5 });
  });
});
