import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { uniqueMobile } from '../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

/** 投诉·举报 (GB/T 36113): the public two-step filing, the acts, idempotency and the 查询码. */
let env: TestEnv;
let town: TownshipFixture;
type Auth = { authorization: string };
let director: Auth;
let clerk: Auth;

interface View {
  id: string;
  status: string;
  version: number;
  allowedActs: string[];
  answerDueOn: string | null;
  decideDueOn: string;
  warning: string;
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' }); // a Thursday
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  director = await signIn(env, town.director.username);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

const publicPost = (url: string, payload: Record<string, unknown>, key: string = randomUUID()) =>
  env.app.inject({ method: 'POST', url, headers: { 'idempotency-key': key }, payload });

async function smsTo(phone: string): Promise<string[]> {
  const rows = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
    tx.query<{ message: string }>('select message from outbox where recipient = $1 order by created_at desc', [phone]),
  );
  return rows.rows.map((row) => row.message);
}

async function codeFor(phone: string): Promise<string> {
  env.clock.advance(61_000);
  const sent = await publicPost('/api/public/complaints/codes', { org: town.township.code, phone });
  expect(sent.statusCode, sent.body).toBe(201);
  const code = /验证码为 (\d{6})/.exec((await smsTo(phone))[0] ?? '')?.[1];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

async function view(id: string, auth: Auth = director): Promise<View> {
  const response = await env.app.inject({ method: 'GET', url: `/api/complaints/${id}`, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<View>();
}

async function act(id: string, name: string, payload: Record<string, unknown>, auth: Auth = director, key?: string) {
  return env.app.inject({
    method: 'POST',
    url: `/api/complaints/${id}/${name}`,
    headers: changeHeaders(auth, key),
    payload: { version: (await view(id, auth)).version, ...payload },
  });
}

describe('public filing', () => {
  it('files an anonymous complaint and shows its stage by the code, nothing about staff', async () => {
    const filed = await publicPost('/api/public/complaints', { org: town.township.code, content: '窗口中午无人值守，等了一个小时。' });
    expect(filed.statusCode, filed.body).toBe(201);
    const { id, trackingCode } = filed.json<{ id: string; trackingCode: string }>();
    expect(trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    const tracked = await env.app.inject({ method: 'GET', url: `/api/public/complaints/${trackingCode.toLowerCase()}` });
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({ status: 'received', stage: '待受理', answer: null, canRate: false, decideDueOn: '2026-10-22' });
    expect(tracked.body).not.toContain(id);
    expect(tracked.body).not.toContain(town.director.id);
    const unknown = await env.app.inject({ method: 'GET', url: '/api/public/complaints/ABCDEFGH23' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'COMPLAINT_NOT_FOUND' });
  });

  it('needs the SMS code with a phone: without it 400, a wrong one refused and nothing filed', async () => {
    const phone = uniqueMobile();
    const missing = await publicPost('/api/public/complaints', { org: town.township.code, content: '办事人员推诿。', name: '韦某', phone });
    expect(missing.statusCode).toBe(400);
    const code = await codeFor(phone);
    const wrong = await publicPost('/api/public/complaints', {
      org: town.township.code,
      content: '办事人员推诿。',
      name: '韦某',
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.json()).toMatchObject({ code: 'QUEUE_PHONE_CODE_INVALID' });
    expect(wrong.json<{ detail: string }>().detail).toContain('验证码不正确');
    const listed = await env.app.inject({ method: 'GET', url: '/api/complaints', headers: director });
    expect(listed.body).not.toContain('办事人员推诿');
  });

  it('takes the center by its id as well as its code; an unknown or village one is refused', async () => {
    const byId = await publicPost('/api/public/complaints', { org: town.township.id, content: '大厅饮水机长期没有热水。' });
    expect(byId.statusCode, byId.body).toBe(201);
    const village = await publicPost('/api/public/complaints', { org: town.village.code, content: '大厅饮水机长期没有热水。' });
    expect(village.statusCode).toBe(404);
    expect(village.json()).toMatchObject({ code: 'COMPLAINT_ORG_NOT_FOUND' });
  });

  it('is idempotent: the same key and body give the same complaint', async () => {
    const key = randomUUID();
    const body = { org: town.township.code, content: '复印收费不公示。', kind: 'report' };
    const first = await publicPost('/api/public/complaints', body, key);
    const again = await publicPost('/api/public/complaints', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const other = await publicPost('/api/public/complaints', { ...body, content: '另一件事情投诉。' }, key);
    expect(other.statusCode).toBe(422);
  });
});

describe('the flow 受理 → 调查 → 处置 → 反馈 → 归档', () => {
  it('takes a real-name complaint through every stage; the complainant gets the answer by SMS and rates it', async () => {
    const phone = uniqueMobile();
    const code = await codeFor(phone);
    const filed = await publicPost('/api/public/complaints', {
      org: town.township.code,
      content: '医保报销材料要求反复变化，跑了三趟。',
      name: '黄某',
      phone,
      code,
      kind: 'undone',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { id, trackingCode } = filed.json<{ id: string; trackingCode: string }>();
    expect((await view(id)).allowedActs).toEqual(['accept', 'refuse']);

    const tooEarly = await act(id, 'answer', { answer: '已处理。' });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json()).toMatchObject({ code: 'COMPLAINT_ACT_NOT_ALLOWED' });
    expect(tooEarly.json<{ detail: string }>().detail).toContain('受理、不予受理');

    const key = randomUUID();
    const accepted = await act(id, 'accept', {}, director, key);
    expect(accepted.statusCode, accepted.body).toBe(200);
    // 15 working days from Thursday 15 October 2026.
    expect(accepted.json()).toMatchObject({ status: 'investigating', answerDueOn: '2026-11-05' });
    const replay = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${id}/accept`,
      headers: changeHeaders(director, key),
      payload: { version: 1 },
    });
    expect(replay.json()).toEqual(accepted.json());
    const stale = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${id}/investigate`,
      headers: changeHeaders(director),
      payload: { version: 1, finding: '查明', verdict: 'true', disposal: '处置' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });

    expect(
      (await act(id, 'investigate', { finding: '材料清单前后不一致属实。', verdict: 'true', disposal: '统一材料清单并公示。' })).statusCode,
    ).toBe(200);
    const answered = await act(id, 'answer', { answer: '材料清单已统一公示，请按清单准备一次办结。' });
    expect(answered.json()).toMatchObject({ status: 'answered', allowedActs: ['archive'] });
    expect((await smsTo(phone)).filter((text) => text.includes(trackingCode))).toHaveLength(1);

    const tracked = await env.app.inject({ method: 'GET', url: `/api/public/complaints/${trackingCode}` });
    expect(tracked.json()).toMatchObject({
      stage: '已反馈',
      answer: '材料清单已统一公示，请按清单准备一次办结。',
      canRate: true,
      kindLabel: '办不成事反映',
    });
    const rated = await publicPost(`/api/public/complaints/${trackingCode}/rating`, { rating: 'basically' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 'basically', canRate: false });
    const twice = await publicPost(`/api/public/complaints/${trackingCode}/rating`, { rating: 'satisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ detail: string }>().detail).toContain('已评价');

    const archived = await act(id, 'archive', {});
    expect(archived.json()).toMatchObject({ status: 'archived', allowedActs: [] });
  });

  it('lets one of two simultaneous acts on the same version through; the other gets 409 and nothing doubles', async () => {
    const filed = await publicPost('/api/public/complaints', { org: town.township.code, content: '同时受理的并发测试投诉。' });
    const { id } = filed.json<{ id: string }>();
    const send = (payload: Record<string, unknown>, name: string) =>
      env.app.inject({
        method: 'POST',
        url: `/api/complaints/${id}/${name}`,
        headers: changeHeaders(director),
        payload: { version: 1, ...payload },
      });
    const answers = await Promise.all([send({}, 'accept'), send({ reason: '不属于受理范围。' }, 'refuse')]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const detail = await view(id);
    expect(detail.version).toBe(2);
    expect(['investigating', 'refused']).toContain(detail.status);
  });

  it('refuses with a reason the complainant reads; a clerk may not accept', async () => {
    const filed = await publicPost('/api/public/complaints', { org: town.township.code, content: '邻里纠纷请中心处理。' });
    const { id, trackingCode } = filed.json<{ id: string; trackingCode: string }>();
    const byClerk = await env.app.inject({
      method: 'POST',
      url: `/api/complaints/${id}/accept`,
      headers: changeHeaders(clerk),
      payload: { version: 1 },
    });
    expect(byClerk.statusCode).toBe(404); // not assigned to the clerk: not even its existence is shown
    const noReason = await act(id, 'refuse', { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect((await act(id, 'refuse', { reason: '属民间纠纷，请向人民调解委员会申请调解。' })).statusCode).toBe(200);
    const tracked = await env.app.inject({ method: 'GET', url: `/api/public/complaints/${trackingCode}` });
    expect(tracked.json()).toMatchObject({ stage: '不予受理', refusalReason: '属民间纠纷，请向人民调解委员会申请调解。', canRate: false });
  });

  it('answers within the center’s own limit once set (working days; version checked)', async () => {
    const current = await env.app.inject({ method: 'GET', url: '/api/complaint-settings', headers: director });
    expect(current.json()).toMatchObject({ answerDays: 15, version: 0 });
    const put = (payload: Record<string, unknown>) =>
      env.app.inject({ method: 'PUT', url: '/api/complaint-settings', headers: changeHeaders(director), payload });
    expect((await put({ answerDays: 10, version: 0 })).json()).toMatchObject({ answerDays: 10, version: 1 });
    const stale = await put({ answerDays: 12, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect((await put({ answerDays: 0, version: 1 })).statusCode).toBe(400);
    const byClerk = await env.app.inject({
      method: 'PUT',
      url: '/api/complaint-settings',
      headers: changeHeaders(clerk),
      payload: { answerDays: 5, version: 1 },
    });
    expect(byClerk.statusCode).toBe(403);
    const filed = await publicPost('/api/public/complaints', { org: town.township.code, content: '办事指南与窗口要求不一致。' });
    const accepted = await act(filed.json<{ id: string }>().id, 'accept', {});
    expect(accepted.json()).toMatchObject({ answerDueOn: '2026-10-29' }); // 10 working days from Thursday 15 October
    expect((await put({ answerDays: 15, version: 1 })).statusCode).toBe(200);
  });

  it('transcribes a 12345 work order (number required) and lists by kind and month', async () => {
    const missing = await env.app.inject({
      method: 'POST',
      url: '/api/complaints',
      headers: changeHeaders(director),
      payload: { channel: 'hotline', content: '热线转办：办证超时。' },
    });
    expect(missing.statusCode).toBe(400);
    const filed = await env.app.inject({
      method: 'POST',
      url: '/api/complaints',
      headers: changeHeaders(director),
      payload: { channel: 'hotline', workOrderNo: 'GX12345-0001', kind: 'efficiency', content: '热线转办：办证超时。' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const listed = await env.app.inject({ method: 'GET', url: '/api/complaints?kind=efficiency&month=2026-10', headers: director });
    expect(listed.json<{ complaints: { workOrderNo: string; channel: string }[] }>().complaints).toEqual([
      expect.objectContaining({ workOrderNo: 'GX12345-0001', channel: 'hotline' }),
    ]);
    const otherMonth = await env.app.inject({ method: 'GET', url: '/api/complaints?kind=efficiency&month=2026-09', headers: director });
    expect(otherMonth.json<{ complaints: unknown[] }>().complaints).toEqual([]);
  });
});
