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
import { demoCatalogContents } from './demo/seed.ts';
import { getItemVersion } from './index.ts';
import type { ItemContent, ItemDetailView } from './schemas.ts';

let env: TestEnv;
let county: CountyFixture;
let townA: TownshipFixture;
let townB: TownshipFixture;
let admin: { authorization: string };
let directorA: { authorization: string };
let directorB: { authorization: string };
let windowA: { authorization: string };

const base = (code = `ZJD-${randomUUID().slice(0, 6)}`): ItemContent => ({
  ...structuredClone(demoCatalogContents().find((item) => item.code === 'ZJD-001') as ItemContent),
  code,
});

beforeAll(async () => {
  env = await createTestEnv();
  county = await createCounty(env);
  townA = await createTownship(env, county.county);
  townB = await createTownship(env, county.county);
  admin = await signIn(env, county.admin.username);
  directorA = await signIn(env, townA.director.username);
  directorB = await signIn(env, townB.director.username);
  windowA = await signIn(env, townA.window.username);
});
afterAll(async () => env.close());

const post = (url: string, auth: { authorization: string }, payload: unknown, key?: string) =>
  env.app.inject({ method: 'POST', url, headers: changeHeaders(auth, key), payload: payload as Record<string, unknown> });
const put = (url: string, auth: { authorization: string }, payload: unknown, key?: string) =>
  env.app.inject({ method: 'PUT', url, headers: changeHeaders(auth, key), payload: payload as Record<string, unknown> });
const get = (url: string, auth: { authorization: string }) => env.app.inject({ method: 'GET', url, headers: auth });

async function createDraft(auth: { authorization: string }, orgId: string, content: ItemContent = base()): Promise<ItemDetailView> {
  const response = await post('/api/items', auth, { orgId, content });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ItemDetailView>();
}

async function publish(auth: { authorization: string }, detail: ItemDetailView): Promise<ItemDetailView> {
  const response = await post(`/api/items/${detail.item.id}/publish`, auth, { version: detail.item.version });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ItemDetailView>();
}

describe('staff catalog: drafts, validation and publishing', () => {
  it('creates a draft in the county base catalog', async () => {
    const detail = await createDraft(admin, county.county.id);
    expect(detail.item).toMatchObject({ tier: 'base', status: 'draft', draftVersion: 1, publishedVersion: null, version: 1 });
    expect(detail.draft?.content.name).toBe('农村村民宅基地和建房（规划许可）审批');
  });

  it('refuses impossible content with every problem in Chinese (422)', async () => {
    const content = base();
    content.promisedDays = 30;
    content.materials[0] = { ...content.materials[0]!, name: '' };
    content.fees = [{ name: '登记费', amount: 80, basis: '' }];
    const response = await post('/api/items', admin, { orgId: county.county.id, content });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(body.code).toBe('ITEM_INVALID');
    expect(body.errors.map((error) => error.path)).toEqual(['promisedDays', 'materials[0].name', 'fees[0].basis']);
    expect(body.errors[0]?.message).toMatch(/承诺时限.*不能超过法定时限/);
  });

  it('refuses a second item with the same code in one org, and windows staff may not edit', async () => {
    const content = base();
    await createDraft(admin, county.county.id, content);
    expect((await post('/api/items', admin, { orgId: county.county.id, content })).statusCode).toBe(409);
    expect((await post('/api/items', windowA, { orgId: townA.township.id, content: base() })).statusCode).toBe(403);
  });

  it('publishes, edits a new draft, publishes again: the old version stays in history with a diff', async () => {
    let detail = await publish(admin, await createDraft(admin, county.county.id));
    expect(detail.item).toMatchObject({ status: 'published', publishedVersion: 1, draftVersion: null });
    const id = detail.item.id;
    const edited = { ...detail.published!.content, promisedDays: 10, procedure: detail.published!.content.procedure.slice(0, 3) };
    const saved = await put(`/api/items/${id}/draft`, admin, { version: detail.item.version, content: edited });
    expect(saved.statusCode, saved.body).toBe(200);
    detail = saved.json<ItemDetailView>();
    expect(detail.item).toMatchObject({ draftVersion: 2, publishedVersion: 1, latestVersion: 2 });
    expect(detail.published?.content.promisedDays).toBe(15);
    detail = await publish(admin, detail);
    expect(detail.item).toMatchObject({ publishedVersion: 2, draftVersion: null });

    const versions = (await get(`/api/items/${id}/versions`, admin)).json<{ versions: { version: number; status: string }[] }>().versions;
    expect(versions.map((version) => [version.version, version.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const diff = (await get(`/api/items/${id}/diff?from=1&to=2`, admin)).json<{
      changes: { label: string; before: unknown; after: unknown }[];
    }>();
    expect(diff.changes.map((change) => change.label)).toEqual(['承诺时限', '办理程序']);
    expect((await get(`/api/items/${id}/versions/1`, admin)).json()).toMatchObject({
      version: { version: 1, status: 'superseded', content: { promisedDays: 15 } },
    });

    // A case keeps the version it was accepted under: version 1 is still readable from a township's scope.
    const v1 = await env.db.transaction({ kind: 'orgs', orgIds: [townA.township.id] }, (tx) => getItemVersion(tx, id, 1));
    expect(v1).toMatchObject({ version: 1, status: 'superseded', content: { promisedDays: 15 } });

    const unpublished = await post(`/api/items/${id}/unpublish`, admin, { version: detail.item.version });
    expect(unpublished.json<ItemDetailView>().item).toMatchObject({ status: 'unpublished', publishedVersion: null });
    expect(
      (await get(`/api/items/${id}/versions`, admin)).json<{ versions: { status: string }[] }>().versions.map((v) => v.status),
    ).toEqual(['unpublished', 'superseded']);
  });

  it('refuses to publish what lacks one of the 八公开', async () => {
    const content = base();
    content.contacts.supervisePhone = '';
    const detail = await createDraft(admin, county.county.id, content);
    const response = await post(`/api/items/${detail.item.id}/publish`, admin, { version: detail.item.version });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ detail: string }>().detail).toBe('发布前须公开监督电话');
  });

  it('answers 409 with the current version to a stale writer', async () => {
    const detail = await createDraft(admin, county.county.id);
    const first = await put(`/api/items/${detail.item.id}/draft`, admin, {
      version: 1,
      content: { ...detail.draft!.content, promisedDays: 18 },
    });
    expect(first.statusCode).toBe(200);
    const stale = await put(`/api/items/${detail.item.id}/draft`, admin, {
      version: 1,
      content: { ...detail.draft!.content, promisedDays: 17 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
  });

  it('replays an idempotent request with the same answer and creates nothing twice', async () => {
    const key = randomUUID();
    const content = base();
    const first = await post('/api/items', admin, { orgId: county.county.id, content }, key);
    const again = await post('/api/items', admin, { orgId: county.county.id, content }, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const list = (await get(`/api/items?orgId=${county.county.id}&q=${content.code}`, admin)).json<{ items: unknown[] }>();
    expect(list.items).toHaveLength(1);
  });
});

describe('townships: implementation lists and isolation', () => {
  it('derives a township item from a published base item; the law-fixed fields cannot change', async () => {
    const baseItem = await publish(admin, await createDraft(admin, county.county.id));
    const listed = (await get('/api/items/base', directorA)).json<{ items: { id: string }[] }>();
    expect(listed.items.map((item) => item.id)).toContain(baseItem.item.id);
    const derived = await post('/api/items/derive', directorA, { orgId: townA.township.id, baseItemId: baseItem.item.id });
    expect(derived.statusCode, derived.body).toBe(201);
    const local = derived.json<ItemDetailView>();
    expect(local.item).toMatchObject({ tier: 'local', baseItemId: baseItem.item.id, baseVersion: 1, orgId: townA.township.id });
    expect(local.draft?.content.location.address).toBe('镇政府大院');
    const longer = await put(`/api/items/${local.item.id}/draft`, directorA, {
      version: local.item.version,
      content: { ...local.draft!.content, legalDays: 30 },
    });
    expect(longer.statusCode).toBe(422);
    expect(longer.json<{ detail: string }>().detail).toMatch(/法定时限由基本目录确定/);
    const shorter = await put(`/api/items/${local.item.id}/draft`, directorA, {
      version: local.item.version,
      content: { ...local.draft!.content, promisedDays: 8, procedure: [] },
    });
    expect(shorter.statusCode, shorter.body).toBe(200);
  });

  it("hides another township's drafts: 404 on read, edit and publish, and absent from lists", async () => {
    const draft = await createDraft(directorA, townA.township.id);
    expect(draft.item.tier).toBe('local');
    for (const response of [
      await get(`/api/items/${draft.item.id}`, directorB),
      await get(`/api/items/${draft.item.id}/versions`, directorB),
      await put(`/api/items/${draft.item.id}/draft`, directorB, { version: 1, content: draft.draft!.content }),
      await post(`/api/items/${draft.item.id}/publish`, directorB, { version: 1 }),
    ]) {
      expect(response.statusCode).toBe(404);
    }
    expect((await post('/api/items', directorB, { orgId: townA.township.id, content: base() })).statusCode).toBe(404);
    const listB = (await get('/api/items', directorB)).json<{ items: { id: string }[] }>();
    expect(listB.items.map((item) => item.id)).not.toContain(draft.item.id);
    // Row-level security alone hides the draft too.
    const rows = await env.db.transaction({ kind: 'orgs', orgIds: [townB.township.id] }, (tx) =>
      tx.query('select 1 from catalog_item_versions where item_id = $1', [draft.item.id]),
    );
    expect(rows.rows).toHaveLength(0);
    const drafts = await env.db.transaction({ kind: 'public' }, (tx) => getItemVersion(tx, draft.item.id, 1));
    expect(drafts).toBeNull();
  });
});

describe('GET /api/items pages by a cursor', () => {
  it('walks every item of the org a page at a time, each once, and refuses a cursor that is not its own', async () => {
    const first = await env.app.inject({ method: 'GET', url: `/api/items?orgId=${county.county.id}&limit=2`, headers: admin });
    expect(first.statusCode, first.body).toBe(200);
    const all = await env.app.inject({ method: 'GET', url: `/api/items?orgId=${county.county.id}&limit=2000`, headers: admin });
    const everyCode = all.json<{ items: { code: string }[]; nextCursor: string | null }>();
    expect(everyCode.nextCursor).toBeNull();
    const seen: string[] = [];
    let page = first.json<{ items: { code: string }[]; nextCursor: string | null }>();
    for (let guard = 0; guard < 1000; guard++) {
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.code));
      if (page.nextCursor === null) break;
      const next = await env.app.inject({
        method: 'GET',
        url: `/api/items?orgId=${county.county.id}&limit=2&cursor=${encodeURIComponent(page.nextCursor)}`,
        headers: admin,
      });
      page = next.json();
    }
    expect(seen).toEqual(everyCode.items.map((item) => item.code));
    expect(seen.length).toBeGreaterThan(2);
    const forged = await env.app.inject({ method: 'GET', url: `/api/items?orgId=${county.county.id}&cursor=bm90LW91cnM`, headers: admin });
    expect(forged.statusCode).toBe(400);
    expect(forged.json<{ detail: string }>().detail).toContain('cursor 无效');
  });
});
