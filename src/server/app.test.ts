import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, isPostgres, type TestEnv } from '../../test/support/test-env.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('the HTTP edge', () => {
  it('reports health and the engine in use', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', db: isPostgres() ? 'postgres' : 'pglite' });
  });

  it('publishes OpenAPI 3.1 and a readable API page', async () => {
    const spec = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/orgs', '/api/staff/{id}', '/api/audit/verify']),
    );
    const docs = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('/favicon.ico is a 32×32 icon, not the portal’s HTML', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    const icon = response.rawPayload;
    expect([...icon.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect([icon[6], icon[7]]).toEqual([32, 32]);
    expect(icon.length).toBe(6 + 16 + 40 + 32 * 32 * 4 + 128);
  });

  it('answers unknown routes, bad JSON, oversized bodies and prototype poisoning with problem+json, never a stack', async () => {
    const cases = [
      { request: { method: 'GET' as const, url: '/api/nothing-here' }, status: 404 },
      {
        request: {
          method: 'POST' as const,
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: '{"username":',
        },
        status: 400,
      },
      {
        request: {
          method: 'POST' as const,
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }),
        },
        status: 413,
      },
      {
        request: {
          method: 'POST' as const,
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: '{"username":"a","password":"b","__proto__":{"x":1}}',
        },
        status: 400,
      },
    ];
    for (const { request, status } of cases) {
      const response = await env.app.inject(request);
      expect(response.statusCode, request.url).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const body = response.json<{ code: string; title: string; detail: string }>();
      expect(body.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(response.body).not.toMatch(/at \w+ \(|node_modules|SELECT|select /);
    }
  });

  it('requires sign-in for staff routes', async () => {
    const response = await env.app.inject({ method: 'GET', url: '/api/staff' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
