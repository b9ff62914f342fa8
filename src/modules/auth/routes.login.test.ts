import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createTownship, signIn, TEST_PASSWORD, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';
/** The device cookie's name, spelt out so that this file also runs against code without device cookies. */
const DEVICE_COOKIE = 'yizhan_device';
import { dummyPasswordHash, passwordVerificationCount } from './hashing.ts';

let env: TestEnv;
let town: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
});
afterAll(async () => env.close());

/** Each test guesses from addresses of its own: the per-address limit is shared by everything from one address. */
const freshAddress = () => `198.51.${String(randomInt(0, 255))}.${String(randomInt(1, 254))}`;

const login = (username: string, password: string, options: { address?: string; device?: string } = {}) =>
  env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: options.address ?? freshAddress(),
    ...(options.device === undefined ? {} : { cookies: { [DEVICE_COOKIE]: options.device } }),
  });

const deviceCookieOf = (response: Awaited<ReturnType<typeof login>>) => response.cookies.find((c) => c.name === DEVICE_COOKIE)?.value ?? '';

/** What an observer sees of an answer, without the lock's instant (the same rule, a few ms apart). */
const seen = (response: Awaited<ReturnType<typeof login>>) => {
  const body = response.json<Record<string, unknown>>();
  return { status: response.statusCode, type: response.headers['content-type'], code: body.code, title: body.title, detail: body.detail };
};

async function newTownship() {
  const { county } = await createCounty(env);
  return createTownship(env, county);
}

describe('POST /api/auth/login', () => {
  it('signs in with a cookie and a bearer token that both work, and marks the browser with a device cookie', async () => {
    const response = await login(town.window.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ token: string; user: { username: string; role: string; orgId: string } }>();
    expect(body.user).toMatchObject({ username: town.window.username, role: 'window_staff', orgId: town.township.id });
    const cookie = response.cookies.find((c) => c.name === 'yizhan_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: body.token });
    expect(response.cookies.find((c) => c.name === DEVICE_COOKIE)).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth/',
    });
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

  it('five failures lock a real name and an unknown name alike: same status, code, words; the lock ends after 30 minutes', async () => {
    const fresh = await newTownship();
    const real = fresh.agent.username;
    const ghost = `ghost_${String(randomInt(1e6, 9e6))}`;
    for (let i = 0; i < 4; i++) {
      expect(seen(await login(real, 'Wrong@pass1'))).toEqual(seen(await login(ghost, 'Wrong@pass1')));
    }
    const [fifthReal, fifthGhost] = [await login(real, 'Wrong@pass1'), await login(ghost, 'Wrong@pass1')];
    expect(seen(fifthReal)).toEqual(seen(fifthGhost));
    expect(fifthReal.statusCode).toBe(423);
    expect(fifthReal.json()).toMatchObject({ code: 'AUTH_LOCKED', title: '账户已锁定' });
    expect(fifthReal.json<{ detail: string }>().detail).toMatch(/连续 5 次密码错误.*本人登录过的设备上仍可登录/);
    // Locked: even the right password is refused, and the words still do not tell which name is real.
    const [lockedReal, lockedGhost] = [await login(real, TEST_PASSWORD), await login(ghost, TEST_PASSWORD)];
    expect(seen(lockedReal)).toEqual(seen(lockedGhost));
    expect(lockedReal.statusCode).toBe(423);
    expect(Number(lockedReal.headers['retry-after'])).toBeGreaterThan(29 * 60);
    expect(lockedReal.cookies.find((c) => c.name === 'yizhan_session')).toBeUndefined();
    env.clock.advance(31 * 60_000);
    expect((await login(real, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await login(ghost, 'Wrong@pass1')).statusCode).toBe(401);
  });

  it('a stranger who locks a name does not lock out the clerk on a browser she signed in on before', async () => {
    const fresh = await newTownship();
    const clerk = fresh.window.username;
    const device = deviceCookieOf(await login(clerk, TEST_PASSWORD));
    expect(device).not.toBe('');
    for (let i = 0; i < 5; i++) await login(clerk, 'Stranger#guess1');
    expect((await login(clerk, TEST_PASSWORD)).statusCode).toBe(423);
    const atHerDesk = await login(clerk, TEST_PASSWORD, { device });
    expect(atHerDesk.statusCode).toBe(200);
    // A device cookie of one account lends no trust to another: the lock still holds for that name elsewhere.
    expect((await login(clerk, TEST_PASSWORD, { device: 'forged.cookie.value' })).statusCode).toBe(423);
    expect((await login(fresh.director.username, 'Wrong@pass1', { device })).statusCode).toBe(401);
  });

  it('failures on a trusted browser count against that browser only; after five it is trusted no more', async () => {
    const fresh = await newTownship();
    const clerk = fresh.reviewer.username;
    const device = deviceCookieOf(await login(clerk, TEST_PASSWORD));
    for (let i = 0; i < 5; i++) expect((await login(clerk, 'Typo#pass1', { device })).statusCode).toBe(401);
    // The name is not locked for other browsers: her typos at her own desk did not count there.
    expect((await login(clerk, TEST_PASSWORD)).statusCode).toBe(200);
    // The browser is no longer trusted, so its failures now count against the name (and lock it).
    for (let i = 0; i < 4; i++) expect((await login(clerk, 'Typo#pass1', { device })).statusCode).toBe(401);
    expect((await login(clerk, 'Typo#pass1', { device })).statusCode).toBe(423);
  });

  it('an address with too many failures is refused with 429 before any password is checked', async () => {
    const address = freshAddress();
    for (let i = 0; i < 30; i++) await login(`spray_${String(i)}_${String(randomInt(1e6, 9e6))}`, 'Spray#pass1', { address });
    const before = passwordVerificationCount();
    const blocked = await login(town.director.username, TEST_PASSWORD, { address });
    expect(passwordVerificationCount() - before).toBe(0);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.json()).toMatchObject({ code: 'AUTH_TOO_MANY_ATTEMPTS', title: '登录尝试过于频繁' });
    expect(blocked.json<{ detail: string }>().detail).toMatch(/本网络地址登录失败次数过多/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected; an IPv6 client is counted by its /64.
    expect((await login(town.director.username, TEST_PASSWORD)).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    expect((await login(town.director.username, TEST_PASSWORD, { address })).statusCode).toBe(200);
  });

  it('an IPv6 client cannot step around the address limit by changing the last 64 bits', async () => {
    const prefix = `2001:db8:${randomInt(1, 0xffff).toString(16)}:1`;
    for (let i = 0; i < 30; i++) await login(`v6_${String(i)}`, 'Spray#pass1', { address: `${prefix}::${(i + 1).toString(16)}` });
    expect((await login(town.director.username, TEST_PASSWORD, { address: `${prefix}::beef` })).statusCode).toBe(429);
  });

  it('an administrator’s unlock ends the lock of the name', async () => {
    const fresh = await newTownship();
    for (let i = 0; i < 5; i++) await login(fresh.agent.username, 'Wrong@pass1');
    expect((await login(fresh.agent.username, TEST_PASSWORD)).statusCode).toBe(423);
    const admin = await signIn(env, fresh.director.username);
    const listed = await env.app.inject({ method: 'GET', url: `/api/staff/${fresh.agent.id}`, headers: admin });
    expect(listed.json()).toMatchObject({ staff: { locked: true } });
    const unlock = await env.app.inject({
      method: 'POST',
      url: `/api/staff/${fresh.agent.id}/unlock`,
      headers: { ...admin, 'idempotency-key': `unlock-${fresh.agent.id}` },
      payload: {},
    });
    expect(unlock.statusCode).toBe(200);
    expect((await login(fresh.agent.username, TEST_PASSWORD)).statusCode).toBe(200);
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
  // that both do the same work: one argon2 verification with the same parameters while a name may
  // guess, none once it is locked or its address is. The measured timing lives in bench/login-timing.bench.ts.
  const workDuring = async (username: string, password: string, address = freshAddress()) => {
    const before = passwordVerificationCount();
    const response = await login(username, password, { address });
    return { status: response.statusCode, verifications: passwordVerificationCount() - before };
  };

  it('does the same work for an unknown user and a real one in every state', async () => {
    const fresh = await newTownship();
    const real = fresh.window.username;
    const ghost = `ghost_of_${String(randomInt(1e6, 9e6))}`;
    expect(await workDuring(ghost, 'Wrong#pass9')).toEqual({ status: 401, verifications: 1 });
    expect(await workDuring(real, 'Wrong#pass9')).toEqual({ status: 401, verifications: 1 });
    for (let attempt = 2; attempt <= 4; attempt++) {
      await login(real, 'Wrong#pass9');
      await login(ghost, 'Wrong#pass9');
    }
    expect(await workDuring(ghost, 'Wrong#pass9')).toEqual({ status: 423, verifications: 1 });
    expect(await workDuring(real, 'Wrong#pass9')).toEqual({ status: 423, verifications: 1 });
    expect(await workDuring(ghost, TEST_PASSWORD)).toEqual({ status: 423, verifications: 0 });
    expect(await workDuring(real, TEST_PASSWORD)).toEqual({ status: 423, verifications: 0 });
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
