import { randomUUID } from 'node:crypto';
import { handedIn } from '../../../test/support/catalog-items.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import type { ExchangeRecordView } from './exchange.ts';

/** 收费: fees copied from the item at intake, paid against a receipt or waived on a basis, and no delivery while due. */
let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let clerk: { authorization: string };

interface CaseBody {
  id: string;
  caseNo: string;
  status: string;
  version: number;
  allowedActs: string[];
  fees: {
    items: { name: string; amountFen: number }[];
    totalFen: number;
    status: string;
    receiptNo: string | null;
    waiverReason: string | null;
    settledAt: string | null;
  };
  events: { act: string; payload: Record<string, unknown> }[];
}
interface Problem {
  code: string;
  detail: string;
  allowedActs?: string[];
  currentVersion?: number;
}

const APPLICANT = { type: 'person', name: '黄秀兰', idNumber: '451029198503120017', phone: '13977654321', address: '乐里镇弄瓦村' };
const LAND = handedIn('GTZ-001');
const HOUSE = handedIn('ZJD-001');
const FEE_LINE = { name: '不动产登记费（住宅类）', amountFen: 8000 };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

async function open(item: typeof LAND = LAND): Promise<CaseBody> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: { ...item, applicant: APPLICANT, channel: 'window' },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return get(response.json<{ id: string }>().id);
}

const act = (id: string, name: string, body: Record<string, unknown>, auth = clerk, key = randomUUID()) =>
  env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(auth, key), payload: body });

async function get(id: string, auth = clerk): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: auth })).json<CaseBody>();
}

async function ok(id: string, name: string, body: Record<string, unknown>): Promise<CaseBody> {
  const response = await act(id, name, body);
  if (response.statusCode !== 200) throw new Error(`${name}: ${response.body}`);
  return response.json<CaseBody>();
}

async function openAndAccept(item: typeof LAND = LAND): Promise<CaseBody> {
  const opened = await open(item);
  return ok(opened.id, 'accept', { version: opened.version });
}

const PAID = { outcome: 'paid', receiptNo: 'GX-2026-00012345' };
const WAIVED = { outcome: 'waived', waiverReason: '申请人为特困供养人员，依桂价费〔2017〕43号免收' };

describe('intake copies the fees of the item', () => {
  it('copies the fee lines in fen, owes them from intake and records them in the submit event', async () => {
    const opened = await open();
    expect(opened.fees).toEqual({
      items: [FEE_LINE],
      totalFen: 8000,
      status: 'due',
      receiptNo: null,
      waiverReason: null,
      settledAt: null,
      refund: null,
    });
    expect(opened.events[0]?.payload.fees).toEqual([FEE_LINE]);
    expect(opened.allowedActs).not.toContain('settle-fee');
    const accepted = await ok(opened.id, 'accept', { version: opened.version });
    expect(accepted.allowedActs).toContain('settle-fee');
  });

  it('an item that charges nothing owes nothing, offers no settlement and refuses one', async () => {
    const accepted = await openAndAccept(HOUSE);
    expect(accepted.fees).toEqual({
      items: [],
      totalFen: 0,
      status: 'none',
      receiptNo: null,
      waiverReason: null,
      settledAt: null,
      refund: null,
    });
    expect(accepted.allowedActs).not.toContain('settle-fee');
    expect(accepted.events[0]?.payload).not.toHaveProperty('fees');
    const refused = await act(accepted.id, 'settle-fee', { version: accepted.version, ...PAID });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Problem>()).toMatchObject({ code: 'CASE_FEE_NOT_DUE', detail: '该办件没有待缴的费用，无需缴费或减免。' });
  });
});

describe('delivery waits for the fee', () => {
  it('refuses to deliver while the fee is due, naming the amount, and offers only the settlement', async () => {
    const accepted = await openAndAccept();
    const concluded = await ok(accepted.id, 'conclude', {
      version: accepted.version,
      result: 'granted',
      certificateNo: '桂(2026)田林县不动产权第0000123号',
    });
    expect(concluded.allowedActs).toEqual(['settle-fee']);
    const refused = await act(accepted.id, 'deliver', { version: concluded.version, method: 'window' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<Problem>()).toMatchObject({
      code: 'CASE_FEE_DUE',
      detail: '尚有应缴费用 80.00 元未缴纳或减免，不能送达证照。',
      allowedActs: ['settle-fee'],
    });
    const paid = await ok(accepted.id, 'settle-fee', { version: concluded.version, ...PAID });
    expect(paid).toMatchObject({ status: 'concluded', allowedActs: ['deliver'] });
    const delivered = await ok(accepted.id, 'deliver', { version: paid.version, method: 'window' });
    expect(delivered.status).toBe('delivered');
  });

  it('public tracking shows the fee lines, the amount and whether it is paid, and the payment among the stages', async () => {
    const accepted = await openAndAccept();
    const caseNo = (await get(accepted.id)).caseNo;
    const track = async () =>
      (await env.app.inject({ method: 'GET', url: `/api/public/cases/${caseNo}?check=4321` })).json<{
        fees: unknown;
        stages: { act: string }[];
      }>();
    expect((await track()).fees).toEqual({
      lines: [{ name: FEE_LINE.name, amount: '80.00' }],
      total: '80.00',
      status: 'due',
      statusLabel: '待缴',
    });
    const concluded = await ok(accepted.id, 'conclude', { version: accepted.version, result: 'granted' });
    await ok(accepted.id, 'settle-fee', { version: concluded.version, ...PAID });
    const paid = await track();
    expect(paid.fees).toMatchObject({ total: '80.00', status: 'paid', statusLabel: '已缴' });
    expect(paid.stages.map((stage) => stage.act)).toEqual(['submit', 'accept', 'conclude', 'settle-fee']);
    expect(JSON.stringify(paid)).not.toContain(PAID.receiptNo);
  });
});

describe('settle-fee (缴费/减免)', () => {
  it('paid needs a receipt number of letters, digits and hyphens', async () => {
    const accepted = await openAndAccept();
    const cases: [Record<string, unknown>, string][] = [
      [{ outcome: 'paid' }, '缴费须填写票据号'],
      [{ outcome: 'paid', receiptNo: '票据 001' }, '票据号应为 1–40 位字母、数字或连字符'],
      [{ outcome: 'paid', receiptNo: 'A'.repeat(41) }, '票据号应为 1–40 位字母、数字或连字符'],
      [{ outcome: 'paid', receiptNo: '' }, '票据号应为 1–40 位字母、数字或连字符'],
      [{ ...PAID, waiverReason: '多填' }, '缴费时不填写减免依据'],
      [{ outcome: 'refunded', receiptNo: 'A1' }, '缴费结果应为 paid（已缴）或 waived（减免）'],
    ];
    for (const [body, message] of cases) {
      const response = await act(accepted.id, 'settle-fee', { version: accepted.version, ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json<Problem>(), JSON.stringify(body)).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(response.json<Problem>().detail).toContain(message);
    }
    expect((await get(accepted.id)).fees.status).toBe('due');
  });

  it('paid: records the receipt, keeps the status, and the event carries the outcome and total in fen and yuan', async () => {
    const accepted = await openAndAccept();
    const paid = await ok(accepted.id, 'settle-fee', { version: accepted.version, outcome: 'paid', receiptNo: ' GX-2026-00012345 ' });
    expect(paid).toMatchObject({ status: 'accepted', version: accepted.version + 1 });
    expect(paid.fees).toEqual({
      items: [FEE_LINE],
      totalFen: 8000,
      status: 'paid',
      receiptNo: 'GX-2026-00012345',
      waiverReason: null,
      settledAt: '2026-10-15T01:00:00.000Z',
      refund: null,
    });
    expect(paid.events.at(-1)).toMatchObject({
      act: 'settle-fee',
      payload: { outcome: 'paid', totalFen: 8000, total: '80.00', receiptNo: 'GX-2026-00012345' },
    });
    expect(paid.allowedActs).not.toContain('settle-fee');
    const audit = await env.db.transaction(
      SYSTEM_SCOPE,
      async (tx) =>
        (
          await tx.query<{ action: string; summary: { from: string; to: string } }>(
            `select action, summary from audit_log where action = 'case.settle-fee' and target_id = $1`,
            [accepted.id],
          )
        ).rows,
    );
    expect(audit).toEqual([
      { action: 'case.settle-fee', summary: expect.objectContaining({ from: 'accepted', to: 'accepted' }) as unknown },
    ]);
  });

  it('waived needs a basis, and not a receipt number', async () => {
    const accepted = await openAndAccept();
    for (const [body, message] of [
      [{ outcome: 'waived' }, '减免须说明减免依据'],
      [{ outcome: 'waived', waiverReason: '   ' }, '请填写减免依据'],
      [{ ...WAIVED, receiptNo: 'A1' }, '减免时不填写票据号'],
    ] as const) {
      const response = await act(accepted.id, 'settle-fee', { version: accepted.version, ...body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json<Problem>().detail).toContain(message);
    }
    const waived = await ok(accepted.id, 'settle-fee', { version: accepted.version, ...WAIVED });
    expect(waived.fees).toMatchObject({ status: 'waived', waiverReason: WAIVED.waiverReason, receiptNo: null, totalFen: 8000 });
    expect(waived.events.at(-1)?.payload).toEqual({ outcome: 'waived', totalFen: 8000, total: '80.00', waiverReason: WAIVED.waiverReason });
  });

  it('a second settlement is refused, paid or waived', async () => {
    const first = await openAndAccept();
    const paid = await ok(first.id, 'settle-fee', { version: first.version, ...PAID });
    const again = await act(first.id, 'settle-fee', { version: paid.version, ...WAIVED });
    expect(again.statusCode).toBe(422);
    expect(again.json<Problem>()).toMatchObject({
      code: 'CASE_FEE_NOT_DUE',
      detail: '费用已缴纳（票据号 GX-2026-00012345），不能重复缴费或减免。',
    });
    const second = await openAndAccept();
    const waived = await ok(second.id, 'settle-fee', { version: second.version, ...WAIVED });
    const twice = await act(second.id, 'settle-fee', { version: waived.version, ...PAID });
    expect(twice.json<Problem>()).toMatchObject({ code: 'CASE_FEE_NOT_DUE', detail: '费用已减免，不能重复缴费或减免。' });
  });

  it('a stale version gets 409 with the current version', async () => {
    const accepted = await openAndAccept();
    const escalated = await ok(accepted.id, 'escalate', {
      version: accepted.version,
      to: '田林县不动产登记中心',
      note: '初审同意，报县不动产登记中心',
    });
    const stale = await act(accepted.id, 'settle-fee', { version: accepted.version, ...PAID });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: escalated.version });
    expect(await ok(accepted.id, 'settle-fee', { version: escalated.version, ...PAID })).toMatchObject({
      status: 'escalated',
      fees: { status: 'paid' },
    });
  });

  it('is idempotent: the same key twice settles once and answers the same', async () => {
    const accepted = await openAndAccept();
    const key = randomUUID();
    const first = await act(accepted.id, 'settle-fee', { version: accepted.version, ...PAID }, clerk, key);
    const second = await act(accepted.id, 'settle-fee', { version: accepted.version, ...PAID }, clerk, key);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.json()).toEqual(first.json());
    expect((await get(accepted.id)).events.filter((event) => event.act === 'settle-fee')).toHaveLength(1);
  });

  it('is not allowed before acceptance or during a special procedure', async () => {
    const opened = await open();
    const early = await act(opened.id, 'settle-fee', { version: opened.version, ...PAID });
    expect(early.statusCode).toBe(422);
    expect(early.json<Problem>()).toMatchObject({ code: 'CASE_ACT_NOT_ALLOWED' });
    const accepted = await ok(opened.id, 'accept', { version: opened.version });
    const suspended = await ok(opened.id, 'suspend', { version: accepted.version, procedure: 'site_survey', reason: '现场勘验' });
    const during = await act(opened.id, 'settle-fee', { version: suspended.version, ...PAID });
    expect(during.json<Problem>()).toMatchObject({ code: 'CASE_ACT_NOT_ALLOWED', allowedActs: ['resume', 'withdraw'] });
  });
});

describe('a case that ends without a permit owes nothing', () => {
  it('a denied conclusion clears the fee due and records it in the conclude event; delivery of the decision follows', async () => {
    const accepted = await openAndAccept();
    const denied = await ok(accepted.id, 'conclude', {
      version: accepted.version,
      result: 'denied',
      reason: '宅基地批准文件与实际用地不符',
      remedies: '可于 60 日内申请行政复议',
    });
    expect(denied.fees).toMatchObject({ status: 'none', totalFen: 8000, items: [FEE_LINE] });
    expect(denied.events.at(-1)?.payload).toMatchObject({ result: 'denied', feeNotApplicable: { totalFen: 8000, total: '80.00' } });
    expect(denied.allowedActs).toEqual(['deliver']);
    expect((await ok(accepted.id, 'deliver', { version: denied.version, method: 'window' })).status).toBe('delivered');
  });

  it('a granted conclusion keeps the fee due; a withdrawal or a refusal clears it', async () => {
    const granted = await openAndAccept();
    expect((await ok(granted.id, 'conclude', { version: granted.version, result: 'granted' })).fees.status).toBe('due');
    const withdrawn = await openAndAccept();
    const afterWithdraw = await ok(withdrawn.id, 'withdraw', { version: withdrawn.version, reason: '申请人撤回申请' });
    expect(afterWithdraw.fees.status).toBe('none');
    expect(afterWithdraw.events.at(-1)?.payload).toMatchObject({ feeNotApplicable: { totalFen: 8000 } });
    const opened = await open();
    const refused = await ok(opened.id, 'refuse', { version: opened.version, reason: '不属于本中心受理范围' });
    expect(refused.fees.status).toBe('none');
  });

  it('a withdrawal after payment keeps the payment on record', async () => {
    const accepted = await openAndAccept();
    const paid = await ok(accepted.id, 'settle-fee', { version: accepted.version, ...PAID });
    const withdrawn = await ok(accepted.id, 'withdraw', { version: paid.version, reason: '申请人撤回申请' });
    expect(withdrawn.fees).toMatchObject({ status: 'paid', receiptNo: PAID.receiptNo });
    expect(withdrawn.events.at(-1)?.payload).not.toHaveProperty('feeNotApplicable');
  });
});

describe('exchange record (办件信息上报)', () => {
  it('reports the fee lines and their settlement from the event log', async () => {
    const accepted = await openAndAccept();
    const exchange = async () =>
      (await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}/exchange`, headers: clerk })).json<ExchangeRecordView>();
    expect((await exchange()).fee).toEqual({
      items: [FEE_LINE],
      totalFen: 8000,
      status: 'due',
      settledAt: null,
      receiptNo: null,
      waiverReason: null,
    });
    await ok(accepted.id, 'settle-fee', { version: accepted.version, ...PAID });
    expect((await exchange()).fee).toMatchObject({ status: 'paid', receiptNo: PAID.receiptNo, settledAt: '2026-10-15T01:00:00.000Z' });
    const free = await openAndAccept(HOUSE);
    const record = (
      await env.app.inject({ method: 'GET', url: `/api/cases/${free.id}/exchange`, headers: clerk })
    ).json<ExchangeRecordView>();
    expect(record.fee).toBeNull();
  });
});

describe('tenancy', () => {
  it('another township cannot settle the fee, and row-level security hides the fee lines', async () => {
    const accepted = await openAndAccept();
    const outsider = await signIn(env, other.window.username);
    const response = await act(accepted.id, 'settle-fee', { version: accepted.version, ...PAID }, outsider);
    expect(response.statusCode).toBe(404);
    expect((await get(accepted.id)).fees.status).toBe('due');
    const visible = async (orgId: string) =>
      env.db.transaction(
        { kind: 'orgs', orgIds: [orgId] },
        async (tx) => (await tx.query('select name from case_fees where case_id = $1', [accepted.id])).rows.length,
      );
    expect(await visible(other.township.id)).toBe(0);
    expect(await visible(town.township.id)).toBe(1);
  });
});

describe('OpenAPI', () => {
  it('documents the settle-fee route with its body', async () => {
    const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        {
          post?: {
            summary: string;
            requestBody: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> };
          };
        }
      >;
    }>();
    const route = spec.paths['/api/cases/{id}/settle-fee']?.post;
    expect(route?.summary).toContain('缴费');
    const schema = route?.requestBody.content['application/json']?.schema;
    expect(Object.keys(schema?.properties ?? {})).toEqual(['version', 'outcome', 'receiptNo', 'waiverReason']);
    expect(schema?.required).toEqual(['version', 'outcome']);
  });
});
