import { randomInt, randomUUID } from 'node:crypto';
import { SYSTEM_SCOPE, type Tx } from '../../src/db/db.ts';
import { hashPassword } from '../../src/modules/auth/index.ts';
import { insertDepartment, insertOrg, insertWindow, replaceWindowDepartments } from '../../src/modules/org/index.ts';
import { insertStaff } from '../../src/modules/staff/index.ts';
import type { Role } from '../../src/kernel/context.ts';
import { publishTestItems } from './catalog-items.ts';
import type { TestEnv } from './test-env.ts';

export const TEST_PASSWORD = 'Tianlin@2026x';
let passwordHash: Promise<string> | undefined;

export interface OrgRef {
  id: string;
  code: string;
  name: string;
}

export interface StaffRef {
  id: string;
  username: string;
  role: Role;
  orgId: string;
}

export interface TownshipFixture {
  township: OrgRef;
  village: OrgRef;
  departmentId: string;
  windowId: string;
  director: StaffRef;
  window: StaffRef;
  reviewer: StaffRef;
  agent: StaffRef;
}

export interface CountyFixture {
  county: OrgRef;
  admin: StaffRef;
  supervisor: StaffRef;
}

const now = (env: TestEnv) => env.clock.now();

async function addStaff(env: TestEnv, tx: Tx, orgId: string, role: Role, extra: { departmentId?: string; windowId?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = `${role.replace('_', '')}_${randomUUID().slice(0, 8)}`;
  const id = await insertStaff(
    tx,
    {
      orgId,
      username,
      name: `测试${role}`,
      role,
      phone: `139${String(randomInt(10_000_000, 99_999_999))}`,
      departmentId: extra.departmentId ?? null,
      windowId: extra.windowId ?? null,
      passwordHash: await passwordHash,
      mustChangePassword: false,
    },
    now(env),
  );
  return { id, username, role, orgId };
}

async function unusedCode(tx: Tx, make: () => string): Promise<string> {
  for (;;) {
    const code = make();
    if ((await tx.query('select 1 from orgs where code = $1', [code])).rows.length === 0) return code;
  }
}

/**
 * A county of its own, so tests never share orgs and never need to truncate tables; its base catalog
 * holds the published test items (test/support/catalog-items.ts) that its townships inherit, unless
 * the test loads a catalog of its own (`testItems: false`).
 */
export async function createCounty(env: TestEnv, options: { testItems?: boolean } = {}): Promise<CountyFixture> {
  return env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const code = await unusedCode(tx, () => `9${String(randomInt(10_000, 99_999))}000000`);
    const county = await insertOrg(
      tx,
      { code, kind: 'county', parentId: null, name: `测试县${code.slice(0, 6)}`, address: '', phone: '', officeHours: [], isEthnic: false },
      now(env),
    );
    const admin = await addStaff(env, tx, county.id, 'county_admin');
    const supervisor = await addStaff(env, tx, county.id, 'supervisor');
    if (options.testItems !== false) await publishTestItems(tx, county.id, now(env));
    return { county: { id: county.id, code, name: county.name }, admin, supervisor };
  });
}

/** A township center under `county` with one village, one department and window, and staff in every role. */
export async function createTownship(env: TestEnv, county: OrgRef): Promise<TownshipFixture> {
  return env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    const code = await unusedCode(tx, () => `${county.code.slice(0, 6)}${String(randomInt(100, 999))}000`);
    const township = await insertOrg(
      tx,
      {
        code,
        kind: 'township',
        parentId: county.id,
        name: `测试镇${code.slice(6, 9)}`,
        address: '镇政府大院',
        phone: '0776-7211001',
        officeHours: [],
        isEthnic: false,
      },
      now(env),
    );
    const village = await insertOrg(
      tx,
      {
        code: `${code.slice(0, 9)}201`,
        kind: 'village',
        parentId: township.id,
        name: `测试村${code.slice(6, 9)}`,
        address: '',
        phone: '',
        officeHours: [],
        isEthnic: false,
      },
      now(env),
    );
    const department = await insertDepartment(
      tx,
      { orgId: township.id, name: '民政人社站', category: 'civil_affairs_hr', sort: 0 },
      now(env),
    );
    if (!department) throw new Error('department not created');
    const windowId = await insertWindow(tx, { orgId: township.id, number: '1', name: '综合受理窗口' }, now(env));
    await replaceWindowDepartments(tx, windowId, township.id, [department.id]);
    return {
      township: { id: township.id, code, name: township.name },
      village: { id: village.id, code: `${code.slice(0, 9)}201`, name: village.name },
      departmentId: department.id,
      windowId,
      director: await addStaff(env, tx, township.id, 'director'),
      window: await addStaff(env, tx, township.id, 'window_staff', { departmentId: department.id, windowId }),
      reviewer: await addStaff(env, tx, township.id, 'reviewer', { departmentId: department.id }),
      agent: await addStaff(env, tx, village.id, 'agent'),
    };
  });
}

/** Signs in through the real endpoint and returns headers for later requests. */
export async function signIn(env: TestEnv, username: string, password = TEST_PASSWORD): Promise<{ authorization: string }> {
  const response = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json<{ token: string }>().token}` };
}

/** Headers for a state-changing request: a fresh idempotency key each call. */
export function changeHeaders(auth: { authorization: string }, key: string = randomUUID()): Record<string, string> {
  return { ...auth, 'idempotency-key': key };
}
