import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { toNoticeData } from './notice-documents/data.ts';
import { noticeLines } from './notice-documents/pdf.ts';
import * as repo from './repo.ts';

let env: TestEnv;
let town: TownshipFixture;
let clerk: { authorization: string };

const APPLICANT = { type: 'person', name: '蒙桂兰', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇百乐村' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-16T09:00:00+08:00' });
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
});
afterAll(async () => env.close());

async function at(instant: string): Promise<void> {
  env.clock.set(instant);
  clerk = await signIn(env, town.window.username);
}

async function act(id: string, name: string, body: Record<string, unknown> = {}) {
  const current = (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: clerk })).json<{ version: number }>();
  const response = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/${name}`,
    headers: changeHeaders(clerk),
    payload: { version: current.version, ...body },
  });
  if (response.statusCode !== 200) throw new Error(`${name}: ${response.body}`);
  return response.json<{ due: string; dayKind: string }>();
}

describe('时限计算方式: an item that counts natural days (自然日)', () => {
  it('is due 15 natural days on, moved to the next working day when that is a rest day; a special procedure moves it by the natural days it took', async () => {
    await at('2026-10-16T09:00:00+08:00'); // a Friday
    const opened = await env.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: changeHeaders(clerk, randomUUID()),
      payload: { itemCode: 'TJ-001', applicant: APPLICANT, channel: 'window', materials: [{ name: '调解申请书', received: true }] },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id } = opened.json<{ id: string }>();
    // 10-16 + 15 = Sat 10-31 → Mon 11-02.
    expect(await act(id, 'accept')).toMatchObject({ due: '2026-11-02', dayKind: 'calendar' });

    await at('2026-10-20T09:00:00+08:00');
    await act(id, 'suspend', { procedure: 'site_survey', reason: '双方到场勘查地界' });
    await at('2026-10-23T09:00:00+08:00');
    // Three natural days stood still: 11-02 + 3 = Thu 11-05.
    expect((await act(id, 'resume', { result: '勘查完毕' })).due).toBe('2026-11-05');

    const lines = await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
      const record = await repo.findCase(tx, id);
      if (!record) throw new Error('case missing');
      return noticeLines(
        toNoticeData('accepted', record, await repo.listCaseEvents(tx, id), { name: town.township.name, address: '', phone: '' }),
      );
    });
    expect(lines).toContain('承诺时限：15个自然日');
  });

  it('a working-day item keeps counting working days', async () => {
    await at('2026-10-16T09:00:00+08:00');
    const opened = await env.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: changeHeaders(clerk, randomUUID()),
      payload: {
        itemCode: 'ZJD-001',
        applicant: APPLICANT,
        channel: 'window',
        materials: [
          { name: '农村宅基地和建房（规划许可）申请表', received: true },
          { name: '申请人居民身份证', received: true },
          { name: '户口簿', received: true },
        ],
      },
    });
    const { id } = opened.json<{ id: string }>();
    expect(await act(id, 'accept')).toMatchObject({ due: '2026-10-23', dayKind: 'working' });
  });
});
