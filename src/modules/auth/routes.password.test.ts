import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  TEST_PASSWORD,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';

let env: TestEnv;
let town: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
});
afterAll(async () => env.close());

const FIRST_PASSWORD = 'Leli#2026ok';
const freshAddress = () => `203.0.${String(randomInt(0, 255))}.${String(randomInt(1, 254))}`;

/** A new account as an administrator creates it: on a first password it must change. */
async function newAccount(): Promise<{ id: string; username: string }> {
  const username = `w${randomUUID().slice(0, 8)}`;
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/staff',
    headers: changeHeaders(await signIn(env, town.director.username)),
    payload: {
      orgId: town.township.id,
      username,
      name: '韦小宝',
      role: 'window_staff',
      phone: '13907761888',
      windowId: town.windowId,
      departmentId: town.departmentId,
      password: FIRST_PASSWORD,
    },
  });
  expect(response.statusCode).toBe(201);
  return { id: response.json<{ staff: { id: string } }>().staff.id, username };
}

async function tokenOf(username: string, password: string, address = freshAddress()): Promise<string> {
  const response = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: address,
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ token: string }>().token;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const changePassword = (token: string, currentPassword: string, newPassword: string, address = freshAddress()) =>
  env.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: bearer(token),
    payload: { currentPassword, newPassword },
    remoteAddress: address,
  });

const departmentCount = async () =>
  (
    await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ n: number }>('select count(*)::int as n from departments where org_id = $1', [town.township.id]),
    )
  ).rows[0]?.n;

/** Every documented route with its path parameters filled in. */
function routeTable(): { method: string; url: string }[] {
  const spec = env.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, randomUUID()) })),
  );
}

describe('an account on its first password (R13)', () => {
  it('gets 403 PASSWORD_CHANGE_REQUIRED on every route a signed-out caller would be refused, and changes nothing', async () => {
    const account = await newAccount();
    const token = await tokenOf(account.username, FIRST_PASSWORD);
    const before = await departmentCount();
    const routes = routeTable().filter((route) => !['/api/auth/logout', '/api/auth/password', '/api/auth/login'].includes(route.url));
    expect(routes.length).toBeGreaterThan(40);
    let refused = 0;
    for (const route of routes) {
      const send = (headers: Record<string, string>) =>
        env.app.inject({
          method: route.method as 'GET',
          url: route.url,
          headers: { ...headers, 'idempotency-key': randomUUID() },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
      const anonymous = await send({});
      const pending = await send(bearer(token));
      if (anonymous.statusCode === 401) {
        expect(pending.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(pending.headers['content-type']).toContain('application/problem+json');
        expect(pending.json(), `${route.method} ${route.url}`).toMatchObject({
          code: 'PASSWORD_CHANGE_REQUIRED',
          title: '请先修改初始密码',
        });
        refused += 1;
      } else {
        // Public routes (and requests refused by validation first) answer as they answer anyone.
        expect(pending.statusCode, `${route.method} ${route.url}`).toBe(anonymous.statusCode);
      }
    }
    expect(refused).toBeGreaterThan(30);
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.json<{ detail: string }>().detail).toMatch(/初始密码.*请先修改密码/);
    const create = await env.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: changeHeaders(bearer(token)),
      payload: { orgId: town.township.id, name: '林业站', category: 'civil_affairs_hr' },
    });
    expect(create.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await departmentCount()).toBe(before);
  });

  it('may sign out, and after changing the password may work', async () => {
    const account = await newAccount();
    const token = await tokenOf(account.username, FIRST_PASSWORD);
    expect((await changePassword(token, FIRST_PASSWORD, 'Leli#2027ok')).statusCode).toBe(204);
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: account.username, mustChangePassword: false } });
    expect((await env.app.inject({ method: 'GET', url: '/api/departments', headers: bearer(token) })).statusCode).toBe(200);

    const other = await newAccount();
    const otherToken = await tokenOf(other.username, FIRST_PASSWORD);
    expect((await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(otherToken) })).statusCode).toBe(204);
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(otherToken) })).statusCode).toBe(401);
  });
});

describe('POST /api/auth/password: guessing the current password (R5)', () => {
  it('a wrong current password counts as a failed sign-in: three at sign-in and two here lock the name', async () => {
    const token = await tokenOf(town.agent.username, TEST_PASSWORD);
    for (let i = 0; i < 3; i++) {
      const wrong = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: town.agent.username, password: 'Wrong#pass1' },
        remoteAddress: freshAddress(),
      });
      expect(wrong.statusCode).toBe(401);
    }
    const fourth = await changePassword(token, 'Guess#pass1', 'Tianlin@2027y');
    expect(fourth.statusCode).toBe(400);
    expect(fourth.json()).toMatchObject({ code: 'AUTH_WRONG_CURRENT_PASSWORD' });
    const fifth = await changePassword(token, 'Guess#pass2', 'Tianlin@2027y');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'AUTH_LOCKED' });
    expect(fifth.json<{ detail: string }>().detail).toMatch(/本次登录已结束/);
    // The session ended, the name is locked for untrusted clients, and the password did not change.
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    const locked = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: town.agent.username, password: TEST_PASSWORD },
      remoteAddress: freshAddress(),
    });
    expect(locked.json()).toMatchObject({ code: 'AUTH_LOCKED' });
    env.clock.advance(31 * 60_000);
    expect(await tokenOf(town.agent.username, TEST_PASSWORD)).not.toBe('');
  });

  it('a session on a locked name cannot go on guessing: refused without a check, and the session ends', async () => {
    const token = await tokenOf(town.reviewer.username, TEST_PASSWORD);
    for (let i = 0; i < 5; i++) {
      await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: town.reviewer.username, password: 'Wrong#pass1' },
        remoteAddress: freshAddress(),
      });
    }
    const attempt = await changePassword(token, TEST_PASSWORD, 'Tianlin@2027y');
    expect(attempt.statusCode).toBe(423);
    expect(attempt.json()).toMatchObject({ code: 'AUTH_LOCKED' });
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    env.clock.advance(31 * 60_000);
    expect(await tokenOf(town.reviewer.username, TEST_PASSWORD)).not.toBe('');
  });

  it('the right current password resets the count and ends the other sessions', async () => {
    const account = await newAccount();
    const token = await tokenOf(account.username, FIRST_PASSWORD);
    const elsewhere = await tokenOf(account.username, FIRST_PASSWORD);
    for (let i = 0; i < 4; i++) expect((await changePassword(token, 'Guess#pass1', 'Leli#2027ok')).statusCode).toBe(400);
    expect((await changePassword(token, FIRST_PASSWORD, 'Leli#2027ok')).statusCode).toBe(204);
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(elsewhere) })).statusCode).toBe(401);
    for (let i = 0; i < 4; i++) expect((await changePassword(token, 'Guess#pass1', 'Leli#2028ok')).statusCode).toBe(400);
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(200);
  });
});
