import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { toNoticeData } from './notice-documents/data.ts';
import { noticeLines } from './notice-documents/pdf.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import * as repo from './repo.ts';

let env: TestEnv;
let town: TownshipFixture;
let clerk: { authorization: string };

const APPLICANT = { type: 'person', name: '罗德明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
});
afterAll(async () => env.close());

async function act(id: string, name: string, body: Record<string, unknown>) {
  return env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(clerk), payload: body });
}

describe('明确答复件 (reply): concluded with a written answer', () => {
  it('refuses a conclusion without the answer, records the answer and prints it on the 办结通知书', async () => {
    const opened = await env.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: changeHeaders(clerk, randomUUID()),
      payload: { itemCode: 'XF-001', applicant: APPLICANT, channel: 'window', materials: [{ name: '信访事项材料', received: true }] },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id, version } = opened.json<{ id: string; version: number }>();
    const accepted = await act(id, 'accept', { version });
    expect(accepted.json()).toMatchObject({ status: 'accepted', due: '2026-11-05' });
    const current = accepted.json<{ version: number }>().version;

    const silent = await act(id, 'conclude', { version: current, result: 'granted' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json<{ detail: string }>().detail).toContain('书面答复');

    const answer = '经核实，弄瓦村道路硬化已列入 2027 年一事一议项目，预计 2027 年 6 月前完工。';
    const concluded = await act(id, 'conclude', { version: current, result: 'granted', answer });
    expect(concluded.statusCode, concluded.body).toBe(200);
    expect(concluded.json<{ events: { act: string; payload: Record<string, unknown> }[] }>().events.at(-1)?.payload).toMatchObject({
      answer,
    });

    const printed = await env.app.inject({ method: 'GET', url: `/api/cases/${id}/notices/concluded`, headers: clerk });
    expect(printed.statusCode).toBe(200);
    const lines = await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
      const record = await repo.findCase(tx, id);
      if (!record) throw new Error('case missing');
      return noticeLines(
        toNoticeData('concluded', record, await repo.listCaseEvents(tx, id), { name: town.township.name, address: '', phone: '' }),
      );
    });
    expect(lines).toEqual(expect.arrayContaining(['办理结果：已书面答复', `答复内容：${answer}`]));
  });
});
