import type { Tx } from '../../db/db.ts';
import type { SearchPlan } from './rules.ts';
import { ItemContent, type ItemSummaryView, type ItemVersionView, type PublicItemSummary } from './schemas.ts';
import { versionRecordOf } from './version-record.ts';
import { findOrg, findOrgByCode } from '../org/index.ts';

export interface ItemRow {
  id: string;
  org_id: string;
  code: string;
  name: string;
  tier: 'base' | 'local';
  base_item_id: string | null;
  base_version: number | null;
  status: ItemSummaryView['status'];
  draft_version: number | null;
  published_version: number | null;
  latest_version: number;
  version: number;
  updated_at: Date | string;
}

export const ITEM_COLUMNS =
  'id, org_id, code, name, tier, base_item_id, base_version, status, draft_version, published_version, latest_version, version, updated_at';

const iso = (value: Date | string): string => new Date(value).toISOString();

export function toItem(row: ItemRow): ItemSummaryView {
  return {
    id: row.id,
    orgId: row.org_id,
    code: row.code,
    name: row.name,
    tier: row.tier,
    baseItemId: row.base_item_id,
    baseVersion: row.base_version,
    status: row.status,
    draftVersion: row.draft_version,
    publishedVersion: row.published_version,
    latestVersion: row.latest_version,
    version: row.version,
    updatedAt: iso(row.updated_at),
  };
}

interface VersionRow {
  item_id: string;
  version: number;
  status: ItemVersionView['status'];
  content: unknown;
  created_at: Date | string;
  published_at: Date | string | null;
}

function toVersion(row: VersionRow): ItemVersionView {
  return {
    itemId: row.item_id,
    version: row.version,
    status: row.status,
    // Stored content was validated on the way in; parsing again fills defaults added since.
    content: ItemContent.parse(row.content),
    createdAt: iso(row.created_at),
    publishedAt: row.published_at === null ? null : iso(row.published_at),
  };
}

export interface NewItem {
  orgId: string;
  code: string;
  name: string;
  tier: 'base' | 'local';
  baseItemId: string | null;
  baseVersion: number | null;
}

export async function insertItem(tx: Tx, item: NewItem, now: Date): Promise<ItemSummaryView | null> {
  const row = (
    await tx.query<ItemRow>(
      `insert into catalog_items (org_id, code, name, tier, base_item_id, base_version, status, draft_version, latest_version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, 'draft', 1, 1, $7, $7)
       on conflict (org_id, code) do nothing returning ${ITEM_COLUMNS}`,
      [item.orgId, item.code, item.name, item.tier, item.baseItemId, item.baseVersion, now],
    )
  ).rows[0];
  return row ? toItem(row) : null;
}

export async function findItem(tx: Tx, id: string): Promise<ItemSummaryView | null> {
  const row = (await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from catalog_items where id = $1`, [id])).rows[0];
  return row ? toItem(row) : null;
}

export async function findItemByCode(tx: Tx, orgId: string, code: string): Promise<ItemSummaryView | null> {
  const row = (await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from catalog_items where org_id = $1 and code = $2`, [orgId, code])).rows[0];
  return row ? toItem(row) : null;
}

/** Items of some orgs in (org, code) order, a page at a time after `after` (the unique key (org_id, code) reads it). */
export async function listItems(
  tx: Tx,
  orgIds: readonly string[],
  filter: { q?: string | undefined; status?: string | undefined; limit?: number; after?: { orgId: string; code: string } | null },
): Promise<ItemSummaryView[]> {
  const result = await tx.query<ItemRow>(
    `select ${ITEM_COLUMNS} from catalog_items
      where org_id = any($1::uuid[]) and ($2::text is null or status = $2)
        and ($3::text is null or name like '%' || $3 || '%' or code ilike '%' || $3 || '%')
        and ($5::uuid is null or (org_id, code) > ($5::uuid, $6::text))
      order by org_id, code limit $4`,
    [
      orgIds,
      filter.status ?? null,
      filter.q === undefined || filter.q === '' ? null : filter.q.replace(/[%_\\]/g, ''),
      filter.limit ?? 2000,
      filter.after?.orgId ?? null,
      filter.after?.code ?? null,
    ],
  );
  return result.rows.map(toItem);
}

/** Optimistic update of the item row: null when its version moved on. */
export async function updateItemRow(
  tx: Tx,
  id: string,
  expectedVersion: number,
  patch: {
    name: string;
    status: ItemSummaryView['status'];
    draftVersion: number | null;
    publishedVersion: number | null;
    latestVersion: number;
  },
  now: Date,
): Promise<ItemSummaryView | null> {
  const row = (
    await tx.query<ItemRow>(
      `update catalog_items set name = $3, status = $4, draft_version = $5, published_version = $6, latest_version = $7,
              version = version + 1, updated_at = $8
        where id = $1 and version = $2 returning ${ITEM_COLUMNS}`,
      [id, expectedVersion, patch.name, patch.status, patch.draftVersion, patch.publishedVersion, patch.latestVersion, now],
    )
  ).rows[0];
  return row ? toItem(row) : null;
}

function versionColumns(content: ItemContent): unknown[] {
  const r = versionRecordOf(content);
  return [
    JSON.stringify(r.content),
    r.code,
    r.name,
    r.item_type,
    r.audience,
    r.department,
    r.handling,
    r.legal_days,
    r.promised_days,
    r.life_events,
    r.agentable,
    r.online,
    r.max_visits,
    r.search_key,
    r.search_grams,
  ];
}

export async function insertVersion(
  tx: Tx,
  version: { itemId: string; version: number; orgId: string; content: ItemContent; createdBy: string | null },
  now: Date,
): Promise<void> {
  await tx.query(
    `insert into catalog_item_versions (item_id, version, org_id, status, content, code, name, item_type, audience, department,
       handling, legal_days, promised_days, life_events, agentable, online, max_visits, search_key, search_grams, created_by, created_at)
     values ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
    [version.itemId, version.version, version.orgId, ...versionColumns(version.content), version.createdBy, now],
  );
}

export async function updateDraftContent(tx: Tx, itemId: string, version: number, content: ItemContent): Promise<void> {
  await tx.query(
    `update catalog_item_versions set content = $3, code = $4, name = $5, item_type = $6, audience = $7, department = $8,
            handling = $9, legal_days = $10, promised_days = $11, life_events = $12, agentable = $13, online = $14, max_visits = $15,
            search_key = $16, search_grams = $17
      where item_id = $1 and version = $2 and status = 'draft'`,
    [itemId, version, ...versionColumns(content)],
  );
}

export async function setVersionStatus(
  tx: Tx,
  itemId: string,
  version: number,
  status: ItemVersionView['status'],
  publishedAt: Date | null = null,
): Promise<void> {
  await tx.query(
    'update catalog_item_versions set status = $3, published_at = coalesce($4, published_at) where item_id = $1 and version = $2',
    [itemId, version, status, publishedAt],
  );
}

const VERSION_COLUMNS = 'item_id, version, status, content, created_at, published_at';

export async function findVersion(tx: Tx, itemId: string, version: number): Promise<ItemVersionView | null> {
  const row = (
    await tx.query<VersionRow>(`select ${VERSION_COLUMNS} from catalog_item_versions where item_id = $1 and version = $2`, [
      itemId,
      version,
    ])
  ).rows[0];
  return row ? toVersion(row) : null;
}

/** The stored search key of a version (name, pinyin, initials, keywords, code): what an offline picker matches. */
export async function findSearchKey(tx: Tx, itemId: string, version: number): Promise<string | null> {
  const row = (
    await tx.query<{ search_key: string }>('select search_key from catalog_item_versions where item_id = $1 and version = $2', [
      itemId,
      version,
    ])
  ).rows[0];
  return row?.search_key ?? null;
}

/** Any once-published version (or one of the caller's own drafts), even when superseded since. */
export async function findVersionForCase(tx: Tx, itemId: string, version: number): Promise<ItemVersionView | null> {
  const row = (await tx.query<VersionRow>(`select ${VERSION_COLUMNS} from catalog_item_version($1, $2)`, [itemId, version])).rows[0];
  return row ? toVersion(row) : null;
}

export async function listVersions(tx: Tx, itemId: string): Promise<ItemVersionView[]> {
  const result = await tx.query<VersionRow>(
    `select ${VERSION_COLUMNS} from catalog_item_versions where item_id = $1 order by version desc`,
    [itemId],
  );
  return result.rows.map(toVersion);
}

// ---- public guide: published versions only ----

interface SummaryRow {
  code: string;
  name: string;
  handling: PublicItemSummary['handling'];
  item_type: string;
  department: string;
  audience: PublicItemSummary['audience'];
  promised_days: number;
  legal_days: number;
  agentable: boolean;
  online: boolean;
  max_visits: number;
  /** 时限计算方式, so lists word the promise as the guide does (工作日 / 自然日). */
  day_kind: 'working' | 'calendar';
}

const SUMMARY_COLUMNS = `v.code, v.name, v.handling, v.item_type, v.department, v.audience, v.promised_days, v.legal_days,
  v.agentable, v.online, v.max_visits, coalesce(v.content->>'dayKind', 'working') as day_kind`;

function toSummary(row: SummaryRow): PublicItemSummary {
  return {
    code: row.code,
    name: row.name,
    handling: row.handling,
    itemType: row.item_type,
    department: row.department,
    audience: row.audience,
    promisedDays: row.promised_days,
    legalDays: row.legal_days,
    agentable: row.agentable,
    online: row.online,
    maxVisits: row.max_visits,
    dayKind: row.day_kind === 'calendar' ? 'calendar' : 'working',
  };
}

export interface PublicFilter {
  department?: string | undefined;
  audience?: string | undefined;
  event?: string | undefined;
  limit: number;
}

/** Published items of one org; the query goes through the trigram or the gram index, never a scan of every text. */
export async function searchPublished(tx: Tx, orgId: string, plan: SearchPlan, filter: PublicFilter): Promise<PublicItemSummary[]> {
  const result = await tx.query<SummaryRow>(
    `select code, name, handling, item_type, department, audience, promised_days, legal_days, agentable, online, max_visits, day_kind
       from catalog_search_published($1, $2, $3, $4, $5, $6, $7)`,
    [
      orgId,
      filter.department ?? null,
      filter.audience ?? null,
      filter.event ?? null,
      plan.kind,
      plan.kind === 'none' ? null : plan.text,
      filter.limit,
    ],
  );
  return result.rows.map(toSummary);
}

export async function listPublishedByCodes(
  tx: Tx,
  orgId: string,
  codes: readonly string[],
): Promise<(PublicItemSummary & { content: ItemContent })[]> {
  const result = await tx.query<SummaryRow & { content: unknown }>(
    `select ${SUMMARY_COLUMNS}, v.content from catalog_item_versions v
      where v.status = 'published' and v.org_id = $1 and v.code = any($2::text[]) order by array_position($2::text[], v.code)`,
    [orgId, codes],
  );
  return result.rows.map((row) => ({ ...toSummary(row), content: ItemContent.parse(row.content) }));
}

export async function findPublishedByCode(tx: Tx, orgId: string, code: string): Promise<ItemVersionView | null> {
  const row = (
    await tx.query<VersionRow>(
      `select ${VERSION_COLUMNS} from catalog_item_versions where status = 'published' and org_id = $1 and code = $2`,
      [orgId, code],
    )
  ).rows[0];
  return row ? toVersion(row) : null;
}

export async function listFacets(
  tx: Tx,
  orgId: string,
): Promise<{ departments: { name: string; count: number }[]; events: { name: string; count: number }[] }> {
  const departments = await tx.query<{ name: string; count: number }>(
    `select department as name, count(*)::int as count from catalog_item_versions
      where status = 'published' and org_id = $1 group by department order by department`,
    [orgId],
  );
  const events = await tx.query<{ name: string; count: number }>(
    `select e as name, count(*)::int as count from catalog_item_versions, unnest(life_events) e
      where status = 'published' and org_id = $1 group by e order by e`,
    [orgId],
  );
  return { departments: departments.rows, events: events.rows };
}

export interface BundleRow {
  code: string;
  name: string;
  description: string;
  audience: 'personal' | 'legal';
  item_codes: string[];
}

export async function listBundles(tx: Tx, orgId: string): Promise<BundleRow[]> {
  const result = await tx.query<BundleRow>(
    `select code, name, description, audience, item_codes from catalog_bundles where org_id = $1 and status = 'published' order by sort, code`,
    [orgId],
  );
  return result.rows;
}

export async function upsertBundle(tx: Tx, orgId: string, bundle: Omit<BundleRow, never> & { sort: number }, now: Date): Promise<void> {
  await tx.query(
    `insert into catalog_bundles (org_id, code, name, description, audience, item_codes, sort, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (org_id, code) do update set name = excluded.name, description = excluded.description, audience = excluded.audience,
       item_codes = excluded.item_codes, sort = excluded.sort, version = catalog_bundles.version + 1`,
    [orgId, bundle.code, bundle.name, bundle.description, bundle.audience, bundle.item_codes, bundle.sort, now],
  );
}

/** The org's place in the tree (from org's index). */
export async function findOrgIdByCode(
  tx: Tx,
  code: string,
): Promise<{ id: string; code: string; name: string; kind: string; parentId: string | null } | null> {
  const org = await findOrgByCode(tx, code);
  return org ? { id: org.id, code: org.code, name: org.name, kind: org.kind, parentId: org.parentId } : null;
}

export async function findOrgById(
  tx: Tx,
  id: string,
): Promise<{ id: string; code: string; name: string; kind: string; parentId: string | null } | null> {
  const org = await findOrg(tx, id);
  return org ? { id: org.id, code: org.code, name: org.name, kind: org.kind, parentId: org.parentId } : null;
}
