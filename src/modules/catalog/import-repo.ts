import type { Tx } from '../../db/db.ts';
import { ITEM_COLUMNS, toItem, type ItemRow } from './repo.ts';
import type { ItemSummaryView } from './schemas.ts';

/**
 * Set-based SQL of the catalog import and export: one statement per batch of rows, never one per
 * row (a 5,000-row import was 30,000 statements). The service keeps each batch small enough that a
 * statement costs PGlite, which runs on the event loop, only milliseconds, and yields between them.
 * Version rows arrive as JSON text made on a worker thread (version-record.ts) and are bound as one
 * jsonb parameter per batch.
 */

/** The columns of a version record (VersionRecord in version-record.ts) as jsonb_to_record reads them. */
const RECORD = `content jsonb, code text, name text, item_type text, audience text[], department text, handling text,
  legal_days integer, promised_days integer, life_events text[], agentable boolean, online boolean, max_visits integer,
  search_key text, search_grams text`;
const VERSION_COLUMNS = `item_id, version, org_id, status, content, code, name, item_type, audience, department, handling,
  legal_days, promised_days, life_events, agentable, online, max_visits, search_key, search_grams, created_by, created_at, published_at`;
const FROM_RECORD = `r.content, r.code, r.name, r.item_type, r.audience, r.department, r.handling, r.legal_days, r.promised_days,
  r.life_events, r.agentable, r.online, r.max_visits, r.search_key, r.search_grams`;

/** A JSON array of `{…fields, "rec": <record>}` built around the records' text, which is not parsed again here. */
function withRecords(rows: readonly { fields: Record<string, unknown>; record: string }[]): string {
  return `[${rows.map(({ fields, record }) => `${JSON.stringify(fields).slice(0, -1)}${Object.keys(fields).length > 0 ? ',' : ''}"rec":${record}}`).join(',')}]`;
}

/**
 * The search indexes are GIN with a pending list: inserts append to it, and the statement that finds
 * it over the limit merges all of it (4 MB by default: one statement of 70–100 ms on PGlite in the
 * middle of an import). A 1 MB list for the rest of this transaction spreads that work over more
 * statements at no measurable cost in total (bench/README.md, P11).
 */
export async function keepGinPendingListSmall(tx: Tx): Promise<void> {
  await tx.query(`select set_config('gin_pending_list_limit', '1024', true)`);
}

/** The items of an org with these codes, by code. */
export async function itemsByCode(tx: Tx, orgId: string, codes: readonly string[]): Promise<ItemSummaryView[]> {
  const result = await tx.query<ItemRow>(`select ${ITEM_COLUMNS} from catalog_items where org_id = $1 and code = any($2::text[])`, [
    orgId,
    codes,
  ]);
  return result.rows.map(toItem);
}

/** Stored content (JSON text) of these item versions, as a case would read them (catalog_item_version). */
export async function versionContents(
  tx: Tx,
  refs: readonly { itemId: string; version: number }[],
): Promise<{ itemId: string; version: number; content: string }[]> {
  const result = await tx.query<{ item_id: string; version: number; content: string }>(
    `select v.item_id, v.version, v.content::text as content
       from unnest($1::uuid[], $2::integer[]) as p(item_id, version)
       cross join lateral catalog_item_version(p.item_id, p.version) v`,
    [refs.map((ref) => ref.itemId), refs.map((ref) => ref.version)],
  );
  return result.rows.map((row) => ({ itemId: row.item_id, version: row.version, content: row.content }));
}

/** The next `limit` items of an org after `afterCode` (by code): the content of each one's open draft, else its published version. */
export async function currentContents(
  tx: Tx,
  orgId: string,
  afterCode: string | null,
  limit: number,
): Promise<{ code: string; content: string }[]> {
  const result = await tx.query<{ code: string; content: string }>(
    `select i.code, v.content::text as content
       from catalog_items i
       join catalog_item_versions v on v.item_id = i.id and v.version = coalesce(i.draft_version, i.published_version, i.latest_version)
      where i.org_id = $1 and ($2::text is null or i.code > $2)
      order by i.code limit $3`,
    [orgId, afterCode, limit],
  );
  return result.rows;
}

export interface NewItemsBatch {
  orgId: string;
  tier: 'base' | 'local';
  /** Final values of the new rows (a published import publishes version 1 at once). */
  status: 'draft' | 'published';
  draftVersion: number | null;
  publishedVersion: number | null;
  rowVersion: number;
  versionStatus: 'draft' | 'published';
  publishedAt: Date | null;
  createdBy: string | null;
  now: Date;
  rows: readonly { baseItemId: string | null; baseVersion: number | null; record: string }[];
}

/** Inserts new items with their version 1; returns the codes inserted (a code taken meanwhile is skipped). */
export async function insertItems(tx: Tx, batch: NewItemsBatch): Promise<string[]> {
  const result = await tx.query<{ code: string }>(
    `with input as (
       select (e.value->>'base_item_id')::uuid as base_item_id, (e.value->>'base_version')::integer as base_version, r.*
         from jsonb_array_elements($1::jsonb) as e(value)
         cross join lateral jsonb_to_record(e.value->'rec') as r(${RECORD})
     ), items as (
       insert into catalog_items (org_id, code, name, tier, base_item_id, base_version, status, draft_version, published_version,
                                  latest_version, version, created_at, updated_at)
       select $2::uuid, code, name, $3, base_item_id, base_version, $4, $5::integer, $6::integer, 1, $7, $8::timestamptz, $8::timestamptz
         from input
       on conflict (org_id, code) do nothing
       returning id, code
     )
     insert into catalog_item_versions (${VERSION_COLUMNS})
     select items.id, 1, $2::uuid, $9, ${FROM_RECORD}, $10::uuid, $8::timestamptz, $11::timestamptz
       from items join input r on r.code = items.code
     returning code`,
    [
      withRecords(
        batch.rows.map((row) => ({ fields: { base_item_id: row.baseItemId, base_version: row.baseVersion }, record: row.record })),
      ),
      batch.orgId,
      batch.tier,
      batch.status,
      batch.draftVersion,
      batch.publishedVersion,
      batch.rowVersion,
      batch.now,
      batch.versionStatus,
      batch.createdBy,
      batch.publishedAt,
    ],
  );
  return result.rows.map((row) => row.code);
}

export interface ItemRowUpdate {
  id: string;
  expected: number;
  name: string;
  status: ItemSummaryView['status'];
  draftVersion: number | null;
  publishedVersion: number | null;
  latestVersion: number;
  /** How many changes the row went through (its version moves by as many). */
  bump: number;
}

/** Optimistic update of item rows: returns the ids updated (a row whose version moved on is not). */
export async function updateItems(tx: Tx, rows: readonly ItemRowUpdate[], now: Date): Promise<string[]> {
  const result = await tx.query<{ id: string }>(
    `update catalog_items c
        set name = u.name, status = u.status, draft_version = u.draft_version, published_version = u.published_version,
            latest_version = u.latest_version, version = c.version + u.bump, updated_at = $2
       from jsonb_to_recordset($1::jsonb) as u(id uuid, expected integer, name text, status text, draft_version integer,
                                              published_version integer, latest_version integer, bump integer)
      where c.id = u.id and c.version = u.expected
      returning c.id`,
    [
      JSON.stringify(
        rows.map((row) => ({
          id: row.id,
          expected: row.expected,
          name: row.name,
          status: row.status,
          draft_version: row.draftVersion,
          published_version: row.publishedVersion,
          latest_version: row.latestVersion,
          bump: row.bump,
        })),
      ),
      now,
    ],
  );
  return result.rows.map((row) => row.id);
}

/** Marks published versions superseded (before their successors are published: one published version per item). */
export async function supersedeVersions(tx: Tx, refs: readonly { itemId: string; version: number }[]): Promise<void> {
  if (refs.length === 0) return;
  await tx.query(
    `update catalog_item_versions v set status = 'superseded'
       from unnest($1::uuid[], $2::integer[]) as s(item_id, version)
      where v.item_id = s.item_id and v.version = s.version`,
    [refs.map((ref) => ref.itemId), refs.map((ref) => ref.version)],
  );
}

export interface VersionsBatch {
  orgId: string;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  createdBy: string | null;
  now: Date;
  rows: readonly { itemId: string; version: number; record: string }[];
}

/** New versions of existing items. */
export async function insertVersions(tx: Tx, batch: VersionsBatch): Promise<void> {
  if (batch.rows.length === 0) return;
  await tx.query(
    `insert into catalog_item_versions (${VERSION_COLUMNS})
     select (e.value->>'item_id')::uuid, (e.value->>'version')::integer, $2::uuid, $3, ${FROM_RECORD}, $4::uuid, $5::timestamptz, $6::timestamptz
       from jsonb_array_elements($1::jsonb) as e(value)
       cross join lateral jsonb_to_record(e.value->'rec') as r(${RECORD})`,
    [versionsJson(batch.rows), batch.orgId, batch.status, batch.createdBy, batch.now, batch.publishedAt],
  );
}

/** New content for open drafts (and their publication when `status` is 'published'). */
export async function updateDrafts(tx: Tx, batch: Omit<VersionsBatch, 'orgId' | 'createdBy' | 'now'>): Promise<void> {
  if (batch.rows.length === 0) return;
  await tx.query(
    `update catalog_item_versions v
        set content = r.content, code = r.code, name = r.name, item_type = r.item_type, audience = r.audience,
            department = r.department, handling = r.handling, legal_days = r.legal_days, promised_days = r.promised_days,
            life_events = r.life_events, agentable = r.agentable, online = r.online, max_visits = r.max_visits,
            search_key = r.search_key, search_grams = r.search_grams, status = $2, published_at = coalesce($3::timestamptz, v.published_at)
       from jsonb_array_elements($1::jsonb) as e(value)
       cross join lateral jsonb_to_record(e.value->'rec') as r(${RECORD})
      where v.item_id = (e.value->>'item_id')::uuid and v.version = (e.value->>'version')::integer and v.status = 'draft'`,
    [versionsJson(batch.rows), batch.status, batch.publishedAt],
  );
}

function versionsJson(rows: VersionsBatch['rows']): string {
  return withRecords(rows.map((row) => ({ fields: { item_id: row.itemId, version: row.version }, record: row.record })));
}
