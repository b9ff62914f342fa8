import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounty, createTownship, TEST_PASSWORD, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { buildApp } from '../app.ts';

let env: TestEnv;
let town: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  const { county } = await createCounty(env);
  town = await createTownship(env, county);
});
afterAll(async () => env.close());

const HOST = 'yizhan.example:3000';
const OWN = `http://${HOST}`;

/** A browser's session: the cookie the platform set at sign-in. */
async function cookieSession(app: FastifyInstance = env.app): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { host: HOST, origin: OWN },
    payload: { username: town.director.username, password: TEST_PASSWORD },
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ token: string }>().token;
}

const departments = async () =>
  (
    await env.db.transaction(SYSTEM_SCOPE, (tx) =>
      tx.query<{ n: number }>('select count(*)::int as n from departments where org_id = $1', [town.township.id]),
    )
  ).rows[0]?.n;

function createDepartment(headers: Record<string, string>, session?: string, app: FastifyInstance = env.app) {
  return app.inject({
    method: 'POST',
    url: '/api/departments',
    headers: { host: HOST, 'idempotency-key': randomUUID(), ...headers },
    ...(session === undefined ? {} : { cookies: { yizhan_session: session } }),
    payload: { orgId: town.township.id, name: `站所${String(randomInt(1000, 9999))}`, category: 'civil_affairs_hr' },
  });
}

describe('security headers (R13)', () => {
  it('every response carries the CSP, frame-ancestors, nosniff and Referrer-Policy', async () => {
    for (const url of ['/api/health', '/api/no-such-thing', '/console/']) {
      const response = await env.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['x-frame-options']).toBe('DENY');
      // Plain http on a hall network: no HSTS outside production.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });
});

describe('changes made with the session cookie must come from the platform’s own pages (R13)', () => {
  it('refuses a cookie-authenticated change from another site, and nothing is created', async () => {
    const session = await cookieSession();
    const before = await departments();
    const refused = await createDepartment({ origin: 'http://evil.example' }, session);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'CROSS_ORIGIN_REFUSED', title: '拒绝来自其他网站的操作' });
    expect(refused.json<{ detail: string }>().detail).toMatch(/不是从本平台的页面发起的/);
    const refusals: Record<string, string>[] = [
      { origin: 'null' },
      { origin: 'http://yizhan.example:8080' },
      { origin: 'https://yizhan.example:3000' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ];
    for (const headers of refusals) {
      const response = await createDepartment(headers, session);
      expect(response.json(), JSON.stringify(headers)).toMatchObject({ code: 'CROSS_ORIGIN_REFUSED' });
    }
    expect(await departments()).toBe(before);
    expect((await createDepartment({ origin: OWN }, session)).statusCode).toBe(201);
    expect((await createDepartment({ 'sec-fetch-site': 'same-origin' }, session)).statusCode).toBe(201);
    expect(await departments()).toBe((before ?? 0) + 2);
  });

  it('a form on another port of the same host cannot sign the clerk out', async () => {
    const session = await cookieSession();
    const logout = await env.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { host: HOST, origin: 'http://yizhan.example:8080', 'content-type': 'text/plain' },
      cookies: { yizhan_session: session },
      payload: 'x=1',
    });
    expect(logout.statusCode).toBe(403);
    expect(logout.json()).toMatchObject({ code: 'CROSS_ORIGIN_REFUSED' });
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { host: HOST }, cookies: { yizhan_session: session } });
    expect(me.statusCode).toBe(200);
  });

  it('a page of another site cannot sign a browser in (no session is made)', async () => {
    const response = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: HOST, origin: 'http://evil.example' },
      payload: { username: town.director.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'CROSS_ORIGIN_REFUSED' });
    expect(response.cookies).toEqual([]);
  });

  it('a bearer token is not affected: the browser never sends one by itself', async () => {
    const token = await cookieSession();
    const response = await createDepartment({ origin: 'http://evil.example', authorization: `Bearer ${token}` });
    expect(response.statusCode).toBe(201);
  });

  it('YIZHAN_ALLOWED_ORIGINS admits a listed origin (the dev server), and only that one', async () => {
    const app = await buildApp(env.ctx, { allowedOrigins: ['http://localhost:5173'] });
    try {
      const session = await cookieSession(app);
      expect((await createDepartment({ origin: 'http://localhost:5173' }, session, app)).statusCode).toBe(201);
      expect((await createDepartment({ origin: 'http://localhost:5174' }, session, app)).json()).toMatchObject({
        code: 'CROSS_ORIGIN_REFUSED',
      });
    } finally {
      await app.close();
    }
  });
});

describe('YIZHAN_TRUST_PROXY', () => {
  const spray = (app: FastifyInstance, forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username: `nobody_${String(randomInt(1e6, 9e6))}`, password: 'Spray#pass1' },
      remoteAddress: '127.0.0.1',
    });

  it('behind a trusted proxy the client address comes from X-Forwarded-For; otherwise the header is ignored', async () => {
    const proxied = await buildApp(env.ctx, { trustProxy: ['127.0.0.1'] });
    try {
      // An address of this test alone: the throttle is global, and other files spray 192.0.2.x at other clocks.
      const attacker = `198.19.${String(randomInt(0, 255))}.${String(randomInt(1, 254))}`;
      for (let i = 0; i < 30; i++) await spray(proxied, attacker);
      expect((await spray(proxied, attacker)).statusCode).toBe(429);
      expect((await spray(proxied, `198.19.${String(randomInt(0, 255))}.255`)).statusCode).toBe(401);
    } finally {
      await proxied.close();
    }
    const direct = await buildApp(env.ctx, { trustProxy: ['10.9.9.9'] });
    try {
      // Not from the trusted proxy: X-Forwarded-For is the client's own claim and counts for nothing.
      const remote = `198.18.${String(randomInt(0, 255))}.${String(randomInt(1, 254))}`;
      for (let i = 0; i < 30; i++) {
        await direct.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-for': `192.0.2.${String(i)}` },
          payload: { username: `n_${String(i)}`, password: 'Spray#pass1' },
          remoteAddress: remote,
        });
      }
      const blocked = await direct.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '192.0.2.200' },
        payload: { username: 'n_x', password: 'Spray#pass1' },
        remoteAddress: remote,
      });
      expect(blocked.statusCode).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
