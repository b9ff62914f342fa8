import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import type { NoticeData } from './model.ts';

/** What the notice routes print beyond the case rows: item wording, 复议机关, tracking address, fees, and the new forms. */
let env: TestEnv;
let town: TownshipFixture;
let clerk: { authorization: string };
const PUBLIC = 'https://yizhan.example.gov.cn';

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const HOUSE = {
  itemCode: 'ZJD-001',
  materials: [
    { name: '农村宅基地和建房（规划许可）申请表', received: true },
    { name: '申请人居民身份证', received: true },
    { name: '户口簿', received: true },
  ],
};
const MEDIATION = { itemCode: 'TJ-001', materials: [{ name: '调解申请书', received: true }] };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
  env.ctx.config.publicUrl = PUBLIC;
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  delete env.ctx.config.publicUrl;
  await env.close();
});

async function open(item: typeof HOUSE = HOUSE): Promise<{ id: string; caseNo: string; version: number }> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: { ...item, applicant: APPLICANT, channel: 'window' },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

async function act(id: string, name: string, body: Record<string, unknown>, auth = clerk) {
  return env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(auth), payload: body });
}

async function step(id: string, name: string, body: Record<string, unknown>): Promise<{ version: number }> {
  const response = await act(id, name, body);
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json();
}

/** The route's notice content, as handed to the PDF worker, and the PDF's status. */
async function printed(id: string, kind: string): Promise<{ status: number; data: NoticeData | undefined }> {
  const run = vi.spyOn(env.ctx.heavy, 'run');
  const response = await env.app.inject({ method: 'GET', url: `/api/cases/${id}/notices/${kind}`, headers: clerk });
  const data = run.mock.calls.at(-1)?.[1] as NoticeData | undefined;
  run.mockRestore();
  return { status: response.statusCode, data };
}

describe('notices print what the citizen needs next', () => {
  it('收件凭证 at intake lists the materials received; the 受理通知书 gives the public tracking address', async () => {
    const opened = await open();
    const receipt = await printed(opened.id, 'receipt');
    expect(receipt.status).toBe(200);
    expect(receipt.data).toMatchObject({ kind: 'receipt', channelLabel: '窗口收件', materials: HOUSE.materials.map((m) => m.name) });
    await step(opened.id, 'accept', { version: opened.version });
    const accepted = await printed(opened.id, 'accepted');
    expect(accepted.status).toBe(200);
    expect(accepted.data?.trackingUrl).toBe(`${PUBLIC}/track?no=${opened.caseNo}`);
    expect(accepted.data?.itemType).toBe('行政许可');
  });

  it('the SMS of the acceptance and of a 补正 request carries the tracking address; the 补正期限 is on the notice and the SMS', async () => {
    const accepted = await open();
    await step(accepted.id, 'accept', { version: accepted.version });
    const partial = await open({ ...HOUSE, materials: HOUSE.materials.slice(0, 1) });
    const early = await act(partial.id, 'request-supplement', {
      version: partial.version,
      materials: [{ name: '申请人居民身份证', reason: '未提供' }],
      dueOn: '2026-10-14',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('补正期限 2026-10-14 早于今天');
    await step(partial.id, 'request-supplement', {
      version: partial.version,
      materials: [
        { name: '申请人居民身份证', reason: '未提供' },
        { name: '户口簿', reason: '缺户主页' },
      ],
      dueOn: '2026-10-30',
    });
    const supplement = await printed(partial.id, 'supplement');
    expect(supplement.data).toMatchObject({
      dueOn: '2026-10-30',
      materials: [
        { name: '申请人居民身份证', reason: '未提供' },
        { name: '户口簿', reason: '缺户主页' },
      ],
    });
    const messages = async (caseId: string) =>
      (await env.app.inject({ method: 'GET', url: `/api/notices?caseId=${caseId}`, headers: clerk })).json<{
        notices: { message: string }[];
      }>().notices;
    expect((await messages(accepted.id))[0]?.message).toContain(`查询进度：${PUBLIC}/track?no=${accepted.caseNo}`);
    const sms = (await messages(partial.id))[0]?.message ?? '';
    expect(sms).toContain('请于 2026-10-30 前补交');
    expect(sms).toContain(`${PUBLIC}/track?no=${partial.caseNo}`);
  });

  it('a refusal names the 复议机关 from the county, and a 公共服务 item is neither 许可 nor under 第三十二条', async () => {
    const opened = await open(MEDIATION);
    await step(opened.id, 'refuse', { version: opened.version, reason: '不属于调解范围', remedies: '可于 60 日内申请行政复议' });
    const refused = await printed(opened.id, 'refused');
    expect(refused.status).toBe(200);
    expect(refused.data).toMatchObject({ kind: 'refused', itemType: '公共服务', reviewBody: '测试县人民政府' });
  });

  it('送达回证 goes with the decision: printable once concluded, with the method and date once delivered', async () => {
    const opened = await open();
    expect((await printed(opened.id, 'delivery')).status).toBe(422);
    const accepted = await step(opened.id, 'accept', { version: opened.version });
    const concluded = await step(opened.id, 'conclude', {
      version: accepted.version,
      result: 'granted',
      certificateNo: '乡字第2026-009号',
    });
    expect((await printed(opened.id, 'delivery')).data).toMatchObject({
      kind: 'delivery',
      document: '办结通知书',
      certificateNo: '乡字第2026-009号',
      deliveredOn: null,
    });
    await step(opened.id, 'deliver', { version: concluded.version, method: 'window' });
    const delivered = await printed(opened.id, 'delivery');
    expect(delivered.status).toBe(200);
    expect(delivered.data).toMatchObject({ methodLabel: '窗口领取（直接送达）', deliveredOn: '2026-10-15' });
  });
});
