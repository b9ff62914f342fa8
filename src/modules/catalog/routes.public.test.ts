import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import { createCounty, createTownship, type CountyFixture, type TownshipFixture } from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { seedDemoCatalog } from './index.ts';
import type { BundleView, PublicGuideView, PublicItemSummary } from './schemas.ts';

let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env, { testItems: false });
  town = await createTownship(env, county.county);
  await env.db.transaction(SYSTEM_SCOPE, (tx) => seedDemoCatalog(tx, { countyCode: county.county.code, now: env.clock.now() }));
});
afterAll(async () => env.close());

const get = (url: string) => env.app.inject({ method: 'GET', url });
const search = async (query: string, org = county.county.code) => {
  const response = await get(`/api/public/items?org=${org}&${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: PublicItemSummary[] }>().items;
};

describe('public guide (no sign-in)', () => {
  it('finds an item by its code as typed (ZJD-001), and 低保 by 简称, 全拼 and 首字母 in a township’s own list', async () => {
    expect((await search(`q=${encodeURIComponent('ZJD-001')}`))[0]?.code).toBe('ZJD-001');
    for (const q of ['低保', 'dibao', 'zdshbz']) {
      expect((await search(`q=${encodeURIComponent(q)}`, town.township.code)).map((item) => item.code)).toContain('DB-001');
    }
  });

  it('says how the promised days are counted (工作日 or 自然日), as the guide does', async () => {
    const items = await search('limit=200');
    expect(items.find((item) => item.code === 'DB-001')?.dayKind).toBe('working');
    expect(items.some((item) => item.dayKind === 'calendar')).toBe(true);
  });

  it.each(['宅基地', 'zhaijidi', 'zjd', 'ZJD', 'zhai ji di', '宅基'])('finds 宅基地 by %s', async (q) => {
    const items = await search(`q=${encodeURIComponent(q)}`);
    expect(items[0]?.code).toBe('ZJD-001');
    expect(items[0]).toMatchObject({ name: '农村村民宅基地和建房（规划许可）审批', handling: 'joint' });
  });

  it('finds by short queries (1–2 characters) and by keyword: 低保, db', async () => {
    expect((await search(`q=${encodeURIComponent('低保')}`)).map((item) => item.code)).toContain('DB-001');
    expect((await search('q=db')).map((item) => item.code)).toContain('DB-001');
    expect(await search('q=qqqqxx')).toEqual([]);
  });

  it('browses by department, audience and life event', async () => {
    const all = await search('limit=200');
    expect(all.length).toBeGreaterThanOrEqual(40);
    const land = await search(`department=${encodeURIComponent('国土村规站')}`);
    expect(land.length).toBeGreaterThan(3);
    expect(land.every((item) => item.department === '国土村规站')).toBe(true);
    const legal = await search('audience=legal');
    expect(legal.every((item) => item.audience.includes('legal'))).toBe(true);
    const births = await search(`event=${encodeURIComponent('出生')}`);
    expect(births.map((item) => item.code).sort()).toEqual(['HKCS-001', 'HKQY-001', 'SBK-001', 'SYDJ-001', 'YBCB-001']);
  });

  it('serves the guide with all eight disclosures', async () => {
    const response = await get(`/api/public/items/ZJD-001?org=${county.county.code}`);
    expect(response.statusCode).toBe(200);
    const guide = response.json<PublicGuideView>();
    expect(guide.basis.length).toBeGreaterThan(0);
    expect(guide.conditions.length).toBeGreaterThan(0);
    expect(guide.procedure.length).toBeGreaterThan(0);
    expect(guide.materials.length).toBeGreaterThan(0);
    expect(guide).toMatchObject({ legalDays: 20, promisedDays: 15, fees: [], handling: 'joint', agentable: true });
    expect(guide.contacts.supervisePhone).not.toBe('');
    expect(guide.contacts.staff).not.toBe('');
    expect(guide.location.address).not.toBe('');
    expect(guide.specialSteps.find((step) => step.name === '村级公示')).toMatchObject({ days: 5, countsInLimit: false });
  });

  it('serves a township implementation list with its own address and staff', async () => {
    const guide = (await get(`/api/public/items/ZJD-001?org=${town.township.code}`)).json<PublicGuideView>();
    expect(guide.org.code).toBe(town.township.code);
    expect(guide.location.address).toContain('镇政府大院');
    expect(guide.contacts.consultPhone).toBe('0776-7211001');
    expect((await search('q=zjd', town.township.code))[0]?.code).toBe('ZJD-001');
  });

  it('answers 404 for unknown items and orgs, 400 for bad input, never a draft', async () => {
    expect((await get(`/api/public/items/NOPE-1?org=${county.county.code}`)).statusCode).toBe(404);
    expect((await get('/api/public/items?org=999999999999')).statusCode).toBe(404);
    expect((await get('/api/public/items?org=12')).statusCode).toBe(400);
    expect((await get(`/api/public/items?org=${town.village.code}`)).statusCode).toBe(404);
  });

  it('lists bundles with the union of their materials, each asked once', async () => {
    const response = await get(`/api/public/bundles?org=${county.county.code}`);
    const bundles = response.json<{ bundles: BundleView[] }>().bundles;
    expect(bundles.map((bundle) => bundle.code)).toEqual(['BIRTH', 'RETIRE', 'HOUSE', 'DISABLED']);
    const house = bundles.find((bundle) => bundle.code === 'HOUSE')!;
    expect(house.items.map((item) => item.code)).toEqual(['ZJD-001', 'KGCY-001', 'JGYS-001', 'BDCDJ-001']);
    const names = house.materials.map((material) => material.name);
    expect(new Set(names).size).toBe(names.length);
    expect((await get(`/api/public/bundles/HOUSE?org=${town.township.code}`)).json<BundleView>().items).toHaveLength(4);
    const facets = (await get(`/api/public/facets?org=${county.county.code}`)).json<{
      departments: { name: string }[];
      events: { name: string }[];
    }>();
    expect(facets.departments.map((d) => d.name)).toContain('国土村规站');
    expect(facets.events.map((e) => e.name)).toContain('农村建房');
  });
});
