import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { makeCase, rate, RATER, RATER_CHECK } from '../../../test/support/rated-cases.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { runDefaultRatingJob } from './index.ts';

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let other: TownshipFixture;
let clerk: { authorization: string };
let director: { authorization: string };

interface Loop {
  id: string;
  stage: string;
  dueOn: string;
  version: number;
  caseNo: string;
  allowedActs: string[];
  warning: string;
}

beforeAll(async () => {
  // The default-rating job reads every tenant's concluded cases: this file has its own database.
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00', isolated: true });
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  clerk = await signIn(env, town.window.username);
  director = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

async function countRatings(): Promise<number> {
  return env.db.transaction(
    SYSTEM_SCOPE,
    async (tx) => (await tx.query<{ n: number }>('select count(*)::int as n from ratings')).rows[0]?.n ?? 0,
  );
}

async function openLoops(auth = director): Promise<Loop[]> {
  const response = await env.app.inject({ method: 'GET', url: '/api/rectifications?status=open', headers: auth });
  expect(response.statusCode).toBe(200);
  return response.json<{ rectifications: Loop[] }>().rectifications;
}

describe('POST /api/public/ratings', () => {
  it('a 非常不满意 opens a rectification at the handling unit, 核实 due the next working day', async () => {
    const { caseNo } = await makeCase(env, clerk);
    const response = await rate(env, { caseNo, check: RATER_CHECK, level: 5, reasons: ['服务态度差'], comment: '窗口人员不耐烦' });
    expect(response.statusCode).toBe(201);
    expect(Object.keys(response.json<{ id: string }>())).toEqual(['id']);
    const loop = (await openLoops()).find((item) => item.caseNo === caseNo);
    // Thursday 2026-10-15 → Friday 2026-10-16 (one working day, the day of the rating not counted).
    expect(loop).toMatchObject({ stage: 'verify', dueOn: '2026-10-16', allowedActs: ['verify'], warning: 'pre' });
    // The director's to-do lists it (due date and warning; the rater is never named).
    const todo = await env.app.inject({ method: 'GET', url: '/api/todo', headers: director });
    const section = todo
      .json<{ sections: { key: string; items: { number: string; due: string }[] }[] }>()
      .sections.find((item) => item.key === 'rectifications');
    expect(section?.items).toEqual(expect.arrayContaining([expect.objectContaining({ number: caseNo, due: '2026-10-16' })]));
    expect(todo.body).not.toContain(RATER.name);
  });

  it('一事一评: a second rating of the same case is 409 and changes nothing', async () => {
    const { caseNo } = await makeCase(env, clerk);
    expect((await rate(env, { caseNo, check: RATER_CHECK, level: 1 })).statusCode).toBe(201);
    const before = await countRatings();
    const again = await rate(env, { caseNo, check: RATER_CHECK, level: 4, reasons: ['多次跑动'] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'RATING_DUPLICATE' });
    expect(await countRatings()).toBe(before);
  });

  it('a wrong check answers exactly like an unknown case', async () => {
    const { caseNo } = await makeCase(env, clerk);
    const wrong = await rate(env, { caseNo, check: '0000', level: 1 });
    const unknown = await rate(env, { caseNo: 'XX-0', check: RATER_CHECK, level: 1 });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
  });

  it('a case not yet concluded cannot be rated; reasons of another level are refused', async () => {
    const open = await makeCase(env, clerk, { isConcluded: false });
    const early = await rate(env, { caseNo: open.caseNo, check: RATER_CHECK, level: 2 });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'RATING_NOT_YET' });
    const { caseNo } = await makeCase(env, clerk);
    const mixed = await rate(env, { caseNo, check: RATER_CHECK, level: 1, reasons: ['服务态度差'] });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json()).toMatchObject({ code: 'RATING_INVALID' });
    expect((await rate(env, { caseNo, check: RATER_CHECK, level: 0 })).statusCode).toBe(400);
  });

  it('two ratings of the same case at once: one is taken, the other is 409, one loop opens', async () => {
    const { caseNo } = await makeCase(env, clerk);
    const before = await countRatings();
    const answers = await Promise.all([
      rate(env, { caseNo, check: RATER_CHECK, level: 5, reasons: ['推诿扯皮'] }),
      rate(env, { caseNo, check: RATER_CHECK, level: 4, reasons: ['多次跑动'] }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    expect(await countRatings()).toBe(before + 1);
    expect((await openLoops()).filter((item) => item.caseNo === caseNo)).toHaveLength(1);
  });

  it('is idempotent: the same key answers the same rating once; no key is refused', async () => {
    const { caseNo } = await makeCase(env, clerk);
    const key = randomUUID();
    const first = await rate(env, { caseNo, check: RATER_CHECK, level: 2 }, key);
    const before = await countRatings();
    const replay = await rate(env, { caseNo, check: RATER_CHECK, level: 2 }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(await countRatings()).toBe(before);
    const keyless = await env.app.inject({ method: 'POST', url: '/api/public/ratings', payload: { caseNo, check: RATER_CHECK, level: 2 } });
    expect(keyless.statusCode).toBe(400);
  });
});

describe('staff views are confidential', () => {
  it('no rating route shows the rater to any role; a supervisor reveals through an audited act', async () => {
    const { caseNo } = await makeCase(env, clerk);
    const rated = (await rate(env, { caseNo, check: RATER_CHECK, level: 4, reasons: ['多次跑动'], comment: '跑了三次' })).json<{
      id: string;
    }>();
    const month = '2026-10';
    for (const username of [
      town.window.username,
      town.director.username,
      town.reviewer.username,
      county.supervisor.username,
      county.admin.username,
    ]) {
      const auth = await signIn(env, username);
      const list = await env.app.inject({ method: 'GET', url: `/api/ratings?org=${town.township.code}&month=${month}`, headers: auth });
      expect(list.statusCode).toBe(200);
      const loops = await env.app.inject({ method: 'GET', url: '/api/rectifications?status=all', headers: auth });
      for (const body of [list.body, loops.body]) {
        expect(body).not.toContain(RATER.name);
        expect(body).not.toContain(RATER.phone);
        expect(body).not.toContain('2345');
      }
      expect(list.json<{ ratings: { caseNo: string; comment: string }[] }>().ratings).toEqual(
        expect.arrayContaining([expect.objectContaining({ caseNo, comment: '跑了三次' })]),
      );
    }
    const byDirector = await env.app.inject({
      method: 'POST',
      url: `/api/ratings/${rated.id}/reveal`,
      headers: changeHeaders(director),
      payload: { reason: '核实差评' },
    });
    expect(byDirector.statusCode).toBe(403);
    const supervisor = await signIn(env, county.supervisor.username);
    const revealed = await env.app.inject({
      method: 'POST',
      url: `/api/ratings/${rated.id}/reveal`,
      headers: changeHeaders(supervisor),
      payload: { reason: '申诉复核需核实评价人' },
    });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ raterName: RATER.name, raterPhone: RATER.phone });
    const audited = await env.db.transaction(SYSTEM_SCOPE, async (tx) =>
      tx.query('select 1 from audit_log where action = $1 and target_id = $2', ['ratings.rating.reveal', rated.id]),
    );
    expect(audited.rows).toHaveLength(1);
  });

  it('another township neither lists, opens nor acts on the ratings and loops', async () => {
    const { caseNo } = await makeCase(env, clerk);
    await rate(env, { caseNo, check: RATER_CHECK, level: 5, reasons: ['推诿扯皮'] });
    const loop = (await openLoops()).find((item) => item.caseNo === caseNo);
    if (!loop) throw new Error('no loop');
    const outsider = await signIn(env, other.director.username);
    const list = await env.app.inject({ method: 'GET', url: `/api/ratings?org=${town.township.code}&month=2026-10`, headers: outsider });
    expect(list.statusCode).toBe(404);
    expect((await openLoops(outsider)).map((item) => item.id)).not.toContain(loop.id);
    expect((await env.app.inject({ method: 'GET', url: `/api/rectifications/${loop.id}`, headers: outsider })).statusCode).toBe(404);
    const acted = await env.app.inject({
      method: 'POST',
      url: `/api/rectifications/${loop.id}/acts`,
      headers: changeHeaders(outsider),
      payload: { act: 'verify', version: loop.version, note: '已电话联系' },
    });
    expect(acted.statusCode).toBe(404);
    expect((await openLoops()).find((item) => item.id === loop.id)).toMatchObject({ stage: 'verify', version: loop.version });
  });
});

describe('默认评价', () => {
  it('gives 基本满意 (defaulted) to a concluded case unrated after 7 natural days, once', async () => {
    const { caseNo } = await makeCase(env, clerk);
    const rated = await makeCase(env, clerk);
    await rate(env, { caseNo: rated.caseNo, check: RATER_CHECK, level: 1 });
    await runDefaultRatingJob(env.db, new Date('2026-10-21T09:00:00+08:00'), env.ctx.auditKey);
    const status = async (no: string) =>
      (await env.app.inject({ method: 'GET', url: `/api/public/ratings/${no}?check=${RATER_CHECK}` })).json<{
        isRateable: boolean;
        rating: { level: string; isDefaulted: boolean } | null;
      }>();
    expect((await status(caseNo)).rating).toBeNull();
    await runDefaultRatingJob(env.db, new Date('2026-10-22T09:30:00+08:00'), env.ctx.auditKey);
    await runDefaultRatingJob(env.db, new Date('2026-10-22T10:30:00+08:00'), env.ctx.auditKey);
    const defaulted = await status(caseNo);
    expect(defaulted).toMatchObject({ isRateable: false, rating: { level: 'basic', isDefaulted: true }, rectification: null });
    expect((await status(rated.caseNo)).rating).toMatchObject({ level: 'very_satisfied', isDefaulted: false });
    const audits = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query(`select 1 from audit_log where action = 'ratings.rating.default' and summary->>'caseNo' = $1`, [caseNo]),
    );
    expect(audits.rows).toHaveLength(1);
    const list = (
      await env.app.inject({ method: 'GET', url: `/api/ratings?org=${town.township.code}&month=2026-10`, headers: director })
    ).json<{ ratings: { caseNo: string; isDefaulted: boolean }[]; counts: { defaulted: number } }>();
    expect(list.ratings.filter((item) => item.caseNo === caseNo)).toHaveLength(1);
    expect(list.counts.defaulted).toBeGreaterThanOrEqual(1);
  });
});

describe('the rating link', () => {
  it('the SMS on 办结 carries the public rating address of the case', async () => {
    env.ctx.config.publicUrl = 'https://yizhan.example.gov.cn';
    try {
      const { id, caseNo } = await makeCase(env, clerk);
      const notices = (await env.app.inject({ method: 'GET', url: `/api/notices?caseId=${id}`, headers: clerk })).json<{
        notices: { message: string }[];
      }>().notices;
      expect(notices.map((notice) => notice.message)).toEqual(
        expect.arrayContaining([expect.stringContaining(`请对本次办理评价：https://yizhan.example.gov.cn/track?no=${caseNo}&rate=1`)]),
      );
    } finally {
      delete env.ctx.config.publicUrl;
    }
  });
});
