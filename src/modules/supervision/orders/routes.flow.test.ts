import { randomUUID } from 'node:crypto';
import { SYSTEM_SCOPE } from '../../../db/db.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../../test/support/factories.ts';
import { uniqueMobile, uniqueResidentId } from '../../../../test/support/identities.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import { runWarningJob } from '../../cases/index.ts';
import { runOrderEscalationJob } from './index.ts';
import type { OrderView } from './schemas.ts';

/** 督办单: issue on a late case, 整改回告, return and accept, tenancy, and the escalation of an unanswered order (ADR 0029). */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let other: TownshipFixture;
type Auth = { authorization: string };
let clerk: Auth;
let supervisor: Auth;
let reviewer: Auth;
let otherClerk: Auth;
let otherDirector: Auth;
let late: string;
let inTime: string;

const MATERIALS = ['不动产登记申请书', '申请人居民身份证', '宅基地批准文件'];

async function openAccepted(auth: Auth): Promise<string> {
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(auth),
    payload: {
      itemCode: 'GTZ-001',
      channel: 'window',
      applicant: { type: 'person', name: '韦督办', idNumber: uniqueResidentId(), phone: uniqueMobile() },
      materials: MATERIALS.map((name) => ({ name, received: true })),
    },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const { id, version } = opened.json<{ id: string; version: number }>();
  const accepted = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/accept`,
    headers: changeHeaders(auth),
    payload: { version },
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  return id;
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' }); // a Thursday
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  late = await openAccepted(await signIn(env, town.window.username)); // due 2026-10-22
  const at = new Date('2026-10-23T09:00:00+08:00'); // a Friday: the case is yellow
  env.clock.set(at);
  inTime = await openAccepted(await signIn(env, town.window.username));
  await runWarningJob(env.db, at, env.caseDeps, env.ctx.auditKey);
  clerk = await signIn(env, town.window.username);
  supervisor = await signIn(env, county.supervisor.username);
  reviewer = await signIn(env, town.reviewer.username);
  otherClerk = await signIn(env, other.window.username);
  otherDirector = await signIn(env, other.director.username);
});
afterAll(async () => env.close());

const issue = (auth: Auth, payload: Record<string, unknown>, key: string = randomUUID()) =>
  env.app.inject({ method: 'POST', url: '/api/supervision-orders', headers: changeHeaders(auth, key), payload });
const act = (auth: Auth, id: string, name: string, payload: Record<string, unknown>) =>
  env.app.inject({ method: 'POST', url: `/api/supervision-orders/${id}/${name}`, headers: changeHeaders(auth), payload });
const detail = (auth: Auth, id: string) => env.app.inject({ method: 'GET', url: `/api/supervision-orders/${id}`, headers: auth });
async function list(auth: Auth, query = ''): Promise<OrderView[]> {
  const response = await env.app.inject({ method: 'GET', url: `/api/supervision-orders${query}`, headers: auth });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ orders: OrderView[] }>().orders;
}
const onCase = (caseId: string) => ({ caseId, instruction: '请于期限内办结并说明超期原因', addressee: { kind: 'holder' } });

describe('督办单', () => {
  it('refuses a case that is not late, and a clerk issuing; nothing is created', async () => {
    const refused = await issue(supervisor, onCase(inTime));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'ORDER_TARGET_NOT_LATE' });
    expect((await issue(clerk, onCase(late))).statusCode).toBe(403);
    expect(await list(supervisor, `?caseId=${inTime}&filter=all`)).toEqual([]);
    expect(await list(supervisor, `?caseId=${late}&filter=all`)).toEqual([]);
  });

  it('the supervisor orders the holder, due in 3 working days; the same key answers the same order', async () => {
    const key = randomUUID();
    const issued = await issue(supervisor, onCase(late), key);
    expect(issued.statusCode, issued.body).toBe(201);
    const order = issued.json<OrderView>();
    expect(order).toMatchObject({
      targetKind: 'case',
      caseId: late,
      targetWarning: 'yellow',
      addresseeKind: 'holder',
      addresseeStaffId: town.window.id,
      dueOn: '2026-10-28', // Fri + 3 working days
      status: 'open',
      statusLabel: '待回告',
      isOverdue: false,
      allowedActs: [],
    });
    expect(order.orderNo).toMatch(/^督〔2026〕\d+号$/);
    const replay = await issue(supervisor, onCase(late), key);
    expect(replay.json<OrderView>().id).toBe(order.id);
    expect((await list(supervisor, `?caseId=${late}`)).map((row) => row.id)).toEqual([order.id]);
    expect((await detail(clerk, order.id)).json<OrderView>().allowedActs).toEqual(['answer']);
    expect((await list(clerk, '?mine=true')).map((row) => row.id)).toEqual([order.id]);
    // The owner's home to-do leads with it, opening the case (where the answer form is).
    const todo = (await env.app.inject({ method: 'GET', url: '/api/todo', headers: clerk })).json<{
      sections: { key: string; count: number; items: { id: string; number: string; due: string }[] }[];
    }>();
    expect(todo.sections[0]).toMatchObject({ key: 'orders', count: 1, items: [{ id: late, number: order.orderNo, due: '2026-10-28' }] });
    const supervisorTodo = (await env.app.inject({ method: 'GET', url: '/api/todo', headers: supervisor })).json<{
      sections: { key: string }[];
    }>();
    expect(supervisorTodo.sections.map((section) => section.key)).not.toContain('orders');
  });

  it('another township neither sees nor touches it; a colleague who is not its owner cannot answer', async () => {
    const [order] = await list(supervisor, `?caseId=${late}`);
    if (!order) throw new Error('no order');
    expect((await detail(otherClerk, order.id)).statusCode).toBe(404);
    expect(await list(otherDirector, '?filter=all')).toEqual([]);
    expect((await act(otherDirector, order.id, 'answer', { version: order.version, text: '已处理' })).statusCode).toBe(404);
    expect((await issue(otherDirector, onCase(late))).statusCode).toBe(404);
    const notOwner = await act(reviewer, order.id, 'answer', { version: order.version, text: '已处理' });
    expect(notOwner.statusCode).toBe(403);
    expect(notOwner.json()).toMatchObject({ code: 'ORDER_NOT_OWNER' });
    expect((await detail(supervisor, order.id)).json<OrderView>()).toMatchObject({ status: 'open', version: order.version });
  });

  it('answer, return with a reason, answer again, accept; a stale version and a closed order are refused', async () => {
    const [order] = await list(supervisor, `?caseId=${late}`);
    if (!order) throw new Error('no order');
    expect((await act(clerk, order.id, 'answer', { version: order.version + 1, text: '已办结' })).statusCode).toBe(409);
    const answered = await act(clerk, order.id, 'answer', { version: order.version, text: '已联系申请人补齐现场核实，明日办结' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<OrderView>()).toMatchObject({ status: 'answered', answeredBy: '测试window_staff' });
    const first = answered.json<OrderView>();
    const noReason = await act(supervisor, order.id, 'return', { version: first.version });
    expect(noReason.statusCode).toBe(400);
    const returned = await act(supervisor, order.id, 'return', { version: first.version, note: '未说明超期原因' });
    expect(returned.json<OrderView>()).toMatchObject({ status: 'returned', reviewNote: '未说明超期原因' });
    const again = await act(clerk, order.id, 'answer', {
      version: returned.json<OrderView>().version,
      text: '超期原因：申请人外出；已办结',
    });
    expect(again.statusCode).toBe(200);
    const accepted = await act(supervisor, order.id, 'accept', { version: again.json<OrderView>().version });
    expect(accepted.json<OrderView>()).toMatchObject({ status: 'accepted', statusLabel: '已办结', allowedActs: [] });
    const twice = await act(supervisor, order.id, 'accept', { version: accepted.json<OrderView>().version });
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({ code: 'ORDER_ACT_REFUSED' });
    expect((await list(supervisor, `?caseId=${late}&filter=done`)).map((row) => row.id)).toEqual([order.id]);
  });

  it('prints the 督办通知书 as a PDF for its scope only', async () => {
    const [order] = await list(supervisor, `?caseId=${late}&filter=all`);
    if (!order) throw new Error('no order');
    const pdf = await env.app.inject({ method: 'GET', url: `/api/supervision-orders/${order.id}/notice.pdf`, headers: clerk });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/supervision-orders/${order.id}/notice.pdf`, headers: otherClerk })).statusCode,
    ).toBe(404);
  });

  it('an order unanswered past its due date turns red and is escalated once, by the job', async () => {
    const issued = await issue(supervisor, { ...onCase(late), days: 1, addressee: { kind: 'staff', staffId: town.window.id } });
    expect(issued.statusCode, issued.body).toBe(201);
    const order = issued.json<OrderView>();
    expect(order.dueOn).toBe('2026-10-26');
    const sameDay = new Date('2026-10-26T23:59:00+08:00');
    expect(await runOrderEscalationJob(env.db, sameDay, env.ctx.auditKey)).toMatchObject({ escalated: 0 });
    const next = new Date('2026-10-27T00:01:00+08:00');
    const run = await runOrderEscalationJob(env.db, next, env.ctx.auditKey);
    expect(run.escalated).toBeGreaterThanOrEqual(1);
    expect((await runOrderEscalationJob(env.db, next, env.ctx.auditKey)).escalated).toBe(0);
    const red = (await detail(supervisor, order.id)).json<OrderView>();
    expect(red).toMatchObject({ status: 'open', isOverdue: true });
    expect(red.escalatedAt).not.toBeNull();
    expect((await list(supervisor, '?filter=overdue')).map((row) => row.id)).toContain(order.id);
    const audit = await env.db.transaction(SYSTEM_SCOPE, async (tx) =>
      tx.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'supervision.order.escalate' and target_id = $1`, [
        order.id,
      ]),
    );
    expect(audit.rows[0]?.n).toBe(1);
  });
});
