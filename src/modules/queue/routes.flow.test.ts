import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

/** The hall end to end through the API: setup, the kiosk, calling, the screen, finishing with a case, the rating pad. */
let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let director: { authorization: string };
let clerk: { authorization: string };
let categoryB: { id: string; code: string };

type Json = Record<string, unknown>;
const post = (url: string, payload: unknown, auth?: { authorization: string }, key: string = randomUUID()) =>
  env.app.inject({ method: 'POST', url, payload: payload as Json, headers: auth ? changeHeaders(auth, key) : { 'idempotency-key': key } });
const get = (url: string, auth?: { authorization: string }) => env.app.inject({ method: 'GET', url, ...(auth ? { headers: auth } : {}) });

async function take(category: string, extra: Json = {}, key?: string) {
  // A second apart, as people come to a kiosk: the queue order between categories is by time.
  env.clock.advance(1000);
  return post('/api/public/queue/tickets', { org: town.township.code, category, ...extra }, undefined, key);
}

async function callNext(auth = clerk) {
  const response = await post(`/api/queue/windows/${town.windowId}/call-next`, {}, auth);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ ticket: { id: string; ticketNo: string; category: string } | null }>().ticket;
}

beforeAll(async () => {
  env = await createTestEnv();
  const county = await createCounty(env);
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  director = await signIn(env, town.director.username);
  clerk = await signIn(env, town.window.username);
  for (const [code, prefix] of [
    ['general', 'A'],
    ['social', 'B'],
  ] as const) {
    const response = await post(
      '/api/queue/categories',
      { orgId: town.township.id, code, name: `${code}业务`, prefix, windowIds: [town.windowId] },
      director,
    );
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json<{ category: { id: string } }>().category.id;
    if (code === 'social') categoryB = { id, code };
  }
}, 60_000);
afterAll(async () => env.close());

describe('setup', () => {
  it('lists the categories publicly with the number waiting (the API contract)', async () => {
    const response = await get(`/api/public/queue/categories?org=${town.township.code}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      categories: [
        { code: 'general', name: 'general业务', prefix: 'A', waiting: 0 },
        { code: 'social', name: 'social业务', prefix: 'B', waiting: 0 },
      ],
    });
  });

  it('refuses a prefix another active category uses, and a window of another township', async () => {
    const prefix = await post('/api/queue/categories', { orgId: town.township.id, code: 'dup', name: '重复类别', prefix: 'A' }, director);
    expect(prefix.json()).toMatchObject({ code: 'QUEUE_CATEGORY_EXISTS' });
    const window = await post(
      '/api/queue/categories',
      { orgId: town.township.id, code: 'x', name: '越权窗口', prefix: 'X', windowIds: [other.windowId] },
      director,
    );
    expect(window.json()).toMatchObject({ code: 'QUEUE_WINDOW_INVALID' });
  });

  it('is not for a clerk, nor for another township', async () => {
    expect(
      (await post('/api/queue/categories', { orgId: town.township.id, code: 'c', name: '窗口建类', prefix: 'C' }, clerk)).statusCode,
    ).toBe(403);
    const stranger = await signIn(env, other.director.username);
    const response = await post('/api/queue/categories', { orgId: town.township.id, code: 'c', name: '他镇建类', prefix: 'C' }, stranger);
    expect(response.json()).toMatchObject({ code: 'QUEUE_ORG_NOT_FOUND' });
  });
});

describe('a morning at one window', () => {
  it('takes tickets, calls them in order, and tells each holder how many are ahead', async () => {
    const first = await take('general', { phone: '13977610001', name: '张三' });
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json<{ id: string; ticketNo: string; ahead: number; estimatedWaitMinutes: number }>();
    expect(Object.keys(body).sort()).toEqual(['ahead', 'estimatedWaitMinutes', 'id', 'ticketNo']);
    expect(body).toMatchObject({ ticketNo: 'A001', ahead: 0, estimatedWaitMinutes: 0 });
    const second = (await take('general')).json<{ ticketNo: string; ahead: number; estimatedWaitMinutes: number }>();
    expect(second).toMatchObject({ ticketNo: 'A002', ahead: 1, estimatedWaitMinutes: 10 });

    // One phone, one live ticket per category; the same key replays the same ticket.
    const again = await take('general', { phone: '13977610001' });
    expect(again.json()).toMatchObject({ code: 'QUEUE_TICKET_LIMIT' });
    const key = randomUUID();
    const b1 = await take('social', { phone: '13977610001' }, key);
    const b1Again = await take('social', { phone: '13977610001' }, key);
    expect(b1Again.json()).toEqual(b1.json());

    const called = await callNext();
    expect(called).toEqual({ id: body.id, ticketNo: 'A001', category: 'general' });
    const display = (await get(`/api/public/queue/display?org=${town.township.code}`)).json<{
      calls: Json[];
      categories: Json[];
      windows: Json[];
    }>();
    expect(display.calls[0]).toMatchObject({ ticketNo: 'A001', windowNumber: '1', maskedName: '张*', status: 'called' });
    expect(JSON.stringify(display)).not.toContain('张三');
    expect(JSON.stringify(display)).not.toContain(body.id);
    expect(display.windows[0]).toMatchObject({ number: '1', status: 'open', current: { ticketNo: 'A001' } });

    // A second call while one is at the window is refused with what may be done.
    const busy = await post(`/api/queue/windows/${town.windowId}/call-next`, {}, clerk);
    expect(busy.json()).toMatchObject({ code: 'QUEUE_WINDOW_BUSY', allowedActs: ['recall', 'start', 'no-show', 'transfer', 'finish'] });

    const recalled = await post(`/api/queue/tickets/${body.id}/recall`, {}, clerk);
    expect(recalled.json()).toMatchObject({ ticket: { callCount: 2, status: 'called' } });
    env.clock.advance(60_000);
    expect((await post(`/api/queue/tickets/${body.id}/start`, {}, clerk)).json()).toMatchObject({ ticket: { status: 'serving' } });
    env.clock.advance(5 * 60_000);
    const finished = await post(`/api/queue/tickets/${body.id}/finish`, { consultation: '咨询低保条件' }, clerk);
    expect(finished.json()).toMatchObject({ ticket: { status: 'finished', outcome: 'consultation' } });
    // The public follow page shows status, never the name or phone.
    const followed = await get(`/api/public/queue/tickets/${body.id}?org=${town.township.code}`);
    expect(followed.json()).toMatchObject({ ticketNo: 'A001', status: 'finished', hasPhone: true });
    expect(followed.body).not.toContain('13977610001');
  });

  it('no-show, rejoin within the limit, and transfer to another category', async () => {
    const next = await callNext();
    expect(next?.ticketNo).toMatch(/^[AB]00\d$/);
    const id = next?.id ?? '';
    const noShow = await post(`/api/queue/tickets/${id}/no-show`, {}, clerk);
    expect(noShow.json()).toMatchObject({ ticket: { status: 'no_show', allowedActs: ['rejoin'] } });
    const rejoined = await post(`/api/public/queue/tickets/${id}/rejoin`, { org: town.township.code });
    expect(rejoined.json()).toEqual({ status: 'waiting' });
    const nextAgain = await callNext();
    expect(nextAgain?.id).not.toBe(undefined);
    const transferred = await post(`/api/queue/tickets/${nextAgain?.id ?? ''}/transfer`, { categoryId: categoryB.id }, clerk);
    expect(transferred.json()).toMatchObject({ ticket: { status: 'waiting', categoryId: categoryB.id } });
    // Drain the queue: every call returns a different ticket until nobody waits.
    const seen = new Set<string>();
    for (;;) {
      const ticket = await callNext();
      if (!ticket) break;
      expect(seen.has(ticket.id)).toBe(false);
      seen.add(ticket.id);
      if (ticket.id === id) {
        // Already rejoined once (the limit is 1): a second no-show cannot rejoin.
        await post(`/api/queue/tickets/${ticket.id}/no-show`, {}, clerk);
        const refused = await post(`/api/public/queue/tickets/${ticket.id}/rejoin`, { org: town.township.code });
        expect(refused.json()).toMatchObject({ code: 'QUEUE_TICKET_STATE' });
        continue;
      }
      await post(`/api/queue/tickets/${ticket.id}/finish`, {}, clerk);
    }
    expect(await callNext()).toBeNull();
  });

  it('finishes with a case opened from the ticket; the pad rates it once, bound to the case and the clerk', async () => {
    const taken = (await take('general', { name: '韦光明', phone: '13977612345', idNumber: '451029195001010017' })).json<{ id: string }>();
    const ticket = await callNext();
    expect(ticket?.id).toBe(taken.id);
    const applicant = await post(`/api/queue/tickets/${taken.id}/applicant`, {}, clerk);
    expect(applicant.json()).toEqual({ name: '韦光明', phone: '13977612345', idNumber: '451029195001010017' });
    const opened = await post(
      '/api/cases',
      {
        itemCode: 'LB-001',
        applicant: { type: 'person', ...applicant.json<Json>() },
        materials: [{ name: '申请人居民身份证', received: true }],
      },
      clerk,
    );
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json<{ id: string }>().id;
    // A case of another township cannot be attached.
    const foreign = await post(`/api/queue/tickets/${taken.id}/finish`, { caseIds: [randomUUID()] }, clerk);
    expect(foreign.json()).toMatchObject({ code: 'QUEUE_CASE_NOT_FOUND' });
    const finished = await post(`/api/queue/tickets/${taken.id}/finish`, { caseIds: [caseId] }, clerk);
    expect(finished.json()).toMatchObject({ ticket: { status: 'finished', outcome: 'case', caseIds: [caseId] } });

    // The director pairs a pad for the window; the pad sees the finished service and the citizen rates it.
    const device = await post('/api/queue/devices', { windowId: town.windowId, name: '1号窗评价器' }, director);
    expect(device.statusCode, device.body).toBe(201);
    const pairingCode = device.json<{ pairingCode: string }>().pairingCode;
    const paired = await post('/api/public/queue/pads/pair', { org: town.township.code, code: pairingCode });
    expect(paired.statusCode, paired.body).toBe(200);
    const token = paired.json<{ token: string }>().token;
    expect((await post('/api/public/queue/pads/pair', { org: town.township.code, code: pairingCode })).json()).toMatchObject({
      code: 'QUEUE_PAIRING_INVALID',
    });
    const padHeaders = (key = randomUUID()) => ({ 'x-hall-device': token, 'idempotency-key': key });
    const current = await env.app.inject({ method: 'GET', url: '/api/public/queue/pads/current', headers: { 'x-hall-device': token } });
    expect(current.json()).toMatchObject({ pending: { ticketId: taken.id, ticketNo: ticket?.ticketNo } });
    const display = (await get(`/api/public/queue/display?org=${town.township.code}`)).json<{ windows: Json[] }>();
    expect(display.windows[0]).toMatchObject({ isAwaitingRating: true });

    // The clerk has no way to rate: staff routes do not write ratings, and the pad route wants the pad's token.
    const asClerk = await env.app.inject({
      method: 'POST',
      url: '/api/public/queue/pads/ratings',
      headers: changeHeaders(clerk),
      payload: { ticketId: taken.id, level: 'very_satisfied' },
    });
    expect(asClerk.json()).toMatchObject({ code: 'QUEUE_DEVICE_UNKNOWN' });

    const rated = await env.app.inject({
      method: 'POST',
      url: '/api/public/queue/pads/ratings',
      headers: padHeaders(),
      payload: { ticketId: taken.id, level: 'satisfied' },
    });
    expect(rated.statusCode, rated.body).toBe(201);
    const twice = await env.app.inject({
      method: 'POST',
      url: '/api/public/queue/pads/ratings',
      headers: padHeaders(),
      payload: { ticketId: taken.id, level: 'very_dissatisfied' },
    });
    expect(twice.json()).toMatchObject({ code: 'QUEUE_RATING_CLOSED' });
    const ratings = await get(`/api/queue/ratings?caseId=${caseId}`, clerk);
    expect(ratings.json()).toMatchObject({
      ratings: [{ ticketId: taken.id, level: 'satisfied', levelLabel: '满意', caseIds: [caseId], staffId: town.window.id }],
    });
    const stored = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query('select level, staff_id, case_ids from queue_ratings where ticket_id = $1', [taken.id]),
    );
    expect(stored.rows).toEqual([{ level: 'satisfied', staff_id: town.window.id, case_ids: [caseId] }]);
    // 一次一评: the pad's touch is the county's 好差评 record too (the ratings module), without the rater in staff views.
    const county = await get(`/api/ratings?month=${env.clock.now().toISOString().slice(0, 7)}`, clerk);
    expect(county.json()).toMatchObject({
      ratings: [{ channel: 'window_pad', level: 'satisfied', windowNumber: '1', isDefaulted: false }],
    });
    expect(county.body).not.toContain('韦光明');
    expect(county.body).not.toContain('13977612345');
  });

  it('gives an ID number of 70 or more the elderly priority, at most one before every 3 normal tickets', async () => {
    const normal = [];
    for (let i = 0; i < 4; i++) normal.push((await take('general')).json<{ id: string }>().id);
    const elderly = (await take('general', { idNumber: '451029195001010017' })).json<{ id: string }>();
    const elderly2 = (await take('general', { idNumber: '451029194501010019' })).json<{ id: string }>();
    const order: string[] = [];
    for (;;) {
      const ticket = await callNext();
      if (!ticket) break;
      order.push(ticket.id);
      await post(`/api/queue/tickets/${ticket.id}/finish`, {}, clerk);
    }
    // The 76-year-old of the test before was the last priority call: three normal tickets first, then one
    // elderly, then a normal one, and the second elderly when no normal ticket is left.
    expect(order).toEqual([normal[0], normal[1], normal[2], elderly.id, normal[3], elderly2.id]);
  });
});
