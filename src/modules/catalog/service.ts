import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { assertInScope } from '../../kernel/scope.ts';
import { versionConflict } from '../../kernel/version-conflict.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { findOrg } from '../org/index.ts';
import { catalogErrors } from './errors.ts';
import * as repo from './repo.ts';
import { checkItem, checkLocalAgainstBase, diffContent, type CheckStage } from './rules.ts';
import type {
  CreateItemBody,
  DeriveItemBody,
  DiffEntry,
  ItemContent,
  ItemDetailView,
  ItemListQuery,
  ItemSummaryView,
  ItemVersionView,
  Problem,
  SaveDraftBody,
} from './schemas.ts';

type OrgRow = NonNullable<Awaited<ReturnType<typeof repo.findOrgById>>>;

export function invalid(problems: Problem[]): DomainError {
  return new DomainError(catalogErrors.ITEM_INVALID, problems.map((problem) => problem.message).join('；'), { errors: problems });
}

/** 404 for an item outside the caller's org subtree, published or not: another township's list is not edited here. */
export async function getItemForActor(tx: Tx, actor: Principal, id: string): Promise<ItemSummaryView> {
  const item = await repo.findItem(tx, id);
  if (!item || !actor.scopeOrgIds.includes(item.orgId)) throw new DomainError(catalogErrors.ITEM_NOT_FOUND, '未找到该事项。');
  return item;
}

/** The county whose base catalog an org's items derive from (the org itself for a county). */
export async function countyOf(tx: Tx, orgId: string): Promise<OrgRow | null> {
  let org = await repo.findOrgById(tx, orgId);
  while (org && org.kind !== 'county' && org.parentId !== null) org = await repo.findOrgById(tx, org.parentId);
  return org && org.kind === 'county' ? org : null;
}

async function baseContentOf(tx: Tx, item: ItemSummaryView): Promise<ItemContent | null> {
  if (item.baseItemId === null || item.baseVersion === null) return null;
  return (await repo.findVersionForCase(tx, item.baseItemId, item.baseVersion))?.content ?? null;
}

/** Every problem with this content at this stage, including what the base catalog fixes for a township. */
export async function problemsOf(tx: Tx, item: ItemSummaryView | null, content: ItemContent, stage: CheckStage): Promise<Problem[]> {
  const problems = checkItem(content, stage);
  if (item) {
    if (content.code !== item.code) problems.push({ path: 'code', message: `事项编码不可修改（${item.code}）` });
    const base = await baseContentOf(tx, item);
    if (base) problems.push(...checkLocalAgainstBase(content, base));
  }
  return problems;
}

/** 事项目录, a page at a time: the cursor is the last item's (org, code), opaque to the caller. */
export async function listItems(
  tx: Tx,
  actor: Principal,
  query: ItemListQuery,
): Promise<{ items: ItemSummaryView[]; nextCursor: string | null }> {
  if (query.orgId !== undefined) assertInScope(actor, query.orgId, '组织机构');
  const after = query.cursor === undefined ? null : decodeItemCursor(query.cursor);
  const items = await repo.listItems(tx, query.orgId === undefined ? actor.scopeOrgIds : [query.orgId], {
    ...query,
    limit: query.limit + 1,
    after,
  });
  const page = items.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > query.limit && last ? encodeItemCursor(last) : null };
}

const encodeItemCursor = (item: ItemSummaryView) => Buffer.from(JSON.stringify([item.orgId, item.code])).toString('base64url');

function decodeItemCursor(cursor: string): { orgId: string; code: string } {
  try {
    const [orgId, code] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof orgId === 'string' && /^[0-9a-f-]{36}$/.test(orgId) && typeof code === 'string' && code.length <= 64) return { orgId, code };
  } catch {
    // not one of ours: refused below
  }
  throw new DomainError(commonErrors.VALIDATION_FAILED, '分页参数 cursor 无效，请从第一页重新查询。');
}

/** Published base-catalog items of the caller's county: what a township may derive from. */
export async function listBaseItems(tx: Tx, actor: Principal): Promise<ItemSummaryView[]> {
  const county = await countyOf(tx, actor.orgId);
  if (!county) return [];
  return repo.listItems(tx, [county.id], { status: 'published' });
}

export async function getItemDetail(tx: Tx, actor: Principal, id: string): Promise<ItemDetailView> {
  const item = await getItemForActor(tx, actor, id);
  const draft = item.draftVersion === null ? null : await repo.findVersion(tx, id, item.draftVersion);
  const published = item.publishedVersion === null ? null : await repo.findVersion(tx, id, item.publishedVersion);
  return { item, draft, published };
}

async function orgForItems(tx: Tx, actor: Principal, orgId: string): Promise<OrgRow> {
  assertInScope(actor, orgId, '组织机构');
  const org = await repo.findOrgById(tx, orgId);
  if (!org) throw new DomainError(catalogErrors.ORG_NOT_FOUND, '未找到该机构。');
  if (org.kind === 'village')
    throw invalid([{ path: 'orgId', message: '事项目录由县（基本目录）或乡镇（实施清单）维护，村级不单独建目录' }]);
  return org;
}

type Audit = Change<unknown>['audit'];
const audit = (action: string, item: ItemSummaryView, summary: Record<string, unknown>): Audit => ({
  action,
  targetType: 'catalog_item',
  targetId: item.id,
  orgId: item.orgId,
  summary: { code: item.code, ...summary },
});

async function insertNew(
  tx: Tx,
  actor: Principal,
  org: OrgRow,
  content: ItemContent,
  base: ItemSummaryView | null,
  now: Date,
): Promise<ItemSummaryView> {
  const item = await repo.insertItem(
    tx,
    {
      orgId: org.id,
      code: content.code,
      name: content.name,
      tier: org.kind === 'county' ? 'base' : 'local',
      baseItemId: base?.id ?? null,
      baseVersion: base?.publishedVersion ?? null,
    },
    now,
  );
  if (!item) throw new DomainError(catalogErrors.ITEM_CODE_TAKEN, `${org.name}已有编码为 ${content.code} 的事项。`);
  await repo.insertVersion(tx, { itemId: item.id, version: 1, orgId: org.id, content, createdBy: actor.staffId }, now);
  return item;
}

export async function createItem(tx: Tx, actor: Principal, body: CreateItemBody, now: Date): Promise<Change<ItemDetailView>> {
  const org = await orgForItems(tx, actor, body.orgId);
  const problems = await problemsOf(tx, null, body.content, 'draft');
  if (problems.length > 0) throw invalid(problems);
  const item = await insertNew(tx, actor, org, body.content, null, now);
  return { status: 201, body: await getItemDetail(tx, actor, item.id), audit: audit('catalog.item.create', item, { name: item.name }) };
}

/** A township's implementation item from a published base item, with the township's own address and phone. */
export async function deriveItem(tx: Tx, actor: Principal, body: DeriveItemBody, now: Date): Promise<Change<ItemDetailView>> {
  const org = await orgForItems(tx, actor, body.orgId);
  const base = await repo.findItem(tx, body.baseItemId);
  const county = await countyOf(tx, org.id);
  if (!base || base.tier !== 'base' || base.publishedVersion === null || base.orgId !== county?.id || org.kind !== 'township') {
    throw new DomainError(catalogErrors.ITEM_NOT_FOUND, '未找到可引用的基本目录事项（须为本县已发布的事项）。');
  }
  const baseVersion = await repo.findVersion(tx, base.id, base.publishedVersion);
  if (!baseVersion) throw new DomainError(catalogErrors.ITEM_NOT_FOUND, '未找到该基本目录事项的发布版本。');
  const township = await findOrg(tx, org.id);
  const content: ItemContent = {
    ...baseVersion.content,
    location: { ...baseVersion.content.location, address: township?.address || baseVersion.content.location.address },
    contacts: { ...baseVersion.content.contacts, consultPhone: township?.phone || baseVersion.content.contacts.consultPhone },
  };
  const item = await insertNew(tx, actor, org, content, base, now);
  return {
    status: 201,
    body: await getItemDetail(tx, actor, item.id),
    audit: audit('catalog.item.derive', item, { baseItemId: base.id, baseVersion: base.publishedVersion }),
  };
}

/** Creates the next draft version or edits the open one; a stale `version` gets 409 (R3). */
export async function saveDraft(tx: Tx, actor: Principal, id: string, body: SaveDraftBody, now: Date): Promise<Change<ItemDetailView>> {
  const item = await getItemForActor(tx, actor, id);
  const problems = await problemsOf(tx, item, body.content, 'draft');
  if (problems.length > 0) throw invalid(problems);
  const draftVersion = item.draftVersion ?? item.latestVersion + 1;
  const updated = await repo.updateItemRow(
    tx,
    id,
    body.version,
    {
      name: item.publishedVersion === null ? body.content.name : item.name,
      status: item.status,
      draftVersion,
      publishedVersion: item.publishedVersion,
      latestVersion: draftVersion,
    },
    now,
  );
  if (!updated) throw await versionConflict(tx, 'catalog_items', id);
  if (item.draftVersion === null) {
    await repo.insertVersion(
      tx,
      { itemId: id, version: draftVersion, orgId: item.orgId, content: body.content, createdBy: actor.staffId },
      now,
    );
  } else {
    await repo.updateDraftContent(tx, id, draftVersion, body.content);
  }
  return {
    body: await getItemDetail(tx, actor, id),
    audit: audit('catalog.item.save_draft', item, { draftVersion, fromVersion: body.version }),
  };
}

/** The draft becomes the published version; the one it replaces stays in history as superseded. */
export async function publishItem(tx: Tx, actor: Principal, id: string, version: number, now: Date): Promise<Change<ItemDetailView>> {
  const item = await getItemForActor(tx, actor, id);
  if (item.draftVersion === null) throw new DomainError(catalogErrors.ITEM_STATE, '没有待发布的草稿：请先编辑保存。');
  const draft = await repo.findVersion(tx, id, item.draftVersion);
  if (!draft) throw new DomainError(catalogErrors.ITEM_STATE, '草稿版本不存在。');
  const problems = await problemsOf(tx, item, draft.content, 'publish');
  if (problems.length > 0) throw invalid(problems);
  const updated = await repo.updateItemRow(
    tx,
    id,
    version,
    {
      name: draft.content.name,
      status: 'published',
      draftVersion: null,
      publishedVersion: draft.version,
      latestVersion: item.latestVersion,
    },
    now,
  );
  if (!updated) throw await versionConflict(tx, 'catalog_items', id);
  if (item.publishedVersion !== null) await repo.setVersionStatus(tx, id, item.publishedVersion, 'superseded');
  await repo.setVersionStatus(tx, id, draft.version, 'published', now);
  return {
    body: await getItemDetail(tx, actor, id),
    audit: audit('catalog.item.publish', item, { publishedVersion: draft.version, replaced: item.publishedVersion }),
  };
}

export async function unpublishItem(tx: Tx, actor: Principal, id: string, version: number, now: Date): Promise<Change<ItemDetailView>> {
  const item = await getItemForActor(tx, actor, id);
  if (item.publishedVersion === null) throw new DomainError(catalogErrors.ITEM_STATE, '该事项当前未发布。');
  const updated = await repo.updateItemRow(
    tx,
    id,
    version,
    { name: item.name, status: 'unpublished', draftVersion: item.draftVersion, publishedVersion: null, latestVersion: item.latestVersion },
    now,
  );
  if (!updated) throw await versionConflict(tx, 'catalog_items', id);
  await repo.setVersionStatus(tx, id, item.publishedVersion, 'unpublished');
  return { body: await getItemDetail(tx, actor, id), audit: audit('catalog.item.unpublish', item, { version: item.publishedVersion }) };
}

export async function listVersions(tx: Tx, actor: Principal, id: string): Promise<ItemVersionView[]> {
  await getItemForActor(tx, actor, id);
  return repo.listVersions(tx, id);
}

export async function getVersion(tx: Tx, actor: Principal, id: string, version: number): Promise<ItemVersionView> {
  await getItemForActor(tx, actor, id);
  const found = await repo.findVersion(tx, id, version);
  if (!found) throw new DomainError(catalogErrors.ITEM_NOT_FOUND, `该事项没有第 ${version} 版。`);
  return found;
}

export async function diffVersions(tx: Tx, actor: Principal, id: string, from: number, to: number): Promise<DiffEntry[]> {
  const before = await getVersion(tx, actor, id, from);
  const after = await getVersion(tx, actor, id, to);
  return diffContent(before.content, after.content);
}
