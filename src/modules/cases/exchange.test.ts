import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import type { ExchangeRecordView } from './exchange.ts';

let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let clerk: { authorization: string };
let director: { authorization: string };

/** Factory staff are named 测试<role>. */
const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const FORM = '农村宅基地和建房（规划许可）申请表';
const MATERIALS = [
  { name: FORM, received: false },
  { name: '申请人居民身份证', received: true },
  { name: '户口簿', received: true },
];

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
  director = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

async function open(): Promise<{ id: string; version: number }> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: { itemCode: 'ZJD-001', applicant: APPLICANT, channel: 'window', materials: MATERIALS },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

type Step = [act: string, body: Record<string, unknown>, by?: { authorization: string }];

/** Takes the acts in order, each with the version the previous one returned. */
async function run(acts: Step[]): Promise<string> {
  let { id, version } = await open();
  for (const [name, body, by = clerk] of acts) {
    const response = await env.app.inject({
      method: 'POST',
      url: `/api/cases/${id}/${name}`,
      headers: changeHeaders(by),
      payload: { version, ...body },
    });
    if (response.statusCode !== 200) throw new Error(`${name}: ${response.body}`);
    ({ id, version } = response.json<{ id: string; version: number }>());
  }
  return id;
}

async function exchange(id: string, auth = clerk) {
  return env.app.inject({ method: 'GET', url: `/api/cases/${id}/exchange`, headers: auth });
}

const SUPPLEMENT: Step = ['request-supplement', { materials: [{ name: FORM, reason: '未签字' }] }];

describe('办件信息上报 (exchange record)', () => {
  it('records application, pre-acceptance, each supplement, special procedures, approval stages, the conclusion and pickup', async () => {
    const id = await run([
      SUPPLEMENT,
      ['supplement', { materials: [{ name: FORM }] }],
      ['accept', { note: '材料齐全' }],
      ['suspend', { procedure: 'public_notice', reason: '村内公示 7 天', expectedEndOn: '2026-10-26' }],
      ['resume', { result: '公示无异议' }],
      ['extend', { days: 5, reason: '需现场复核' }, director],
      ['conclude', { result: 'granted', reason: '', remedies: '', certificateNo: '乡村建字第 2026-017 号' }],
      ['deliver', { method: 'post', trackingNo: 'YZ1234567890' }],
      ['close', {}],
    ]);
    const response = await exchange(id);
    expect(response.statusCode).toBe(200);
    const record = response.json<ExchangeRecordView>();
    expect(record.caseNo).toMatch(new RegExp(`^${town.township.code}-20261015-\\d{4}$`));
    expect(record.applicant.idNumber).not.toContain('198503');
    expect(record.applicationAt).toBe('2026-10-15T01:00:00.000Z');
    expect(record.preAcceptance).toMatchObject({ result: 'supplement_requested' });
    expect(record.acceptance).toMatchObject({ result: 'accepted', refusalReason: null, promisedDays: 5 });
    // Accepted Thursday 2026-10-15: five working days later is Thursday 2026-10-22.
    expect(record.acceptance?.dueOn).toBe('2026-10-22');
    expect(record.supplementCount).toBe(1);
    expect(record.supplements[0]).toMatchObject({ notice: 1, reason: '未签字', materials: [FORM] });
    expect(record.supplements[0]?.suppliedAt).not.toBeNull();
    expect(record.specialProcedures).toEqual([
      expect.objectContaining({ procedure: 'public_notice', reason: '村内公示 7 天', expectedEndOn: '2026-10-26', result: '公示无异议' }),
    ]);
    expect(record.specialProcedures[0]?.endedAt).not.toBeNull();
    expect(record.extensions).toEqual([expect.objectContaining({ days: 5, reason: '需现场复核', approvedBy: '测试director' })]);
    expect(record.approvalStages.map((stage) => stage.act)).toEqual(['request-supplement', 'accept', 'extend', 'conclude']);
    expect(record.approvalStages[1]).toMatchObject({ actorName: '测试window_staff', opinion: '材料齐全' });
    expect(record.conclusion).toMatchObject({
      kind: 'certificate_issued',
      label: '出证办结',
      result: 'granted',
      certificateNo: '乡村建字第 2026-017 号',
    });
    expect(record.delivery).toMatchObject({ method: 'post', trackingNo: 'YZ1234567890' });
    expect(record.closedAt).not.toBeNull();
  });

  it('names each way a case ends: returned, supplement never came, voided, forwarded, concluded without a certificate', async () => {
    const kindOf = async (acts: Step[]) => (await exchange(await run(acts))).json<ExchangeRecordView>().conclusion;
    expect(await kindOf([['refuse', { reason: '不属于本机关职权范围', remedies: '可向县自然资源局申请' }]])).toMatchObject({
      kind: 'returned',
      label: '退回办结',
      reason: '不属于本机关职权范围',
    });
    expect(await kindOf([SUPPLEMENT, ['refuse', { reason: '逾期未补正', remedies: '可重新申请' }]])).toMatchObject({
      kind: 'supplement_timeout',
      label: '补正不来办结',
    });
    expect(await kindOf([['withdraw', { reason: '申请人自愿撤回' }]])).toMatchObject({ kind: 'voided', label: '作废办结' });
    const accepted: Step[] = [SUPPLEMENT, ['supplement', { materials: [{ name: FORM }] }], ['accept', {}]];
    expect(
      await kindOf([
        ...accepted,
        ['escalate', { to: '田林县自然资源局', note: '初审同意，报县自然资源局审批' }],
        ['county-result', { result: 'granted', decidedOn: '2026-10-15', documentNo: '林自然资批〔2026〕12号' }],
        ['conclude', { result: 'granted', reason: '', remedies: '', certificateNo: '' }],
      ]),
    ).toMatchObject({
      kind: 'forwarded',
      label: '转报办结',
    });
    expect(
      await kindOf([
        ...accepted,
        ['conclude', { result: 'denied', reason: '选址占用基本农田', remedies: '六十日内可申请行政复议', certificateNo: '' }],
      ]),
    ).toMatchObject({
      kind: 'concluded',
      result: 'denied',
      reason: '选址占用基本农田',
    });
    const refusedRecord = (
      await exchange(await run([['refuse', { reason: '不属于本机关职权范围', remedies: '可向县自然资源局申请' }]]))
    ).json<ExchangeRecordView>();
    expect(refusedRecord.acceptance).toMatchObject({
      result: 'refused',
      refusalReason: '不属于本机关职权范围',
      remedies: '可向县自然资源局申请',
    });
  });

  it('is read in scope: another township gets 404, no sign-in gets 401', async () => {
    const id = await run([]);
    expect((await exchange(id, await signIn(env, other.window.username))).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/cases/${id}/exchange` })).statusCode).toBe(401);
  });
});
