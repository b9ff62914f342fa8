import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { workflowDeps } from '../../server/deps.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { seedDemoCatalog } from '../catalog/index.ts';
import { insertStaff } from '../staff/index.ts';
import { runAgencyWarningJob } from './index.ts';
import type { AgencyRequestView, AgentMonthView } from './schemas.ts';

/**
 * 电子监察 of every 代办 leg (issue 11 item 5), in June 2026 (Mon 06-01; 06-06/07 and 06-13/14 are
 * weekends). These dates come before every other test file's requests, so on a shared PostgreSQL the
 * warning job run here claims only this file's requests.
 */
const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345', address: '测试村 3 组' };

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let quiet: TownshipFixture;
let prefix: string;
let quietPrefix: string;
let sequence = 0;
const { agencyDeps } = workflowDeps();

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-06-01T09:00:00+08:00' });
  county = await createCounty(env, { testItems: false });
  town = await createTownship(env, county.county);
  quiet = await createTownship(env, county.county);
  await env.db.transaction(SYSTEM_SCOPE, (tx) => seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() }));
  prefix = await deviceOf(town);
  quietPrefix = await deviceOf(quiet);
});
afterAll(async () => env.close());

async function deviceOf(township: TownshipFixture): Promise<string> {
  const agent = await signIn(env, township.agent.username);
  return (await env.app.inject({ method: 'POST', url: '/api/agency/devices', headers: changeHeaders(agent) })).json<{ prefix: string }>()
    .prefix;
}

/** Sets the clock (sessions idle for 30 minutes end, so everyone signs in again as they would that day). */
const at = (iso: string) => {
  env.clock.set(new Date(iso));
};
const as = (username: string) => signIn(env, username);
const runJob = () => runAgencyWarningJob(env.db, env.clock.now(), agencyDeps, env.ctx.auditKey);

async function register(township: TownshipFixture, devicePrefix: string): Promise<AgencyRequestView> {
  const day = env.clock.now().toISOString().slice(0, 10).replaceAll('-', '');
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/agency/requests',
    headers: changeHeaders(await as(township.agent.username)),
    payload: {
      requestNo: `${devicePrefix}-${day}-${String((sequence += 1)).padStart(3, '0')}`,
      villageId: township.village.id,
      itemCode: 'JYKN-001',
      applicant: APPLICANT,
      consent: true,
      materials: [{ name: '就业困难人员认定申请表', received: true }],
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<AgencyRequestView>();
}

async function act(request: { id: string; version: number }, name: string, auth: { authorization: string }, extra = {}) {
  const response = await env.app.inject({
    method: 'POST',
    url: `/api/agency/requests/${request.id}/${name}`,
    headers: changeHeaders(auth),
    payload: { version: request.version, ...extra },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AgencyRequestView>();
}

const view = async (id: string, township = town) =>
  (
    await env.app.inject({ method: 'GET', url: `/api/agency/requests/${id}`, headers: await as(township.window.username) })
  ).json<AgencyRequestView>();
const leg = (request: AgencyRequestView, name: string) => request.legs.find((candidate) => candidate.leg === name);

async function stored(id: string) {
  return env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const row = (
      await tx.query<{ next_due_on: string | null; warning: string; next_warning_at: Date | null; version: number }>(
        'select next_due_on::text, warning, next_warning_at, version from agency_requests where id = $1',
        [id],
      )
    ).rows[0];
    const warnings = await tx.query<{ data: { leg: string; level: string } }>(
      `select data from agency_events where request_id = $1 and kind = 'warning' order by id`,
      [id],
    );
    return { ...row, warnings: warnings.rows.map((event) => `${event.data.leg}:${event.data.level}`) };
  });
}

describe('the phone’s own clock (issue 11 item 6)', () => {
  it('is kept as evidence beside the server’s time the app sends; only the server’s time is judged', async () => {
    at('2026-06-01T09:00:00+08:00');
    const agent = await as(town.agent.username);
    const body = (seq: string, registeredAt: string) => ({
      requestNo: `${prefix}-20260601-${seq}`,
      villageId: town.village.id,
      itemCode: 'JYKN-001',
      applicant: APPLICANT,
      consent: true,
      registeredAt,
      // The phone runs 16 hours fast.
      deviceTime: '2026-06-02T00:59:00+08:00',
    });
    const send = (payload: Record<string, unknown>) =>
      env.app.inject({ method: 'POST', url: '/api/agency/requests', headers: changeHeaders(agent), payload });
    const accepted = await send(body('901', '2026-06-01T08:59:00+08:00'));
    expect(accepted.statusCode, accepted.body).toBe(201);
    const request = accepted.json<AgencyRequestView>();
    expect(request.registeredAt).toBe('2026-06-01T00:59:00.000Z');
    expect(request.events[0]?.data).toMatchObject({ deviceTime: '2026-06-02T00:59:00+08:00' });
    // What the app sent before it learned the server's clock: its own time, judged and refused as before.
    const refused = await send(body('902', '2026-06-02T00:59:00+08:00'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ detail: string }>().detail).toContain('登记时间晚于当前时间');
  });
});

describe('代办 legs on the clock (电子监察)', () => {
  it('a folder forwarded but not received runs its receive leg; the job grades it and its lateness stays on the record', async () => {
    at('2026-06-01T09:00:00+08:00');
    let request = await register(town, prefix);
    at('2026-06-01T10:00:00+08:00');
    request = await act(request, 'forward', await as(town.agent.username), { scanned: true });
    const versionBeforeTheJob = request.version;
    // 1 working day to receive it (the platform's default): due Tue 06-02, already the last day but one.
    expect(leg(request, 'receive')).toMatchObject({ dueOn: '2026-06-02', doneAt: null, warning: 'pre' });
    expect(await stored(request.id)).toMatchObject({ next_due_on: '2026-06-02', warning: 'none' });

    at('2026-06-01T10:05:00+08:00');
    await runJob();
    expect(await stored(request.id)).toMatchObject({ warning: 'pre', warnings: ['receive:pre'] });

    // The day after the due date: yellow, held against the township window.
    at('2026-06-03T00:00:30+08:00');
    await runJob();
    await runJob();
    expect((await stored(request.id)).warnings).toEqual(['receive:pre', 'receive:yellow']);
    at('2026-06-03T09:00:00+08:00');
    request = await view(request.id);
    expect(leg(request, 'receive')?.warning).toBe('yellow');
    expect(request.lateness).toEqual([
      expect.objectContaining({ leg: 'receive', holder: 'township', holderName: town.township.name, level: 'yellow', workingDaysLate: 1 }),
    ]);

    // More than 3 working days late (Mon 06-08): red.
    at('2026-06-08T00:00:30+08:00');
    await runJob();
    expect(await stored(request.id)).toMatchObject({ warning: 'red', next_warning_at: null });

    // Received at last: the leg is done late, and the 责任追究 records stay. The job's marks did not change the
    // version the window read a week ago.
    at('2026-06-08T09:00:00+08:00');
    expect((await stored(request.id)).version).toBe(versionBeforeTheJob);
    request = await act({ id: request.id, version: versionBeforeTheJob }, 'receive', await as(town.window.username), { scanned: true });
    expect(leg(request, 'receive')).toMatchObject({ onTime: false, warning: 'none' });
    expect(request.lateness.map((entry) => `${entry.leg}:${entry.level}:${String(entry.workingDaysLate)}`)).toEqual([
      'receive:yellow:1',
      'receive:red:4',
    ]);
    // The township's handling runs on the case's clock: 5 working days to decide on acceptance (第32条).
    expect(leg(request, 'process')).toMatchObject({ dueOn: '2026-06-15', doneAt: null });
    // …which is the deadline to accept, not to conclude: the case shows no 办结期限 until it is accepted.
    expect(request.case).toMatchObject({ status: 'submitted', dueOn: null });
    expect(await stored(request.id)).toMatchObject({ next_due_on: '2026-06-15', warning: 'none', next_warning_at: null });
  });

  it('an agent’s late leg is recorded against whoever held it, also when done before the job saw it', async () => {
    at('2026-06-01T09:00:00+08:00');
    const early = await register(town, prefix);
    // 报送 due Wed 06-03; done Thu 06-04 with no job run in between: the act records it.
    at('2026-06-04T10:00:00+08:00');
    const forwarded = await act(early, 'forward', await as(town.agent.username));
    expect(forwarded.lateness).toEqual([
      expect.objectContaining({ leg: 'forward', holder: 'agent', holderName: forwarded.agent.name, level: 'yellow', workingDaysLate: 1 }),
    ]);

    let request = await register(town, prefix);
    expect(leg(request, 'forward')?.dueOn).toBe('2026-06-08');
    at('2026-06-09T00:00:30+08:00');
    await runJob();
    // The township hands the request to a colleague; the yellow stays the first agent's.
    const colleague = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      insertStaff(
        tx,
        {
          orgId: town.village.id,
          username: `agent_${randomUUID().slice(0, 8)}`,
          name: '黄月兰',
          role: 'agent',
          phone: '13907761202',
          departmentId: null,
          windowId: null,
          passwordHash: 'x',
          mustChangePassword: false,
        },
        env.clock.now(),
      ),
    );
    at('2026-06-09T09:00:00+08:00');
    request = await view(request.id);
    const firstAgent = request.agent.name;
    request = await act(request, 'reassign', await as(town.window.username), { agentId: colleague, reason: '原代办员外出培训' });
    at('2026-06-12T00:00:30+08:00');
    await runJob();
    at('2026-06-12T09:00:00+08:00');
    request = await view(request.id);
    expect(request.lateness.map((entry) => `${entry.level}:${entry.holderName}`)).toEqual([`yellow:${firstAgent}`, 'red:黄月兰']);
    const recorded = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ staff_id: string }>('select staff_id from agency_accountability where request_id = $1 order by created_at', [request.id]),
    );
    expect(recorded.rows.map((row) => row.staff_id)).toEqual([town.agent.id, colleague]);
  });

  it('the month sheet counts the legs an agent sits on past their due date (按期率 is not 100 %), on screen and in Excel', async () => {
    at('2026-06-01T09:00:00+08:00');
    const requests = [];
    for (let index = 0; index < 4; index += 1) requests.push(await register(quiet, quietPrefix));
    at('2026-06-02T09:00:00+08:00');
    const [onTime] = requests;
    if (!onTime) throw new Error('no request');
    // One forwarded on time (its receive leg, the township's, then runs late and is not the agent's); three never.
    await act(onTime, 'forward', await as(quiet.agent.username));

    at('2026-06-10T10:00:00+08:00');
    await runJob();
    const director = await as(quiet.director.username);
    const sheet = await env.app.inject({ method: 'GET', url: '/api/agency/performance?month=2026-06', headers: director });
    const row = sheet.json<{ agents: AgentMonthView[] }>().agents.find((candidate) => candidate.agentId === quiet.agent.id);
    expect(row).toMatchObject({ legsDone: 1, legsOnTime: 1, legsOpenLate: 3, onTimeRate: 0.25, lateRecords: 3 });
    // May closed before any of it.
    const may = await env.app.inject({ method: 'GET', url: '/api/agency/performance?month=2026-05', headers: director });
    expect(may.json<{ agents: AgentMonthView[] }>().agents.find((candidate) => candidate.agentId === quiet.agent.id)).toMatchObject({
      legsOpenLate: 0,
      onTimeRate: null,
      lateRecords: 0,
    });

    const workbook = await env.app.inject({ method: 'GET', url: '/api/agency/performance.xlsx?month=2026-06', headers: director });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook.rawPayload as unknown as ArrayBuffer);
    const worksheet = book.worksheets[0];
    const header = (worksheet?.getRow(2).values as unknown[]).slice(1);
    const line = (worksheet?.getRow(3).values as unknown[]).slice(1);
    const cell = (name: string) => line[header.indexOf(name)];
    expect(cell('超期未办环节')).toBe(3);
    expect(cell('按期率')).toBe('25.0%');
    expect(cell('超期记录')).toBe(3);
  });
});
