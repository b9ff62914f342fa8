import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import { runQueueDayEnd } from '../jobs.ts';

/** 预约 end to end through the API (the test clock: Thursday 2026-10-15 09:00 in Beijing; default office hours). */
let env: TestEnv;
let town: TownshipFixture;
let director: { authorization: string };
let clerk: { authorization: string };
let categoryId: string;

type Json = Record<string, unknown>;
const post = (url: string, payload: unknown, auth?: { authorization: string }, key: string = randomUUID()) =>
  env.app.inject({ method: 'POST', url, payload: payload as Json, headers: auth ? changeHeaders(auth, key) : { 'idempotency-key': key } });
const get = (url: string, auth?: { authorization: string }) => env.app.inject({ method: 'GET', url, ...(auth ? { headers: auth } : {}) });
const org = () => town.township.code;

/** The network edge: the SMS text waiting in the outbox for this phone. */
async function smsTo(phone: string): Promise<string[]> {
  const rows = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
    tx.query<{ message: string }>('select message from outbox where recipient = $1 order by created_at desc', [phone]),
  );
  return rows.rows.map((row) => row.message);
}
const lastSmsTo = async (phone: string) => (await smsTo(phone))[0] ?? '';

async function codeFor(phone: string): Promise<string> {
  env.clock.advance(61_000);
  const sent = await post('/api/public/queue/appointments/codes', { org: org(), phone });
  expect(sent.statusCode, sent.body).toBe(201);
  const code = /验证码为 (\d{6})/.exec(await lastSmsTo(phone))?.[1];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

async function book(phone: string, date: string, from: string) {
  return post('/api/public/queue/appointments', {
    org: org(),
    category: 'general',
    date,
    from,
    phone,
    code: await codeFor(phone),
    name: '王小明',
  });
}

beforeAll(async () => {
  env = await createTestEnv();
  const county = await createCounty(env);
  town = await createTownship(env, county.county);
  director = await signIn(env, town.director.username);
  clerk = await signIn(env, town.window.username);
  const created = await post(
    '/api/queue/categories',
    { orgId: town.township.id, code: 'general', name: '综合业务', prefix: 'A', windowIds: [town.windowId], slotCapacity: 1 },
    director,
  );
  expect(created.statusCode, created.body).toBe(201);
  categoryId = created.json<{ category: { id: string } }>().category.id;
}, 60_000);
afterAll(async () => env.close());

describe('slots', () => {
  it('offers the slots not yet begun from office hours on working days, with capacity', async () => {
    const response = await get(`/api/public/queue/appointments/slots?org=${org()}&category=general`);
    expect(response.statusCode, response.body).toBe(200);
    const days = response.json<{ days: { date: string; slots: { from: string; left: number; kind: string }[] }[] }>().days;
    expect(days[0]?.date).toBe('2026-10-15');
    expect(days[0]?.slots[0]).toMatchObject({ from: '09:30', left: 1, kind: 'regular' });
    // Saturday and Sunday have no slots until the director opens some.
    expect(days.map((day) => day.date)).not.toContain('2026-10-17');
  });

  it('adds the director’s 延时服务 (lunch break) and 非工作日预约 (a Saturday)', async () => {
    const lunch = await post(
      '/api/queue/appointment-sessions',
      { orgId: town.township.id, kind: 'extended', weekdays: [1, 2, 3, 4, 5], fromTime: '12:00', toTime: '14:30', capacity: 2 },
      director,
    );
    expect(lunch.statusCode, lunch.body).toBe(201);
    const saturday = await post(
      '/api/queue/appointment-sessions',
      { orgId: town.township.id, kind: 'non_working_day', onDate: '2026-10-17', fromTime: '09:00', toTime: '11:00', capacity: 3 },
      director,
    );
    expect(saturday.statusCode, saturday.body).toBe(201);
    const clerkTry = await post(
      '/api/queue/appointment-sessions',
      { orgId: town.township.id, kind: 'non_working_day', onDate: '2026-10-18', fromTime: '09:00', toTime: '11:00', capacity: 3 },
      clerk,
    );
    expect(clerkTry.statusCode).toBe(403);
    const days = (await get(`/api/public/queue/appointments/slots?org=${org()}&category=general`)).json<{
      days: { date: string; slots: { from: string; capacity: number; kind: string }[] }[];
    }>().days;
    expect(days[0]?.slots.find((slot) => slot.from === '12:00')).toMatchObject({ kind: 'extended', capacity: 2 });
    expect(days.find((day) => day.date === '2026-10-17')?.slots.map((slot) => slot.from)).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });
});

describe('booking with the phone verified by SMS', () => {
  let bookingNo = '';

  it('refuses a second code within a minute and a wrong code (counted), then books once with the right one', async () => {
    const phone = '13800000001';
    const code = await codeFor(phone);
    const tooSoon = await post('/api/public/queue/appointments/codes', { org: org(), phone });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json()).toMatchObject({ code: 'QUEUE_PHONE_CODE_TOO_SOON' });
    const wrong = await post('/api/public/queue/appointments', {
      org: org(),
      category: 'general',
      date: '2026-10-15',
      from: '10:00',
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ detail: string }>().detail).toContain('还可再试 4 次');
    const ok = await post('/api/public/queue/appointments', {
      org: org(),
      category: 'general',
      date: '2026-10-15',
      from: '10:00',
      phone,
      code,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    bookingNo = ok.json<{ booking: { bookingNo: string } }>().booking.bookingNo;
    expect((await smsTo(phone)).some((text) => text.includes(`预约号 ${bookingNo}`))).toBe(true);
    const qr = await get(`/api/public/queue/appointments/${bookingNo}/qr.svg?org=${org()}`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    const reuse = await post('/api/public/queue/appointments', {
      org: org(),
      category: 'general',
      date: '2026-10-15',
      from: '10:30',
      phone,
      code,
    });
    expect(reuse.json()).toMatchObject({ code: 'QUEUE_PHONE_CODE_INVALID' });
  });

  it('never books more than the slot holds', async () => {
    const full = await book('13800000002', '2026-10-15', '10:00');
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'QUEUE_SLOT_FULL' });
    const past = await book('13800000002', '2026-10-15', '08:30');
    expect(past.json()).toMatchObject({ code: 'QUEUE_SLOT_UNAVAILABLE' });
  });

  it('reschedules and cancels with the booking number and a fresh code', async () => {
    const phone = '13800000003';
    const made = await book(phone, '2026-10-16', '09:00');
    expect(made.statusCode, made.body).toBe(201);
    const no = made.json<{ booking: { bookingNo: string } }>().booking.bookingNo;
    const otherPhone = await post('/api/public/queue/appointments/cancel', {
      org: org(),
      bookingNo: no,
      phone: '13800000002',
      code: await codeFor('13800000002'),
    });
    expect(otherPhone.statusCode).toBe(404);
    const moved = await post('/api/public/queue/appointments/reschedule', {
      org: org(),
      bookingNo: no,
      phone,
      code: await codeFor(phone),
      date: '2026-10-16',
      from: '09:30',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ booking: { from: '09:30', status: 'booked' } });
    // The 09:00 place is free again.
    expect((await book('13800000004', '2026-10-16', '09:00')).statusCode).toBe(201);
    const cancelled = await post('/api/public/queue/appointments/cancel', { org: org(), bookingNo: no, phone, code: await codeFor(phone) });
    expect(cancelled.json()).toMatchObject({ booking: { status: 'cancelled', statusLabel: '已取消' } });
  });

  it('checks in at the kiosk within the slot window only, giving an appointment priority ticket', async () => {
    const early = await post('/api/public/queue/appointments/check-in', { org: org(), bookingNo });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail: string }>().detail).toContain('09:30 以后签到');
    env.clock.set(new Date('2026-10-15T09:45:00+08:00'));
    const ticket = await post('/api/public/queue/appointments/check-in', { org: org(), bookingNo });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(ticket.json()).toMatchObject({ ticketNo: 'A001', ahead: 0 });
    // The test clock has moved past the idle session limit: the clerk signs in again.
    clerk = await signIn(env, town.window.username);
    const called = await post(`/api/queue/windows/${town.windowId}/call-next`, {}, clerk);
    expect(called.json()).toMatchObject({ ticket: { ticketNo: 'A001' } });
    const again = await post('/api/public/queue/appointments/check-in', { org: org(), bookingNo });
    expect(again.statusCode).toBe(404);
    const row = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ priority: string; channel: string }>(
        `select priority, channel from queue_tickets where ticket_no = 'A001' and org_id = $1`,
        [town.township.id],
      ),
    );
    expect(row.rows[0]).toEqual({ priority: 'appointment', channel: 'appointment' });
    // 大厅统计 counts appointment use: bookings for the day and those who came and checked in.
    director = await signIn(env, town.director.username);
    const figures = await get(`/api/queue/figures?orgId=${town.township.id}&from=2026-10-15&to=2026-10-15`, director);
    expect(figures.statusCode, figures.body).toBe(200);
    const total = figures.json<{ total: { booked: number; checkedIn: number } }>().total;
    expect(total.checkedIn).toBe(1);
    expect(total.booked).toBeGreaterThanOrEqual(1);
  });
});

describe('no-shows and staff bookings', () => {
  it('records no-shows at day end and bars the phone after three in 90 days, saying until when', async () => {
    const phone = '13900000009';
    for (const date of ['2026-10-15', '2026-10-16']) expect((await book(phone, date, '16:00')).statusCode).toBe(201);
    await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query(
        `insert into queue_appointments (org_id, category_id, kind, on_date, slot_from, slot_to, phone, status, code, created_at, changed_at)
         values ($1, $2, 'online', '2026-09-01', '09:00', '09:30', $3, 'no_show', '999999', now(), now())`,
        [town.township.id, categoryId, phone],
      ),
    );
    env.clock.set(new Date('2026-10-17T08:00:00+08:00'));
    await runQueueDayEnd(env.db, env.clock.now());
    const banned = await book(phone, '2026-10-17', '09:00');
    expect(banned.statusCode).toBe(409);
    expect(banned.json()).toMatchObject({ code: 'QUEUE_BOOKING_BANNED', until: '2026-11-15' });
    expect(banned.json<{ detail: string }>().detail).toContain('2026-11-15 起才能再次预约');
  });

  it('lets a clerk book for a caller (电话预约) and a home visit assigned to a village agent', async () => {
    clerk = await signIn(env, town.window.username);
    director = await signIn(env, town.director.username);
    const phoneCall = await post(
      '/api/queue/appointments',
      { orgId: town.township.id, categoryId, kind: 'phone', date: '2026-10-19', from: '09:00', name: '李大爷', phone: '13700000001' },
      clerk,
    );
    expect(phoneCall.statusCode, phoneCall.body).toBe(201);
    expect(phoneCall.json()).toMatchObject({ appointment: { kindLabel: '电话预约', phone: '137****0001' } });
    // The clerk (who manages no accounts) is offered the center's staff and its villages' agents to assign.
    const offered = await get(`/api/queue/appointment-assignees?orgId=${town.township.id}`, clerk);
    expect(offered.statusCode, offered.body).toBe(200);
    const assignees = offered.json<{ assignees: { id: string; role: string }[] }>().assignees;
    expect(assignees).toContainEqual(expect.objectContaining({ id: town.agent.id, role: 'agent' }));
    expect(assignees).toContainEqual(expect.objectContaining({ id: town.window.id, role: 'window_staff' }));
    const visit = await post(
      '/api/queue/appointments',
      {
        orgId: town.township.id,
        categoryId,
        kind: 'home_visit',
        date: '2026-10-19',
        from: '15:00',
        to: '16:00',
        name: '张奶奶',
        phone: '13700000002',
        address: '一组 12 号',
        assigneeId: town.agent.id,
      },
      clerk,
    );
    expect(visit.statusCode, visit.body).toBe(201);
    const schedule = await get(`/api/queue/appointments?orgId=${town.township.id}&date=2026-10-19`, director);
    expect(schedule.statusCode).toBe(200);
    const body = schedule.json<{ appointments: { kind: string }[]; categories: { slots: { from: string; left: number }[] }[] }>();
    expect(body.appointments.map((a) => a.kind).sort()).toEqual(['home_visit', 'phone']);
    expect(body.categories[0]?.slots.find((slot) => slot.from === '09:00')?.left).toBe(0);
  });
});
