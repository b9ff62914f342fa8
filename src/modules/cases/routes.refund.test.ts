import { randomUUID } from 'node:crypto';
import { handedIn } from '../../../test/support/catalog-items.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

/** 退费: a fee paid in error is given back against a refund voucher; the payment stays on record. */
let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let clerk: { authorization: string };

interface CaseBody {
  id: string;
  caseNo: string;
  status: string;
  version: number;
  fees: { status: string; receiptNo: string | null; refund: { refundNo: string; reason: string; refundedAt: string } | null };
  events: { act: string; payload: Record<string, unknown> }[];
}

const APPLICANT = { type: 'person', name: '黄秀兰', idNumber: '451029198503120017', phone: '13977654321', address: '乐里镇弄瓦村' };
const LAND = handedIn('GTZ-001');
const HOUSE = handedIn('ZJD-001');
const REFUND = { refundNo: 'TF-2026-0007', reason: '申请人重复缴费，退还多缴部分' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

const post = (id: string, path: string, body: Record<string, unknown>, auth = clerk) =>
  env.app.inject({ method: 'POST', url: `/api/cases/${id}/${path}`, headers: changeHeaders(auth, randomUUID()), payload: body });

async function ok(id: string, path: string, body: Record<string, unknown>): Promise<CaseBody> {
  const response = await post(id, path, body);
  if (response.statusCode !== 200) throw new Error(`${path}: ${response.body}`);
  return response.json<CaseBody>();
}

async function accepted(item = LAND): Promise<CaseBody> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: { ...item, applicant: APPLICANT, channel: 'window' },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  const { id, version } = response.json<{ id: string; version: number }>();
  return ok(id, 'accept', { version });
}

describe('POST /api/cases/:id/fee-refund', () => {
  it('gives back a paid fee: 已退费 with the voucher and reason, the payment kept, an event of its own, once only', async () => {
    const open = await accepted();
    const paid = await ok(open.id, 'settle-fee', { version: open.version, outcome: 'paid', receiptNo: 'GX-2026-00012345' });
    const refunded = await ok(open.id, 'fee-refund', { version: paid.version, ...REFUND });
    expect(refunded.status).toBe('accepted');
    expect(refunded.fees).toMatchObject({
      status: 'refunded',
      receiptNo: 'GX-2026-00012345',
      refund: REFUND,
    });
    expect(refunded.fees.refund?.refundedAt).toBe('2026-10-15T01:00:00.000Z');
    expect(refunded.events.at(-1)).toMatchObject({
      act: 'refund-fee',
      payload: { refundNo: REFUND.refundNo, reason: REFUND.reason, receiptNo: 'GX-2026-00012345', total: '80.00' },
    });
    const again = await post(open.id, 'fee-refund', { version: refunded.version, ...REFUND });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ code: 'CASE_FEE_NOT_REFUNDABLE', detail: '费用已退还，不能重复退费。' });
    const exchange = await env.app.inject({ method: 'GET', url: `/api/cases/${open.id}/exchange`, headers: clerk });
    expect(exchange.json()).toMatchObject({ fee: { status: 'refunded', receiptNo: 'GX-2026-00012345' } });
    const track = await env.app.inject({ method: 'GET', url: `/api/public/cases/${open.caseNo}?check=4321` });
    expect(track.json()).toMatchObject({ fees: { status: 'refunded', statusLabel: '已退费' } });
    // Delivery is no longer held by a fee once it is refunded.
    const concluded = await ok(open.id, 'conclude', { version: refunded.version, result: 'denied', reason: '材料不实' });
    expect(concluded.status).toBe('concluded');
  });

  it('refuses a fee still due and an item that charges nothing (422, in Chinese)', async () => {
    const due = await accepted();
    const refusedDue = await post(due.id, 'fee-refund', { version: due.version, ...REFUND });
    expect(refusedDue.statusCode).toBe(422);
    expect(refusedDue.json()).toMatchObject({ code: 'CASE_FEE_NOT_REFUNDABLE', detail: '该办件没有已缴纳的费用，无需退费。' });
    const free = await accepted(HOUSE);
    expect((await post(free.id, 'fee-refund', { version: free.version, ...REFUND })).statusCode).toBe(422);
  });

  it('checks the voucher and the reason, refuses a stale version, and hides another township’s case', async () => {
    const open = await accepted();
    const paid = await ok(open.id, 'settle-fee', { version: open.version, outcome: 'paid', receiptNo: 'GX-2026-00054321' });
    const bad = await post(open.id, 'fee-refund', { version: paid.version, refundNo: '退 001', reason: '多' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('退付凭证号应为 1–40 位字母、数字或连字符');
    expect(bad.body).toContain('请填写退费原因');
    const stale = await post(open.id, 'fee-refund', { version: open.version, ...REFUND });
    expect(stale.statusCode).toBe(409);
    const outsider = await signIn(env, other.window.username);
    expect((await post(open.id, 'fee-refund', { version: paid.version, ...REFUND }, outsider)).statusCode).toBe(404);
  });
});
