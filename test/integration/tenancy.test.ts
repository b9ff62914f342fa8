import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import type { Role } from '../../src/server/context.ts';
import { changeHeaders, createCounty, createTownship, signIn, type CountyFixture, type TownshipFixture } from '../support/factories.ts';
import { createTestEnv, type TestEnv } from '../support/test-env.ts';

/**
 * R4: every route × every role of township A against township B's objects → 404 or 403, never data;
 * lists never carry B's rows; row-level security alone (no application filter) leaks nothing.
 */
let env: TestEnv;
let county: CountyFixture;
let a: TownshipFixture;
let b: TownshipFixture;
let otherCounty: CountyFixture;
let bIds: Set<string>;
/** Township B's case (a joint case with one department step) and an uploaded file. */
let bCase: { id: string; stepId: string; fileId: string };
/** Township B's village agency request. */
let bRequestId: string;

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
}

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  otherCounty = await createCounty(env);
  a = await createTownship(env, county.county);
  b = await createTownship(env, county.county);
  bCase = await openCaseOf(b);
  bRequestId = await registerAgencyRequestOf(b);
  bIds = new Set([b.township.id, b.village.id, b.departmentId, b.windowId, b.director.id, b.window.id, b.reviewer.id, b.agent.id, bCase.id, bCase.stepId, bCase.fileId, bRequestId]);
});

async function openCaseOf(town: TownshipFixture): Promise<{ id: string; stepId: string; fileId: string }> {
  const clerk = await signIn(env, town.window.username);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const file = await env.app.inject({ method: 'POST', url: '/api/files?name=id.pdf', headers: { ...changeHeaders(clerk), 'content-type': 'application/pdf' }, payload: pdf });
  const fileId = file.json<{ id: string }>().id;
  const opened = await env.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: changeHeaders(clerk),
    payload: {
      itemCode: 'LB-001',
      applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
      channel: 'window',
      materials: [{ name: '申请人居民身份证', received: true, fileId }],
    },
  });
  const { id, version } = opened.json<{ id: string; version: number }>();
  const accepted = await env.app.inject({ method: 'POST', url: `/api/cases/${id}/accept`, headers: changeHeaders(clerk), payload: { version } });
  const withStep = await env.app.inject({
    method: 'POST',
    url: `/api/cases/${id}/steps`,
    headers: changeHeaders(clerk),
    payload: { version: accepted.json<{ version: number }>().version, steps: [{ name: '民政审核', departmentId: town.departmentId, days: 2 }] },
  });
  const stepId = withStep.json<{ steps: { id: string }[] }>().steps[0]?.id;
  if (!fileId || !stepId) throw new Error(`fixture case not created: ${withStep.body}`);
  return { id, stepId, fileId };
}
afterAll(async () => env.close());

async function registerAgencyRequestOf(town: TownshipFixture): Promise<string> {
  const agent = await signIn(env, town.agent.username);
  const device = await env.app.inject({ method: 'POST', url: '/api/agency/devices', headers: changeHeaders(agent) });
  const { prefix } = device.json<{ prefix: string }>();
  const registered = await env.app.inject({
    method: 'POST',
    url: '/api/agency/requests',
    headers: changeHeaders(agent),
    payload: {
      requestNo: `${prefix}-20261015-001`,
      villageId: town.village.id,
      itemCode: 'LB-001',
      applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
      consent: true,
    },
  });
  const id = registered.json<{ id?: string }>().id;
  if (!id) throw new Error(`fixture agency request not created: ${registered.body}`);
  return id;
}

function containsForeignId(body: string): string | undefined {
  return [...bIds].find((id) => body.includes(id));
}

/** B's object of the kind a route's {id} names, guessed from the path. */
function foreignIdFor(path: string): string {
  if (path.startsWith('/api/orgs')) return b.township.id;
  if (path.startsWith('/api/departments')) return b.departmentId;
  if (path.startsWith('/api/windows')) return b.windowId;
  if (path.startsWith('/api/staff')) return b.window.id;
  if (path.startsWith('/api/cases')) return bCase.id;
  if (path.startsWith('/api/files')) return bCase.fileId;
  if (path.startsWith('/api/agency/requests')) return bRequestId;
  return b.township.id;
}

/** The path with B's objects in place of every parameter the sweep knows. */
function foreignPath(path: string): string {
  return path.replace('{id}', foreignIdFor(path)).replace('{stepId}', bCase.stepId).replace('{kind}', 'accepted');
}

const bodiesFor: Record<string, () => Record<string, unknown>> = {
  'POST /api/orgs': () => ({ parentId: b.township.id, code: `${b.township.code.slice(0, 9)}299`, kind: 'village', name: '越权村' }),
  'PATCH /api/orgs/{id}': () => ({ version: 1, name: '越权修改' }),
  'POST /api/departments': () => ({ orgId: b.township.id, name: '越权站', category: 'local' }),
  'PATCH /api/departments/{id}': () => ({ version: 1, name: '越权修改' }),
  'POST /api/windows': () => ({ orgId: b.township.id, number: '99', name: '越权窗口', departmentIds: [b.departmentId] }),
  'PATCH /api/windows/{id}': () => ({ version: 1, name: '越权修改' }),
  'POST /api/staff': () => ({ orgId: b.township.id, username: `x${randomUUID().slice(0, 8)}`, name: '越权人员', role: 'window_staff', password: 'Aa1!aaaaaa' }),
  'PATCH /api/staff/{id}': () => ({ version: 1, name: '越权修改' }),
  'POST /api/staff/{id}/reset-password': () => ({ newPassword: 'Xy9#abcdefg' }),
  'POST /api/staff/{id}/reveal': () => ({ reason: '越权查看号码' }),
  'POST /api/staff/{id}/backup': () => ({ version: 1, backupId: null }),
  'POST /api/staff/{id}/absences': () => ({ startsOn: '2026-10-15', endsOn: '2026-10-16', reason: '越权登记离岗' }),
  'POST /api/agency/requests': () => ({
    requestNo: 'AAAA-20261015-001',
    villageId: b.village.id,
    itemCode: 'LB-001',
    applicant: { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' },
    consent: true,
  }),
  'POST /api/agency/declines': () => ({ villageId: b.village.id, itemName: '越权登记', applicantName: '韦光明', reason: '越权' }),
  'POST /api/agency/consultations': () => ({ villageId: b.village.id, channel: 'phone', question: '越权咨询', answer: '越权答复' }),
};

describe('cross-tenant access', () => {
  it('every route with an id or an org refuses township A for township B objects, in every role', async () => {
    const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
    const roles: [Role, string][] = [
      ['director', a.director.username],
      ['window_staff', a.window.username],
      ['reviewer', a.reviewer.username],
      ['agent', a.agent.username],
    ];
    let probes = 0;
    const probed: string[] = [];
    for (const [, username] of roles) {
      const auth = await signIn(env, username);
      for (const [path, methods] of Object.entries(spec.paths)) {
        for (const method of Object.keys(methods)) {
          const key = `${method.toUpperCase()} ${path}`;
          const hasId = path.includes('{id}');
          const body = bodiesFor[key];
          const isScopedList = method === 'get' && !hasId;
          if (!hasId && !body && !isScopedList) continue;
          const url = foreignPath(path);
          const query = isScopedList ? `?orgId=${b.township.id}` : '';
          const response = await env.app.inject({
            method: method.toUpperCase() as 'GET',
            url: url + query,
            headers: changeHeaders(auth),
            ...(method === 'get' ? {} : { payload: body ? body() : {} }),
          });
          probes += 1;
          probed.push(key);
          const leaked = containsForeignId(response.body);
          expect(leaked, `${key} as ${username} leaked ${String(leaked)}: ${response.body.slice(0, 200)}`).toBeUndefined();
          if (hasId || body) expect([400, 403, 404], `${key} as ${username} → ${String(response.statusCode)}`).toContain(response.statusCode);
          else expect([200, 400, 401, 403, 404], `${key} as ${username} → ${String(response.statusCode)}`).toContain(response.statusCode);
        }
      }
    }
    expect(probes).toBeGreaterThan(40);
    expect(probed.filter((key) => key.includes('/api/cases/{id}')).length, probed.join('\n')).toBeGreaterThan(20);
    expect(probed.filter((key) => key.includes('/api/agency/requests/{id}')).length, probed.join('\n')).toBeGreaterThan(8);
  });

  it('the county admin of another county sees none of this county', async () => {
    const auth = await signIn(env, otherCounty.admin.username);
    for (const url of ['/api/orgs', '/api/departments', '/api/windows', '/api/staff', '/api/audit?limit=200']) {
      const response = await env.app.inject({ method: 'GET', url, headers: auth });
      expect(response.statusCode, url).toBe(200);
      expect(containsForeignId(response.body), url).toBeUndefined();
      expect(response.body.includes(a.township.id), url).toBe(false);
    }
    const detail = await env.app.inject({ method: 'GET', url: `/api/staff/${a.window.id}`, headers: auth });
    expect(detail.statusCode).toBe(404);
  });

  it('the county admin sees both townships', async () => {
    const auth = await signIn(env, county.admin.username);
    const staff = await env.app.inject({ method: 'GET', url: '/api/staff', headers: auth });
    expect(staff.body).toContain(a.window.id);
    expect(staff.body).toContain(b.window.id);
  });
});

describe('row-level security on its own', () => {
  const tenantTables = [
    'departments', 'windows', 'window_departments', 'staff', 'staff_absences', 'idempotency_keys', 'audit_log',
    'cases', 'case_events', 'case_materials', 'case_steps', 'case_fees', 'case_accountability', 'case_number_counters', 'files', 'outbox',
    'agency_requests', 'agency_events', 'agency_devices', 'agency_declines', 'agency_consultations', 'agent_villages',
  ];

  it('runs the application under a role that is not owner, not superuser and cannot bypass RLS', async () => {
    const row = await env.db.transaction({ kind: 'orgs', orgIds: [a.township.id] }, async (tx) =>
      (
        await tx.query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
          `select current_user, r.rolsuper, r.rolbypassrls,
                  (select count(*)::int from pg_tables t where t.schemaname = 'public' and t.tableowner = current_user) as owns
             from pg_roles r where r.rolname = current_user`,
        )
      ).rows[0],
    );
    expect(row).toEqual({ current_user: 'yizhan_app', rolsuper: false, rolbypassrls: false, owns: 0 });
  });

  it('without any application filter, a scoped query of every tenant table returns only rows of the scope', async () => {
    for (const table of tenantTables) {
      const { visible, total } = await env.db.transaction({ kind: 'orgs', orgIds: [a.township.id, a.village.id] }, async (tx) => {
        const rows = (await tx.query<{ org_id: string | null }>(`select org_id from ${table}`)).rows;
        return { visible: rows, total: rows.length };
      });
      for (const row of visible) expect([a.township.id, a.village.id], table).toContain(row.org_id);
      const all = await env.db.transaction(SYSTEM_SCOPE, async (tx) => (await tx.query(`select 1 from ${table}`)).rows.length);
      if (table === 'staff') expect(all).toBeGreaterThan(total);
    }
  });

  it('refuses writes into another scope and any change to the audit log', async () => {
    const scope = { kind: 'orgs' as const, orgIds: [a.township.id] };
    await expect(
      env.db.transaction(scope, (tx) => tx.query(`update staff set name = '越权' where id = $1`, [b.window.id])),
    ).resolves.toMatchObject({ rowCount: 0 });
    await expect(
      env.db.transaction(scope, (tx) =>
        tx.query(`insert into departments (org_id, name, category) values ($1, '越权站', 'local')`, [b.township.id]),
      ),
    ).rejects.toThrow(/row-level security|row level security/);
    await expect(env.db.transaction(scope, (tx) => tx.query('update audit_log set action = $1', ['x']))).rejects.toThrow(/permission denied/);
    await expect(env.db.transaction(scope, (tx) => tx.query('delete from audit_log'))).rejects.toThrow(/permission denied/);
    await expect(env.db.transaction(scope, (tx) => tx.query('select * from sessions'))).rejects.toThrow(/permission denied/);
  });
});
