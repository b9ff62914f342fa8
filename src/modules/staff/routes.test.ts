import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let adminAuth: { authorization: string };
let directorAuth: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  adminAuth = await signIn(env, county.admin.username);
  directorAuth = await signIn(env, town.director.username);
});
afterAll(async () => env.close());

const newStaff = (overrides: Record<string, unknown> = {}) => ({
  orgId: town.township.id,
  username: `w${randomUUID().slice(0, 8)}`,
  name: '韦小宝',
  role: 'window_staff',
  phone: '13907761888',
  windowId: town.windowId,
  departmentId: town.departmentId,
  password: 'Leli#2026ok',
  ...overrides,
});

async function create(auth: { authorization: string }, body: Record<string, unknown>) {
  return env.app.inject({ method: 'POST', url: '/api/staff', headers: changeHeaders(auth), payload: body });
}

describe('staff management', () => {
  it('a director creates window staff who must change the password, listed with a masked phone', async () => {
    const body = newStaff();
    const response = await create(directorAuth, body);
    expect(response.statusCode).toBe(201);
    const { staff } = response.json<{ staff: { id: string; phone: string; mustChangePassword: boolean } }>();
    expect(staff).toMatchObject({ phone: '139****1888', mustChangePassword: true });
    const list = await env.app.inject({ method: 'GET', url: `/api/staff?orgId=${town.township.id}&q=韦小`, headers: directorAuth });
    expect(list.json<{ staff: { id: string }[] }>().staff.map((s) => s.id)).toContain(staff.id);
    expect(list.body).not.toContain('13907761888');
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: body.username, password: body.password },
    });
    expect(login.json()).toMatchObject({ user: { mustChangePassword: true } });
  });

  it('refuses a weak password listing every reason in Chinese', async () => {
    const response = await create(directorAuth, newStaff({ password: 'password' }));
    expect(response.statusCode).toBe(400);
    const problem = response.json<{ code: string; detail: string }>();
    expect(problem.code).toBe('AUTH_WEAK_PASSWORD');
    expect(problem.detail).toContain('至少 3 类');
    expect(problem.detail).toContain('过于常见');
  });

  it('a director cannot create county roles, agents outside villages, or staff of another township', async () => {
    expect((await create(directorAuth, newStaff({ role: 'county_admin' }))).statusCode).toBe(403);
    const agentAtTownship = await create(directorAuth, newStaff({ role: 'agent', windowId: null, departmentId: null }));
    expect(agentAtTownship.json()).toMatchObject({ code: 'STAFF_INVALID' });
    const other = await createTownship(env, county.county);
    expect((await create(directorAuth, newStaff({ orgId: other.township.id, windowId: null, departmentId: null }))).statusCode).toBe(404);
  });

  it('refuses a duplicate user name with 409', async () => {
    const body = newStaff();
    expect((await create(adminAuth, body)).statusCode).toBe(201);
    const again = await create(adminAuth, { ...body, name: '另一个人' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'STAFF_USERNAME_TAKEN' });
  });

  it('window staff may not manage staff', async () => {
    const auth = await signIn(env, town.window.username);
    expect((await create(auth, newStaff())).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/staff', headers: auth })).statusCode).toBe(403);
  });

  it('disabling an account ends its sessions at the next request; enabling lets it sign in again', async () => {
    const victim = await signIn(env, town.reviewer.username);
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: victim })).statusCode).toBe(200);
    const disabled = await env.app.inject({
      method: 'POST',
      url: `/api/staff/${town.reviewer.id}/disable`,
      headers: changeHeaders(directorAuth),
      payload: {},
    });
    expect(disabled.json()).toMatchObject({ staff: { status: 'disabled' } });
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: victim })).statusCode).toBe(401);
    await expect(signIn(env, town.reviewer.username)).rejects.toThrow(/401/);
    await env.app.inject({
      method: 'POST',
      url: `/api/staff/${town.reviewer.id}/enable`,
      headers: changeHeaders(directorAuth),
      payload: {},
    });
    await expect(signIn(env, town.reviewer.username)).resolves.toHaveProperty('authorization');
  });

  it('an admin unlocks a locked account and resets a password', async () => {
    for (let i = 0; i < 5; i++) {
      await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: town.agent.username, password: 'Nope#12345' } });
    }
    const listed = await env.app.inject({ method: 'GET', url: `/api/staff/${town.agent.id}`, headers: directorAuth });
    expect(listed.json()).toMatchObject({ staff: { locked: true } });
    await env.app.inject({ method: 'POST', url: `/api/staff/${town.agent.id}/unlock`, headers: changeHeaders(directorAuth), payload: {} });
    await expect(signIn(env, town.agent.username)).resolves.toHaveProperty('authorization');

    const reset = await env.app.inject({
      method: 'POST',
      url: `/api/staff/${town.agent.id}/reset-password`,
      headers: changeHeaders(directorAuth),
      payload: { newPassword: 'Nongwa@2026' },
    });
    expect(reset.json()).toMatchObject({ staff: { mustChangePassword: true } });
    await expect(signIn(env, town.agent.username, 'Nongwa@2026')).resolves.toHaveProperty('authorization');
  });

  it('a user changes their own password; the old one stops working', async () => {
    const person = newStaff();
    await create(adminAuth, person);
    const auth = await signIn(env, person.username, person.password);
    const change = await env.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: auth,
      payload: { currentPassword: person.password, newPassword: 'Baida&2027go' },
    });
    expect(change.statusCode).toBe(204);
    await expect(signIn(env, person.username, person.password)).rejects.toThrow(/401/);
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: await signIn(env, person.username, 'Baida&2027go') });
    expect(me.json()).toMatchObject({ user: { mustChangePassword: false } });
  });

  it('detects a concurrent edit: the stale writer gets 409 with the current version', async () => {
    const { staff } = (await create(adminAuth, newStaff())).json<{ staff: { id: string; version: number } }>();
    const first = await env.app.inject({
      method: 'PATCH',
      url: `/api/staff/${staff.id}`,
      headers: changeHeaders(adminAuth),
      payload: { version: staff.version, name: '甲改名' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await env.app.inject({
      method: 'PATCH',
      url: `/api/staff/${staff.id}`,
      headers: changeHeaders(directorAuth),
      payload: { version: staff.version, name: '乙改名' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: staff.version + 1 });
  });

  it('reveals a full phone only with a reason, and records who looked and why', async () => {
    const noReason = await env.app.inject({
      method: 'POST',
      url: `/api/staff/${town.window.id}/reveal`,
      headers: changeHeaders(directorAuth),
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    const reveal = await env.app.inject({
      method: 'POST',
      url: `/api/staff/${town.window.id}/reveal`,
      headers: changeHeaders(directorAuth),
      payload: { reason: '联系本人核实排班' },
    });
    expect(reveal.json<{ phone: string }>().phone).toMatch(/^139\d{8}$/);
    const audit = await env.app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: adminAuth });
    expect(audit.json<{ entries: { action: string; summary: { reason?: string } }[] }>().entries[0]).toMatchObject({
      action: 'staff.reveal_phone',
      summary: { reason: '联系本人核实排班' },
    });
  });
});
