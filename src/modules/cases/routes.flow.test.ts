import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { changeHeaders, createCounty, createTownship, signIn, type TownshipFixture } from '../../../test/support/factories.ts';
import { holdIdempotencyKey, holdRow, untilWaiting } from '../../../test/support/locks.ts';
import { createTestEnv, isPostgres, type TestEnv } from '../../../test/support/test-env.ts';
import { runWarningJob } from './index.ts';
import { businessDateOf } from '../../shared/business-date.ts';

let env: TestEnv;
let town: TownshipFixture;
let other: TownshipFixture;
let supervisorName = '';
let clerk: { authorization: string };
let director: { authorization: string };

interface CaseBody {
  id: string;
  caseNo: string;
  status: string;
  version: number;
  due: string | null;
  warning: string;
  allowedActs: string[];
  applicant: { idNumber: string; phone: string };
  events: { act: string }[];
}

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '乐里镇弄瓦村' };
const ALL_MATERIALS = [
  { name: '农村宅基地和建房（规划许可）申请表', received: true },
  { name: '申请人居民身份证', received: true },
  { name: '户口簿', received: true },
];

beforeAll(async () => {
  // The warning job reads every tenant's cases: on a shared PostgreSQL it would grade other files' cases at this file's clock.
  env = await createTestEnv({ now: '2026-10-15T09:00:00+08:00', isolated: true });
  const created = await createCounty(env);
  const { county } = created;
  supervisorName = created.supervisor.username;
  town = await createTownship(env, county);
  other = await createTownship(env, county);
  clerk = await signIn(env, town.window.username);
  director = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

/** Moves the clock; sessions idle past 30 minutes end, so the staff sign in again. */
async function travel(at: string): Promise<void> {
  env.clock.set(at);
  clerk = await signIn(env, town.window.username);
  director = await signIn(env, town.director.username);
}

async function open(body: Record<string, unknown> = {}, key = randomUUID()) {
  return env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk, key),
    payload: { itemCode: 'ZJD-001', applicant: APPLICANT, channel: 'window', materials: ALL_MATERIALS, ...body },
  });
}

async function act(id: string, name: string, body: Record<string, unknown>, auth = clerk) {
  return env.app.inject({ method: 'POST', url: `/api/cases/${id}/${name}`, headers: changeHeaders(auth), payload: body });
}

async function get(id: string, auth = clerk): Promise<CaseBody> {
  return (await env.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: auth })).json<CaseBody>();
}

async function openAndAccept(): Promise<CaseBody> {
  const opened = await open();
  if (opened.statusCode !== 201) throw new Error(opened.body);
  const { id } = opened.json<{ id: string }>();
  const current = await get(id);
  const accepted = await act(id, 'accept', { version: current.version });
  if (accepted.statusCode !== 200) throw new Error(accepted.body);
  return accepted.json<CaseBody>();
}

describe('intake (接件)', () => {
  it('opens a case with a readable, sortable number and masked personal data', async () => {
    const response = await open();
    expect(response.statusCode).toBe(201);
    const { id, caseNo, status } = response.json<{ id: string; caseNo: string; status: string }>();
    expect(status).toBe('submitted');
    expect(caseNo).toMatch(new RegExp(`^${town.township.code}-20261015-\\d{4}$`));
    const view = await get(id);
    expect(view.applicant).toMatchObject({ idNumber: '451029********0017', phone: '139****2345' });
    expect(view.allowedActs).toEqual(expect.arrayContaining(['accept', 'refuse', 'request-supplement', 'accept-pending', 'withdraw']));
  });

  it('refuses a wrong ID checksum and a bad phone with Chinese field messages', async () => {
    const response = await open({ applicant: { ...APPLICANT, idNumber: '451029198503120018', phone: '1234' } });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('居民身份证号码不正确');
    expect(response.body).toContain('联系电话格式不正确');
  });

  it('the same key twice opens one case and answers the same', async () => {
    const key = randomUUID();
    const first = await open({}, key);
    const again = await open({}, key);
    expect(first.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const count = await env.db.transaction(
      SYSTEM_SCOPE,
      async (tx) => (await tx.query<{ n: number }>('select count(*)::int as n from idempotency_keys where key = $1', [key])).rows[0]?.n,
    );
    expect(count).toBe(1);
  });

  it.runIf(isPostgres())(
    'the same key 20 times at once opens one case; while it is in flight the others are told so (PostgreSQL)',
    async () => {
      const key = randomUUID();
      const inFlight = await holdIdempotencyKey(env, town.window.id, key);
      const blocked = await Promise.all(Array.from({ length: 20 }, () => open({}, key)));
      await inFlight.release();
      expect(new Set(blocked.map((r) => r.json<{ code: string }>().code))).toEqual(new Set(['IDEMPOTENCY_IN_FLIGHT']));
      const responses = await Promise.all(Array.from({ length: 20 }, () => open({}, key)));
      const ids = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json<{ id: string }>().id));
      expect(ids.size).toBe(1);
      expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
      const count = await env.db.transaction(
        SYSTEM_SCOPE,
        async (tx) => (await tx.query<{ n: number }>('select count(*)::int as n from idempotency_keys where key = $1', [key])).rows[0]?.n,
      );
      expect(count).toBe(1);
    },
  );
});

describe('materials as uploaded files', () => {
  const upload = (auth: { authorization: string }, content: string) =>
    env.app.inject({
      method: 'POST',
      url: '/api/files?name=scan.pdf',
      headers: { ...changeHeaders(auth), 'content-type': 'application/pdf' },
      // A real one-page PDF (uploads are parsed, not sniffed); `content` makes each one's bytes its own.
      payload: Buffer.from(
        `%PDF-1.4\n% ${content}\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
          `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
      ),
    });

  it('attaches the clerk’s own upload, and refuses another township’s file id', async () => {
    const own = (await upload(clerk, 'own')).json<{ id: string }>();
    const opened = await open({ materials: [...ALL_MATERIALS.slice(0, 2), { name: '户口簿', received: true, fileId: own.id }] });
    expect(opened.statusCode).toBe(201);
    const view = (await env.app.inject({ method: 'GET', url: `/api/cases/${opened.json<{ id: string }>().id}`, headers: clerk })).json<{
      materials: { name: string; fileId: string | null }[];
    }>();
    expect(view.materials.find((m) => m.name === '户口簿')?.fileId).toBe(own.id);
    const foreign = (await upload(await signIn(env, other.window.username), 'foreign')).json<{ id: string }>();
    const refused = await open({ materials: [...ALL_MATERIALS.slice(0, 2), { name: '户口簿', received: true, fileId: foreign.id }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'CASE_INVALID' });
  });
});

describe('decisions and the clock', () => {
  it('accepting starts the promised clock in working days (5 working days from Thu 2026-10-15 → Thu 10-22)', async () => {
    const accepted = await openAndAccept();
    expect(accepted).toMatchObject({ status: 'accepted', due: '2026-10-22', warning: 'none' });
  });

  it('asks once for everything missing (一次性告知), then refuses a second notice for what was already received', async () => {
    const { id } = (await open({ materials: [ALL_MATERIALS[0], ALL_MATERIALS[1]] })).json<{ id: string }>();
    let view = await get(id);
    const early = await act(id, 'accept', { version: view.version });
    expect(early.statusCode).toBe(400);
    expect(early.json<{ detail: string }>().detail).toContain('户口簿');
    const notice = await act(id, 'request-supplement', { version: view.version, materials: [{ name: '户口簿', reason: '未提供' }] });
    expect(notice.json()).toMatchObject({ status: 'supplement_requested', supplementNotices: 1 });
    view = await get(id);
    view = (await act(id, 'supplement', { version: view.version, materials: [{ name: '户口簿' }] })).json<CaseBody>();
    expect(view.status).toBe('submitted');
    const second = await act(id, 'request-supplement', {
      version: view.version,
      materials: [{ name: '申请人居民身份证', reason: '复印件不清' }],
    });
    expect(second.statusCode).toBe(422);
    expect(second.json()).toMatchObject({ code: 'CASE_SUPPLEMENT_REPEATED' });
  });

  it('a suspension stops the clock: due moves by exactly the working days suspended', async () => {
    const accepted = await openAndAccept();
    await travel('2026-10-16T10:00:00+08:00');
    const suspended = (
      await act(accepted.id, 'suspend', { version: accepted.version, procedure: 'public_notice', reason: '宅基地申请公示 5 个工作日' })
    ).json<CaseBody>();
    expect(suspended.status).toBe('suspended');
    await travel('2026-10-23T10:00:00+08:00');
    const resumed = (await act(accepted.id, 'resume', { version: suspended.version, result: '公示无异议' })).json<CaseBody>();
    // Suspended Fri 10-16 → resumed Fri 10-23: 5 working days (10-19 … 10-23) do not count.
    expect(resumed).toMatchObject({ status: 'accepted', due: '2026-10-29' });
    await travel('2026-10-15T09:00:00+08:00');
  });

  it('one extension, approved by the director, never by a clerk and never twice', async () => {
    const accepted = await openAndAccept();
    expect((await act(accepted.id, 'extend', { version: accepted.version, days: 5, reason: '需现场踏勘' })).statusCode).toBe(403);
    const extended = (
      await act(accepted.id, 'extend', { version: accepted.version, days: 5, reason: '需现场踏勘' }, director)
    ).json<CaseBody>();
    expect(extended.due).toBe('2026-10-29');
    const again = await act(accepted.id, 'extend', { version: extended.version, days: 1, reason: '再延' }, director);
    expect(again.json()).toMatchObject({ code: 'CASE_EXTENSION_USED' });
  });

  it('concludes, delivers and closes; a refused act names the acts allowed', async () => {
    const accepted = await openAndAccept();
    const concluded = (
      await act(accepted.id, 'conclude', { version: accepted.version, result: 'granted', certificateNo: '乡字第2026-001号' })
    ).json<CaseBody>();
    expect(concluded.status).toBe('concluded');
    const wrong = await act(accepted.id, 'suspend', { version: concluded.version, procedure: 'testing', reason: '检测' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'CASE_ACT_NOT_ALLOWED', allowedActs: ['deliver'] });
    const delivered = (await act(accepted.id, 'deliver', { version: concluded.version, method: 'agent' })).json<CaseBody>();
    const closed = (await act(accepted.id, 'close', { version: delivered.version })).json<CaseBody>();
    expect(closed.status).toBe('closed');
    expect(closed.events.map((event) => event.act)).toEqual(['submit', 'accept', 'conclude', 'deliver', 'close']);
  });

  it('each viewer is offered only the acts their role may take: no acts for a supervisor, 延期 for the director alone', async () => {
    const accepted = await openAndAccept();
    const viewAs = async (auth: { authorization: string }) =>
      (await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}`, headers: auth })).json<CaseBody>().allowedActs;
    expect(await viewAs(clerk)).not.toContain('extend');
    expect(await viewAs(clerk)).toContain('conclude');
    expect(await viewAs(director)).toContain('extend');
    expect(await viewAs(await signIn(env, supervisorName))).toEqual([]);
  });

  it('a clerk acting on a version another act has passed gets 409 with the current version', async () => {
    const accepted = await openAndAccept();
    expect((await act(accepted.id, 'conclude', { version: accepted.version, result: 'granted' })).statusCode).toBe(200);
    const stale = await act(accepted.id, 'withdraw', { version: accepted.version, reason: '申请人撤回' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: accepted.version + 1 });
  });

  it.runIf(isPostgres())(
    'two clerks acting on one version at once: one wins, the other gets 409 with the current version (PostgreSQL)',
    async () => {
      const accepted = await openAndAccept();
      const row = await holdRow(env, 'cases', accepted.id);
      const racing = Promise.all([
        act(accepted.id, 'conclude', { version: accepted.version, result: 'granted' }),
        act(accepted.id, 'withdraw', { version: accepted.version, reason: '申请人撤回' }),
      ]);
      await untilWaiting(row, 2);
      await row.release();
      const [first, second] = await racing;
      const statuses = [first.statusCode, second.statusCode].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = first.statusCode === 409 ? first : second;
      expect(loser.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: accepted.version + 1 });
    },
  );
});

describe('warnings and accountability (电子监察)', () => {
  it('pre-warns with 1 working day left, yellow when overdue, red past 3 working days, and records who held it', async () => {
    const accepted = await openAndAccept();
    const run = async (at: string) => {
      await travel(at);
      return runWarningJob(env.db, env.clock.now(), env.caseDeps, env.ctx.auditKey);
    };
    await run('2026-10-21T00:00:05+08:00');
    expect((await get(accepted.id)).warning).toBe('pre');
    await run('2026-10-23T00:00:05+08:00');
    expect((await get(accepted.id)).warning).toBe('yellow');
    await run('2026-10-29T00:00:05+08:00');
    expect((await get(accepted.id)).warning).toBe('red');
    const records = await env.db.transaction(
      SYSTEM_SCOPE,
      async (tx) =>
        (
          await tx.query<{ level: string; staff_id: string; working_days_late: number }>(
            'select level, staff_id, working_days_late from case_accountability where case_id = $1 order by created_at',
            [accepted.id],
          )
        ).rows,
    );
    expect(records).toEqual([
      { level: 'yellow', staff_id: town.window.id, working_days_late: 1 },
      { level: 'red', staff_id: town.window.id, working_days_late: 5 },
    ]);
    await travel('2026-10-15T09:00:00+08:00');
  });

  it('a case received online with no decision in 5 working days is accepted as of the day received (第32条)', async () => {
    const opened = await open({ channel: 'online' });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id } = opened.json<{ id: string }>();
    await runWarningJob(env.db, new Date('2026-10-22T12:00:00+08:00'), env.caseDeps, env.ctx.auditKey);
    expect((await get(id)).status).toBe('submitted');
    await runWarningJob(env.db, new Date('2026-10-23T00:00:05+08:00'), env.caseDeps, env.ctx.auditKey);
    const deemed = await get(id);
    expect(deemed).toMatchObject({ status: 'accepted', due: '2026-10-22' });
    expect(deemed.events.at(-1)?.act).toBe('deem-accepted');
  });
});

describe('tracking and tenancy', () => {
  it('the applicant tracks the case with the last 4 phone digits; a wrong check looks like an unknown case', async () => {
    const { caseNo } = (await open()).json<{ caseNo: string }>();
    const ok = await env.app.inject({ method: 'GET', url: `/api/public/cases/${caseNo}?check=2345` });
    expect(ok.json()).toMatchObject({ caseNo, status: 'submitted', applicantName: '韦**' });
    expect(ok.body).not.toContain('13977612345');
    const wrong = await env.app.inject({ method: 'GET', url: `/api/public/cases/${caseNo}?check=0000` });
    const unknown = await env.app.inject({ method: 'GET', url: `/api/public/cases/XX-0?check=2345` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toBe(unknown.body);
  });

  it('another township can neither see nor act on the case', async () => {
    const accepted = await openAndAccept();
    const outsider = await signIn(env, other.window.username);
    expect((await env.app.inject({ method: 'GET', url: `/api/cases/${accepted.id}`, headers: outsider })).statusCode).toBe(404);
    expect((await act(accepted.id, 'conclude', { version: accepted.version, result: 'granted' }, outsider)).statusCode).toBe(404);
    const list = await env.app.inject({ method: 'GET', url: '/api/cases', headers: outsider });
    expect(list.body).not.toContain(accepted.id);
  });

  it('tracking shows a late case as overdue, and a concluded one with its date and result (the clock moves on: last)', async () => {
    const accepted = await openAndAccept();
    const track = async () =>
      (await env.app.inject({ method: 'GET', url: `/api/public/cases/${accepted.caseNo}?check=2345` })).json<{
        concludedOn: string | null;
        result: string | null;
        isOverdue: boolean;
        overdue: boolean;
        stages: { act: string; label: string; on: string }[];
        fees: unknown;
      }>();
    expect(await track()).toMatchObject({ concludedOn: null, result: null, isOverdue: false, overdue: false, fees: null });
    const due = accepted.due ?? '';
    const dayAfter = new Date(`${due}T09:00:00+08:00`).getTime() + 86_400_000;
    await travel(new Date(dayAfter).toISOString());
    expect(await track()).toMatchObject({ isOverdue: true, overdue: true });
    const current = await get(accepted.id);
    expect((await act(accepted.id, 'conclude', { version: current.version, result: 'granted' })).statusCode).toBe(200);
    const concluded = await track();
    expect(concluded).toMatchObject({ result: 'granted', isOverdue: false, overdue: false });
    expect(concluded.concludedOn).toBe(businessDateOf(new Date(dayAfter)));
    // 办理进度: each public stage with its business date, in order; no clerk, reason or payload.
    expect(concluded.stages).toEqual([
      { act: 'submit', label: '接件', on: '2026-10-15' },
      { act: 'accept', label: '受理', on: '2026-10-15' },
      { act: 'conclude', label: '办结', on: businessDateOf(new Date(dayAfter)) },
    ]);
    expect(JSON.stringify(concluded)).not.toContain(town.window.username);
  });
});
