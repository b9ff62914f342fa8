import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../../test/support/factories.ts';
import { makeCase, rate, RATER_CHECK } from '../../../../test/support/rated-cases.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let clerk: { authorization: string };
let director: { authorization: string };

interface Loop {
  id: string;
  caseNo: string;
  stage: string;
  dueOn: string | null;
  version: number;
  allowedActs: string[];
  answer: string | null;
  raterView: string | null;
  history: { act: string }[];
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00' });
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  clerk = await signIn(env, town.window.username);
  director = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

async function badRating(): Promise<{ caseNo: string; loop: Loop }> {
  const { caseNo } = await makeCase(env, clerk);
  expect((await rate(env, { caseNo, check: RATER_CHECK, level: 4, reasons: ['多次跑动'] })).statusCode).toBe(201);
  const list = await env.app.inject({ method: 'GET', url: '/api/rectifications', headers: director });
  const loop = list.json<{ rectifications: Loop[] }>().rectifications.find((item) => item.caseNo === caseNo);
  if (!loop) throw new Error('no loop opened');
  return { caseNo, loop };
}

async function act(loop: Loop, body: Record<string, unknown>, auth = director, key?: string) {
  return env.app.inject({
    method: 'POST',
    url: `/api/rectifications/${loop.id}/acts`,
    headers: changeHeaders(auth, key),
    payload: { version: loop.version, ...body },
  });
}

async function step(loop: Loop, body: Record<string, unknown>, auth = director): Promise<Loop> {
  const response = await act(loop, body, auth);
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json<Loop>();
}

describe('the 差评 loop', () => {
  it('核实 → 真实问题 → 整改 → 反馈 → the rater judges the fix on the tracking page → 回访 → 办结, each step due on working days', async () => {
    const { caseNo, loop } = await badRating();
    let current = await step(loop, { act: 'verify', note: '已电话联系评价人，情况属实' });
    // Thursday: 分类 due Friday; after 真实问题, 整改 is due 5 working days later (next Thursday).
    expect(current).toMatchObject({ stage: 'classify', dueOn: '2026-10-16', allowedActs: ['classify'] });
    current = await step(current, { act: 'classify', classification: 'real', note: '窗口一次性告知不到位' });
    expect(current).toMatchObject({ stage: 'rectify', dueOn: '2026-10-22' });
    current = await step(current, { act: 'rectify', note: '对窗口人员进行一次性告知培训' });
    current = await step(current, { act: 'answer', note: '您反映的问题属实，我们已整改，感谢监督。' });
    expect(current).toMatchObject({ stage: 'view', answer: '您反映的问题属实，我们已整改，感谢监督。' });

    const seen = await env.app.inject({ method: 'GET', url: `/api/public/ratings/${caseNo}?check=${RATER_CHECK}` });
    expect(seen.json()).toMatchObject({
      rectification: { answer: '您反映的问题属实，我们已整改，感谢监督。', isAwaitingView: true, raterView: null },
    });
    const judged = await env.app.inject({
      method: 'POST',
      url: `/api/public/ratings/${caseNo}/rater-view`,
      headers: { 'idempotency-key': `view-${caseNo}` },
      payload: { check: RATER_CHECK, view: 'basic' },
    });
    expect(judged.statusCode).toBe(200);
    expect(judged.json()).toMatchObject({ rectification: { isAwaitingView: false, raterView: 'basic' } });
    const again = await env.app.inject({
      method: 'POST',
      url: `/api/public/ratings/${caseNo}/rater-view`,
      headers: { 'idempotency-key': `view2-${caseNo}` },
      payload: { check: RATER_CHECK, view: 'satisfied' },
    });
    expect(again.statusCode).toBe(409);

    current = (await env.app.inject({ method: 'GET', url: `/api/rectifications/${loop.id}`, headers: director })).json<Loop>();
    expect(current).toMatchObject({ stage: 'callback', raterView: 'basic', allowedActs: ['call-back'] });
    current = await step(current, { act: 'call-back', note: '回访：评价人认可整改' });
    expect(current).toMatchObject({ stage: 'closed', dueOn: null, allowedActs: [] });
    expect(current.history.map((entry) => entry.act)).toEqual([
      'open',
      'verify',
      'classify',
      'rectify',
      'answer',
      'rater-view',
      'call-back',
    ]);
    const open = await env.app.inject({ method: 'GET', url: '/api/rectifications?status=open', headers: director });
    expect(open.body).not.toContain(loop.id);
    // 差评整改率: the month's closed loops are counted with the ratings.
    const month = (await env.app.inject({ method: 'GET', url: '/api/ratings?month=2026-10&level=dissatisfied', headers: director })).json<{
      counts: { bad: number; rectified: number };
    }>();
    expect(month.counts).toMatchObject({ bad: 1, rectified: 1 });
  });

  it('恶意或误评 goes to 申诉复核: only a supervisor decides; upheld closes the loop', async () => {
    const { loop } = await badRating();
    let current = await step(loop, { act: 'verify', note: '已联系评价人' });
    current = await step(current, { act: 'classify', classification: 'disputed', note: '评价人误点' });
    expect(current).toMatchObject({ stage: 'appeal', allowedActs: [] });
    const byDirector = await act(current, { act: 'decide-appeal', isUpheld: true });
    expect(byDirector.statusCode).toBe(409);
    expect(byDirector.json()).toMatchObject({ code: 'RECTIFICATION_ACT_REFUSED', allowedActs: [] });
    const supervisor = await signIn(env, county.supervisor.username);
    current = await step(current, { act: 'decide-appeal', isUpheld: true, note: '录音证实为误评' }, supervisor);
    expect(current.stage).toBe('closed');
  });

  it('refuses a skipped step naming the allowed act, a stale version and a clerk; nothing changes', async () => {
    const { loop } = await badRating();
    const skipped = await act(loop, { act: 'answer', note: '直接答复' });
    expect(skipped.statusCode).toBe(409);
    expect(skipped.json()).toMatchObject({ code: 'RECTIFICATION_ACT_REFUSED', allowedActs: ['verify'] });
    const stale = await act({ ...loop, version: loop.version + 5 }, { act: 'verify', note: '已联系' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await act(loop, { act: 'verify', note: '已联系' }, clerk)).statusCode).toBe(403);
    const missing = await act(loop, { act: 'verify' });
    expect(missing.statusCode).toBe(400);
    const after = (await env.app.inject({ method: 'GET', url: `/api/rectifications/${loop.id}`, headers: director })).json<Loop>();
    expect(after).toMatchObject({ stage: 'verify', version: loop.version });
  });

  it('an act is idempotent by key: the replay answers the same and moves nothing', async () => {
    const { loop } = await badRating();
    const first = await act(loop, { act: 'verify', note: '已联系' }, director, `verify-${loop.id}`);
    const replay = await act(loop, { act: 'verify', note: '已联系' }, director, `verify-${loop.id}`);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const after = (await env.app.inject({ method: 'GET', url: `/api/rectifications/${loop.id}`, headers: director })).json<Loop>();
    expect(after).toMatchObject({ stage: 'classify', version: loop.version + 1 });
  });
});
