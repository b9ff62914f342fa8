import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCounty, createTownship, type CountyFixture, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';

/** 办事指南 per township: the picker's centers and each township's own address as a QR code for its hall wall. */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let other: TownshipFixture;
let foreign: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  other = await createTownship(env, county.county);
  foreign = await createTownship(env, (await createCounty(env)).county);
});
afterAll(async () => env.close());

const get = (url: string) => env.app.inject({ method: 'GET', url });

describe('GET /api/public/centers', () => {
  it('lists the county center and its townships, the chosen one current — never another county’s', async () => {
    const response = await get(`/api/public/centers?org=${town.township.code}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ current: string; centers: { code: string; kind: string }[] }>();
    expect(body.current).toBe(town.township.code);
    expect(body.centers[0]).toMatchObject({ code: county.county.code, kind: 'county' });
    const codes = body.centers.map((center) => center.code);
    expect(codes).toEqual(expect.arrayContaining([town.township.code, other.township.code]));
    expect(codes).not.toContain(foreign.township.code);
    expect(codes).not.toContain(town.village.code);
  });

  it('refuses a village (it has no portal of its own) with the catalog’s reason', async () => {
    const response = await get(`/api/public/centers?org=${town.village.code}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ORG_NOT_FOUND' });
  });
});

describe('GET /api/public/centers/{code}/qr.svg', () => {
  it('encodes the township’s own portal address on the public base address', async () => {
    const run = vi.spyOn(env.ctx.heavy, 'run');
    env.ctx.config.publicUrl = 'https://yizhan.example.gov.cn';
    try {
      const response = await env.app.inject({
        method: 'GET',
        url: `/api/public/centers/${town.township.code}/qr.svg`,
        headers: { host: '10.1.2.3:3000' },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('image/svg+xml');
      expect(response.body).toMatch(/^<svg/);
      expect(run.mock.calls.at(-1)?.[1]).toBe(`https://yizhan.example.gov.cn/t/${town.township.code}`);
    } finally {
      delete env.ctx.config.publicUrl;
      run.mockRestore();
    }
  });

  it('answers 400 for a malformed code and 404 for an unknown one', async () => {
    expect((await get('/api/public/centers/12ab/qr.svg')).statusCode).toBe(400);
    const unknown = await get('/api/public/centers/999999999999/qr.svg');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'ORG_NOT_FOUND' });
  });
});
