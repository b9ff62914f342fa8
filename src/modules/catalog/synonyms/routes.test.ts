import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../../test/support/test-env.ts';

/** 事项同义词: the county's list widens every search of its centers — portal, console picker, agent app. */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
type Auth = { authorization: string };
let admin: Auth;
let director: Auth;

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  admin = await signIn(env, county.admin.username);
  director = await signIn(env, town.director.username);
  // The township publishes ZJD-001 as its own (its list is what its portal and its agents search).
  const base = (await env.app.inject({ method: 'GET', url: '/api/items/base', headers: director })).json<{
    items: { id: string; code: string }[];
  }>().items;
  const baseItemId = base.find((item) => item.code === 'ZJD-001')?.id;
  const derived = await env.app.inject({
    method: 'POST',
    url: '/api/items/derive',
    headers: changeHeaders(director, randomUUID()),
    payload: { orgId: town.township.id, baseItemId },
  });
  expect(derived.statusCode, derived.body).toBe(201);
  const local = derived.json<{ item: { id: string; version: number } }>().item;
  const published = await env.app.inject({
    method: 'POST',
    url: `/api/items/${local.id}/publish`,
    headers: changeHeaders(director, randomUUID()),
    payload: { version: local.version },
  });
  expect(published.statusCode, published.body).toBe(200);
});
afterAll(async () => env.close());

const search = async (q: string, org = town.township.code) => {
  const response = await env.app.inject({ method: 'GET', url: `/api/public/items?org=${org}&q=${encodeURIComponent(q)}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { code: string }[] }>().items.map((item) => item.code);
};
const add = (auth: Auth, body: Record<string, unknown>, key = randomUUID()) =>
  env.app.inject({ method: 'POST', url: '/api/catalog/synonyms', headers: changeHeaders(auth, key), payload: body });
const list = async (auth: Auth, orgId: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/catalog/synonyms?orgId=${orgId}`, headers: auth })).json<{
    synonyms: { id: string; term: string }[];
  }>().synonyms;

describe('事项同义词', () => {
  it('finds 宅基地 by 盖房 once the county adds it, in a township’s own list too, and no longer once removed', async () => {
    expect(await search('盖房')).toEqual([]);
    const key = randomUUID();
    const created = await add(admin, { orgId: county.county.id, term: '盖房', expansion: '宅基地' }, key);
    expect(created.statusCode, created.body).toBe(201);
    const replay = await add(admin, { orgId: county.county.id, term: '盖房', expansion: '宅基地' }, key);
    expect(replay.json()).toEqual(created.json());
    expect(await search('盖房')).toContain('ZJD-001');
    expect(await search('盖房', county.county.code)).toContain('ZJD-001');
    expect((await list(director, town.township.id)).map((s) => s.term)).toContain('盖房');

    const again = await add(admin, { orgId: county.county.id, term: '盖房', expansion: '宅基地' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SYNONYM_TAKEN' });

    const { id } = created.json<{ synonym: { id: string } }>().synonym;
    const removed = await env.app.inject({
      method: 'POST',
      url: `/api/catalog/synonyms/${id}/remove`,
      headers: changeHeaders(admin),
      payload: {},
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await search('盖房')).toEqual([]);
  });

  it('is kept by the county: a township director may not add, a township gets no list of its own, and nothing changes', async () => {
    const before = await list(admin, county.county.id);
    const byDirector = await add(director, { orgId: town.township.id, term: '起房', expansion: '宅基地' });
    expect(byDirector.statusCode).toBe(403);
    expect(byDirector.json()).toMatchObject({ code: 'FORBIDDEN' });
    // Even the county admin keeps it at the county, not per township.
    const atTownship = await add(admin, { orgId: town.township.id, term: '起房', expansion: '宅基地' });
    expect(atTownship.statusCode).toBe(422);
    expect(atTownship.json<{ detail: string }>().detail).toContain('由县统一维护');
    expect(await list(admin, county.county.id)).toEqual(before);
  });

  it('refuses words with nothing searchable in them, in Chinese', async () => {
    const response = await add(admin, { orgId: county.county.id, term: '——', expansion: '宅基地' });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ detail: string }>().detail).toContain('汉字、字母和数字');
  });

  it('puts the terms an item answers to into the agent app’s offline search key', async () => {
    const created = await add(admin, { orgId: county.county.id, term: '建新房', expansion: '宅基地' });
    expect(created.statusCode, created.body).toBe(201);
    const agent = await signIn(env, town.agent.username);
    const items = (await env.app.inject({ method: 'GET', url: '/api/agency/items', headers: agent })).json<{
      items: { code: string; searchKey?: string }[];
    }>().items;
    const key = items.find((item) => item.code === 'ZJD-001')?.searchKey ?? '';
    expect(key).toContain('建新房');
    expect(key).toContain('jianxinfang');
  });
});
