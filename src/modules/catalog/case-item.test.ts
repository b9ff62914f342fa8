import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../db/db.ts';
import {
  changeHeaders,
  createCounty,
  createTownship,
  signIn,
  type CountyFixture,
  type TownshipFixture,
} from '../../../test/support/factories.ts';
import { createTestEnv, type TestEnv } from '../../../test/support/test-env.ts';
import { demoCatalogContents } from './demo/seed.ts';
import { findCaseItem } from './index.ts';
import type { ItemContent, ItemDetailView } from './schemas.ts';

/** The item at the case workflow's port (cases/ports.ts CaseItem), read from the published version. */
let env: TestEnv;
let county: CountyFixture;
let town: TownshipFixture;
let admin: { authorization: string };

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  town = await createTownship(env, county.county);
  admin = await signIn(env, county.admin.username);
});
afterAll(async () => env.close());

const post = async (url: string, payload: Record<string, unknown>) => {
  const response = await env.app.inject({ method: 'POST', url, headers: changeHeaders(admin), payload });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json<ItemDetailView>();
};

describe('findCaseItem', () => {
  it('gives a township the county item at its published version, with its fees in yuan as published', async () => {
    const code = `GTZ-${randomUUID().slice(0, 6)}`;
    const content: ItemContent = { ...structuredClone(demoCatalogContents().find((item) => item.code === 'ZJD-001') as ItemContent), code };
    content.fees = [
      { name: '不动产登记费（住宅类）', amount: 80, basis: '发改价格规〔2016〕2559号' },
      { name: '证书工本费', amount: 12.35, basis: '测试依据' },
    ];
    const draft = await post('/api/items', { orgId: county.county.id, content });
    await post(`/api/items/${draft.item.id}/publish`, { version: draft.item.version });
    const item = await env.db.transaction(SYSTEM_SCOPE, (tx) => findCaseItem(tx, town.township.id, code));
    expect(item).toMatchObject({ code, version: 1 });
    content.materials.forEach((material, index) => {
      expect(item?.materials[index]).toEqual({
        name: material.name,
        required: material.required,
        pendingAllowed: material.pendingAllowed,
        commitmentAllowed: material.commitmentAllowed,
        situations: material.situations.map((id) => content.situations.find((situation) => situation.id === id)?.name),
      });
    });
    expect(item?.situations).toEqual(content.situations.map((situation) => situation.name));
    expect(item?.fees).toEqual([
      { name: '不动产登记费（住宅类）', amount: 80 },
      { name: '证书工本费', amount: 12.35 },
    ]);
  });

  it('an item that charges nothing has no fees, and an unpublished code is not found', async () => {
    const code = `ZJD-${randomUUID().slice(0, 6)}`;
    const content: ItemContent = {
      ...structuredClone(demoCatalogContents().find((item) => item.code === 'ZJD-001') as ItemContent),
      code,
      fees: [],
    };
    const draft = await post('/api/items', { orgId: county.county.id, content });
    expect(await env.db.transaction(SYSTEM_SCOPE, (tx) => findCaseItem(tx, town.township.id, code))).toBeNull();
    await post(`/api/items/${draft.item.id}/publish`, { version: draft.item.version });
    expect((await env.db.transaction(SYSTEM_SCOPE, (tx) => findCaseItem(tx, town.township.id, code)))?.fees).toEqual([]);
  });
});
