import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_SCOPE } from '../../../db/db.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';
import { toNoticeData } from './data.ts';
import { chineseDate, noticeLines, renderNoticePdf, STANDARD_REMEDIES, type NoticeData, type NoticeKind } from './pdf.ts';
import * as repo from '../repo.ts';

const BASE = {
  centerName: '乐里镇便民服务中心',
  centerAddress: '乐里镇新昌路 8 号',
  centerPhone: '0776-7211001',
  caseNo: '451029101000-20261015-0001',
  applicantName: '韦光明',
  applicantIdNumber: '451029********0017',
  itemName: '农村村民宅基地和建房（规划许可）审批',
  receivedOn: '2026-10-15',
  promisedDays: 5,
  issuedOn: '2026-10-15',
};

describe('notice content (pure)', () => {
  it('writes dates the way official documents do', () => {
    expect(chineseDate('2026-11-22')).toBe('2026年11月22日');
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
  });

  it('受理通知书: center, title, number, applicant, item, dates, promised days, seal and date of issue', () => {
    const data: NoticeData = {
      ...BASE,
      kind: 'accepted',
      acceptedOn: '2026-10-15',
      dueOn: '2026-10-22',
      isDeemed: false,
      pendingMaterials: [],
      pendingDueOn: null,
    };
    expect(noticeLines(data)).toEqual([
      '乐里镇便民服务中心',
      '受理通知书',
      '办件编号：451029101000-20261015-0001',
      '申请人：韦光明',
      '证件号码：451029********0017',
      '申请事项：农村村民宅基地和建房（规划许可）审批',
      '收件日期：2026年10月15日',
      '受理日期：2026年10月15日',
      '承诺时限：5个工作日',
      '办结期限：2026年10月22日',
      '韦光明：',
      '您（单位）于2026年10月15日提交的“农村村民宅基地和建房（规划许可）审批”申请，申请材料齐全、符合法定形式。依据《中华人民共和国行政许可法》第三十二条，本中心决定予以受理。',
      '本事项承诺办结时限为5个工作日，本中心将于2026年10月22日前办结（依法需要听证、检验、检测、鉴定、专家评审等的时间不计算在内）。',
      '请妥善保管本通知书。您可凭办件编号和预留手机号后4位查询办理进度。咨询电话：0776-7211001。',
      '本通知书一式两份，一份交申请人，一份由本中心存档。',
      '乐里镇便民服务中心',
      '2026年10月15日',
      '申请人（代理人）签收：____________',
      '签收日期：______年____月____日',
    ]);
  });

  it('容缺受理 lists the pending materials and their deadline; a deemed acceptance cites 第三十二条', () => {
    const pending = noticeLines({
      ...BASE,
      kind: 'accepted',
      acceptedOn: '2026-10-15',
      dueOn: '2026-10-22',
      isDeemed: false,
      pendingMaterials: ['户口簿'],
      pendingDueOn: '2026-10-20',
    });
    expect(pending).toContain('容缺材料：户口簿（2026年10月20日前补交）');
    expect(pending).toContain('1. 户口簿');
    expect(pending.join('\n')).toContain('本中心决定予以容缺受理。请于2026年10月20日前补交以下材料：');
    const deemed = noticeLines({
      ...BASE,
      kind: 'accepted',
      acceptedOn: '2026-10-15',
      dueOn: '2026-10-22',
      isDeemed: true,
      pendingMaterials: [],
      pendingDueOn: null,
      issuedOn: '2026-10-23',
    });
    expect(deemed.join('\n')).toContain('自收到申请材料之日起即为受理');
    expect(deemed).toContain('受理日期：2026年10月15日');
    expect(deemed.at(-3)).toBe('2026年10月23日');
  });

  it('不予受理通知书: the reason, the stated remedies once, and the statutory 复议/诉讼 sentence', () => {
    const lines = noticeLines({ ...BASE, kind: 'refused', reason: '申请事项不属于本中心职权范围', remedies: '请向县自然资源局申请' });
    expect(lines[1]).toBe('不予受理通知书');
    expect(lines).toContain('不予受理理由：申请事项不属于本中心职权范围');
    expect(lines).toContain('告知事项：请向县自然资源局申请');
    expect(lines).toContain('如不服本决定，可在收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。');
    const repeated = noticeLines({ ...BASE, kind: 'refused', reason: '不符合条件', remedies: STANDARD_REMEDIES });
    expect(repeated.filter((line) => line.includes('行政复议'))).toHaveLength(1);
  });

  it('一次性告知书 lists every material to supply with its reason', () => {
    const lines = noticeLines({
      ...BASE,
      kind: 'supplement',
      materials: [
        { name: '户口簿', reason: '未提供' },
        { name: '申请人居民身份证', reason: '复印件不清晰' },
      ],
      note: '请携带原件核验',
    });
    expect(lines[1]).toBe('一次性告知书');
    expect(lines).toEqual(expect.arrayContaining(['1. 户口簿：未提供', '2. 申请人居民身份证：复印件不清晰', '其他说明：请携带原件核验']));
    expect(lines.join('\n')).toContain('现一次性告知您需要补正的全部内容如下：');
    expect(lines.some((line) => line.startsWith('办理情形'))).toBe(false);
  });

  it('一次性告知书 names the 办理情形 its material list was drawn for', () => {
    const lines = noticeLines({
      ...BASE,
      itemName: '最低生活保障申请',
      situations: ['家庭成员中有残疾人', '家庭成员患重大疾病'],
      kind: 'supplement',
      materials: [{ name: '残疾人证', reason: '未提供' }],
      note: '',
    });
    expect(lines).toContain('办理情形：家庭成员中有残疾人、家庭成员患重大疾病');
  });

  it('办结通知书: granted with certificate and pick-up; denied with reason and remedies', () => {
    const concluded = {
      ...BASE,
      kind: 'concluded' as const,
      acceptedOn: '2026-10-15',
      dueOn: '2026-10-22',
      reason: '',
      remedies: '',
      issuedOn: '2026-10-20',
    };
    const granted = noticeLines({ ...concluded, result: 'granted', certificateNo: '乡字第2026-001号' });
    expect(granted).toEqual(
      expect.arrayContaining(['办理结果：准予许可', '办结日期：2026年10月20日', '证照（批文）编号：乡字第2026-001号']),
    );
    expect(granted.join('\n')).toContain('到乐里镇便民服务中心（乐里镇新昌路 8 号）领取办理结果');
    expect(granted.join('\n')).not.toContain('行政复议');
    const denied = noticeLines({ ...concluded, result: 'denied', reason: '选址位于基本农田保护区', certificateNo: '' });
    expect(denied).toEqual(expect.arrayContaining(['办理结果：不予许可', '不予许可理由：选址位于基本农田保护区', STANDARD_REMEDIES]));
  });

  it('renders an A4 PDF with the Chinese font embedded', async () => {
    const pdf = await renderNoticePdf({ ...BASE, kind: 'refused', reason: '不符合条件', remedies: '' });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
  });
});

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let other: TownshipFixture;
let clerk: { authorization: string };

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const ALL_MATERIALS = [
  { name: '农村宅基地和建房（规划许可）申请表', received: true },
  { name: '申请人居民身份证', received: true },
  { name: '户口簿', received: true },
];

async function open(materials = ALL_MATERIALS): Promise<{ id: string; version: number }> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, randomUUID()),
    payload: { itemCode: 'ZJD-001', applicant: APPLICANT, channel: 'window', materials },
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<{ id: string; version: number }>();
}

async function act(id: string, name: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const response = await env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(clerk), payload: body });
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json<{ id: string; version: number }>();
}

const notice = (id: string, kind: string, headers: Record<string, string> = clerk) =>
  env.app.inject({ method: 'GET', url: `/api/cases/${id}/notices/${kind}`, headers });

/** The lines the route prints, from the rows and events the acts really wrote. */
async function linesOf(id: string, kind: NoticeKind): Promise<string[]> {
  return env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const record = await repo.findCase(tx, id);
    if (!record) throw new Error('case missing');
    return noticeLines(
      toNoticeData(kind, record, await repo.listCaseEvents(tx, id), {
        name: town.township.name,
        address: '镇政府大院',
        phone: '0776-7211001',
      }),
    );
  });
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

describe('GET /api/cases/:id/notices/:kind', () => {
  it('prints the 受理通知书 of an accepted case as an inline A4 PDF named in Chinese', async () => {
    const opened = await open();
    await act(opened.id, 'accept', { version: opened.version });
    const response = await notice(opened.id, 'accepted');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const caseNo = (await linesOf(opened.id, 'accepted'))[2]?.replace('办件编号：', '') ?? '';
    expect(response.headers['content-disposition']).toBe(
      `inline; filename="accepted-${caseNo}.pdf"; filename*=UTF-8''${encodeURIComponent(`受理通知书-${caseNo}.pdf`)}`,
    );
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(text).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC/);
    expect(text).toContain('/FontFile2');
    if (process.env.YIZHAN_PDF_OUT) writeFileSync(`${process.env.YIZHAN_PDF_OUT}/notice-accepted.pdf`, pdf);
    const lines = await linesOf(opened.id, 'accepted');
    expect(lines).toEqual(
      expect.arrayContaining([
        town.township.name,
        '受理通知书',
        '证件号码：451029********0017',
        '受理日期：2026年10月15日',
        '办结期限：2026年10月22日',
        '2026年10月15日',
      ]),
    );
    expect(lines.join('\n')).not.toContain('451029198503120017');
  });

  it('is laid out on the heavy-work pool, not on the event loop (CONVENTIONS 16)', async () => {
    const opened = await open();
    await act(opened.id, 'accept', { version: opened.version });
    const run = vi.spyOn(env.ctx.heavy, 'run');
    try {
      expect((await notice(opened.id, 'accepted')).rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(run.mock.calls.map(([task]) => task.exportName)).toEqual(['renderNoticePdf']);
    } finally {
      run.mockRestore();
    }
  });

  it('a county supervisor may print it too (same roles and scope as reading the case)', async () => {
    const opened = await open();
    await act(opened.id, 'accept', { version: opened.version });
    expect((await notice(opened.id, 'accepted', await signIn(env, county.supervisor.username))).statusCode).toBe(200);
  });

  it('prints the 一次性告知书 with every material the request named', async () => {
    const opened = await open(ALL_MATERIALS.slice(0, 1));
    await act(opened.id, 'request-supplement', {
      version: opened.version,
      materials: [
        { name: '申请人居民身份证', reason: '未提供' },
        { name: '户口簿', reason: '未提供户主页' },
      ],
      note: '请一并携带原件',
    });
    expect((await notice(opened.id, 'supplement')).statusCode).toBe(200);
    expect(await linesOf(opened.id, 'supplement')).toEqual(
      expect.arrayContaining(['一次性告知书', '1. 申请人居民身份证：未提供', '2. 户口簿：未提供户主页', '其他说明：请一并携带原件']),
    );
  });

  it('prints the 不予受理通知书 with the reason and the statutory remedies', async () => {
    const opened = await open();
    await act(opened.id, 'refuse', { version: opened.version, reason: '申请人不属于本集体经济组织成员', remedies: '' });
    expect((await notice(opened.id, 'refused')).statusCode).toBe(200);
    expect(await linesOf(opened.id, 'refused')).toEqual(
      expect.arrayContaining(['不予受理理由：申请人不属于本集体经济组织成员', STANDARD_REMEDIES]),
    );
    const accepted = await notice(opened.id, 'accepted');
    expect(accepted.statusCode).toBe(422);
    expect(accepted.headers['content-type']).toContain('application/problem+json');
    expect(accepted.json()).toMatchObject({ code: 'CASE_NOTICE_NOT_APPLICABLE', detail: '该办件尚未受理，不能出具受理通知书。' });
  });

  it('prints the 办结通知书 of a denied case with reason, remedies and where to collect', async () => {
    const opened = await open();
    const accepted = await act(opened.id, 'accept', { version: opened.version });
    await act(opened.id, 'conclude', {
      version: accepted.version,
      result: 'denied',
      reason: '选址位于基本农田保护区',
      remedies: '可另行选址后重新申请',
    });
    expect((await notice(opened.id, 'concluded')).statusCode).toBe(200);
    const lines = await linesOf(opened.id, 'concluded');
    expect(lines).toEqual(
      expect.arrayContaining([
        '办理结果：不予许可',
        '不予许可理由：选址位于基本农田保护区',
        '告知事项：可另行选址后重新申请',
        STANDARD_REMEDIES,
      ]),
    );
    expect(lines.join('\n')).toContain(`到${town.township.name}（镇政府大院）领取不予许可决定书及申请材料`);
  });

  it('answers 422 with a stable code for notices the case never had', async () => {
    const opened = await open();
    for (const [kind, detail] of [
      ['accepted', '该办件尚未受理，不能出具受理通知书。'],
      ['refused', '该办件未作出不予受理决定，不能出具不予受理通知书。'],
      ['supplement', '该办件没有一次性告知补正的记录，不能出具一次性告知书。'],
      ['concluded', '该办件尚未办结，不能出具办结通知书。'],
    ] as const) {
      const response = await notice(opened.id, kind);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ code: 'CASE_NOTICE_NOT_APPLICABLE', detail });
    }
  });

  it('is documented in OpenAPI under cases, with the kinds as an enum', async () => {
    const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { tags: string[]; summary: string; parameters: unknown[] } }>;
    }>();
    const operation = spec.paths['/api/cases/{id}/notices/{kind}']?.get;
    expect(operation?.tags).toEqual(['cases']);
    expect(operation?.summary).toContain('通知书');
    expect(JSON.stringify(operation?.parameters)).toContain(
      '["accepted","refused","supplement","concluded","extended","suspended","receipt","delivery"]',
    );
  });

  it('404 for another township’s case, 401 unsigned, 400 for an unknown kind', async () => {
    const opened = await open();
    await act(opened.id, 'accept', { version: opened.version });
    const outsider = await signIn(env, other.window.username);
    const foreign = await notice(opened.id, 'accepted', outsider);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect((await notice(opened.id, 'accepted', {})).statusCode).toBe(401);
    const unknown = await notice(opened.id, 'approval');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('通知书类型应为');
  });
});
