import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createTownship, signIn, TEST_PASSWORD, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { dummyPasswordHash, passwordVerificationCount } from './hashing.ts';

let env: TestEnv;
let town: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
});
afterAll(async () => env.close());

const login = (username: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('POST /api/auth/login', () => {
  it('signs in with a cookie and a bearer token that both work', async () => {
    const response = await login(town.window.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ token: string; user: { username: string; role: string; orgId: string } }>();
    expect(body.user).toMatchObject({ username: town.window.username, role: 'window_staff', orgId: town.township.id });
    const cookie = response.cookies.find((c) => c.name === 'yizhan_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: body.token });
    const viaCookie = await env.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { yizhan_session: body.token } });
    expect(viaCookie.json()).toMatchObject({ user: { username: town.window.username } });
    const viaBearer = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(viaBearer.statusCode).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await login('nobody_here', 'Whatever@123x');
    const wrong = await login(town.reviewer.username, 'Whatever@123x');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
  });

  it('rejects unknown fields and missing ones with Chinese messages', async () => {
    const response = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'b', extra: 1 } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const missing = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a' } });
    expect(missing.json<{ detail: string }>().detail).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('locks after five failures with 423, then refuses even the right password until unlocked', async () => {
    const username = town.agent.username;
    for (let i = 0; i < 4; i++) expect((await login(username, 'Wrong@pass1')).statusCode).toBe(401);
    const fifth = await login(username, 'Wrong@pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'AUTH_LOCKED' });
    expect((await login(username, TEST_PASSWORD)).statusCode).toBe(423);
    env.clock.advance(31 * 60_000);
    expect((await login(username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours in all', async () => {
    const auth = await signIn(env, town.director.username);
    env.clock.advance(29 * 60_000);
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(401);

    const busy = await signIn(env, town.director.username);
    for (let hour = 0; hour < 12 * 4; hour++) {
      env.clock.advance(15 * 60_000);
      const status = (await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: busy })).statusCode;
      expect(status).toBe(hour < 12 * 4 - 1 ? 200 : 401);
    }
  });
});

describe('sign-in work (R5 timing)', () => {
  // Wall-clock ratios flake on a shared CI machine; what makes the two paths take equally long is
  // that both run exactly one argon2 verification with the same parameters. The measured timing
  // lives in bench/login-timing.bench.ts.
  const verificationsDuring = async (username: string, password: string) => {
    const before = passwordVerificationCount();
    const response = await login(username, password);
    return { status: response.statusCode, verifications: passwordVerificationCount() - before };
  };

  it('runs one argon2 verification for an unknown user, a wrong password and a locked account alike', async () => {
    const { county } = await createCounty(env);
    const fresh = await createTownship(env, county);
    expect(await verificationsDuring('ghost_of_nobody', 'Wrong#pass9')).toEqual({ status: 401, verifications: 1 });
    expect(await verificationsDuring(fresh.window.username, 'Wrong#pass9')).toEqual({ status: 401, verifications: 1 });
    for (let attempt = 2; attempt <= 5; attempt++) await login(fresh.window.username, 'Wrong#pass9');
    expect(await verificationsDuring(fresh.window.username, TEST_PASSWORD)).toEqual({ status: 423, verifications: 1 });
  });

  it('verifies unknown users against a hash made with the same argon2 parameters as real ones', async () => {
    const parameters = (encoded: string) => encoded.split('$').slice(1, 4).join('$');
    const real = await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ password_hash: string }>('select password_hash from staff where username = $1', [town.window.username]),
    );
    const realHash = real.rows[0]?.password_hash ?? '';
    expect(parameters(realHash)).toMatch(/^argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
    expect(parameters(await dummyPasswordHash())).toBe(parameters(realHash));
  });
});
