import { SYSTEM_SCOPE, type Db, type Scope, type Tx } from '../../src/db/db.ts';

/**
 * R4 with the application's own checks out of the way: what row-level security alone lets the
 * restricted role see, table by table, for every table that has row-level security (read from the
 * catalog, so a new table is included by itself).
 */

export interface RlsTable {
  name: string;
  /** The column the policies compare with the scope: `org_id`, or `id` for the org tree itself; null for national tables. */
  tenantColumn: 'org_id' | 'id' | null;
  /** The `using` clauses of the policies that govern reading (SELECT and ALL). */
  readQuals: string[];
}

/** Tables without a tenant column: one for the whole country, by design. */
export const NATIONAL_TABLES: Record<string, string> = {
  calendar_national_years: '全国节假日: the State Council calendar, the same for every county',
  calendar_national_days: '全国节假日: the State Council calendar, the same for every county',
};

/** Tables every scope may read in full (policy `using (true)`), and why that is no leak. */
export const PUBLIC_READ_TABLES: Record<string, string> = {
  orgs: 'the directory of counties, townships and villages (names, codes, addresses) is published in the guide',
  calendar_overrides: 'local holidays and workdays are published (.ics feeds, /api/calendar/days) for every org',
  agency_leg_limits: "a county's agency time limits (three numbers) are no one's data; writes stay scoped",
  catalog_synonyms: "a county's search synonyms (低保 → 最低生活保障) only widen searches of the public guide; writes stay scoped",
};

/** Tables whose published rows are public (办事指南); every other row of another tenant must stay hidden. */
export const PUBLISHED_READ_TABLES: Record<string, string> = {
  catalog_items: 'published items are the public guide; drafts and unpublished items stay with their org',
  catalog_item_versions: 'published versions are the public guide; drafts, superseded and unpublished versions stay with their org',
  catalog_bundles: 'published 一件事 bundles are the public guide; drafts stay with their org',
};

/** Tables the application role may touch without row-level security, and why that is no leak. */
export const UNSCOPED_GRANTS: Record<string, string> = {
  calendar_revision: 'one counter of the whole database (read-only for the application) that invalidates cached calendars',
};

export async function listRlsTables(db: Db): Promise<RlsTable[]> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    const rows = (
      await tx.query<{ name: string; has_org_id: boolean; quals: string[] | null }>(
        `select c.relname as name,
                exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped) as has_org_id,
                (select array_agg(coalesce(p.qual, '') order by p.policyname) from pg_policies p
                  where p.schemaname = 'public' and p.tablename = c.relname and p.cmd in ('SELECT', 'ALL')) as quals
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity
          order by c.relname`,
      )
    ).rows;
    return rows.map((row) => ({
      name: row.name,
      tenantColumn: row.has_org_id ? 'org_id' : row.name === 'orgs' ? 'id' : null,
      readQuals: row.quals ?? [],
    }));
  });
}

/** Tables the application role holds any privilege on while row-level security is off for them. */
export async function grantedWithoutRls(db: Db, role: string): Promise<string[]> {
  return db.transaction(SYSTEM_SCOPE, async (tx) =>
    (
      await tx.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity
            and (has_table_privilege($1, c.oid, 'select') or has_table_privilege($1, c.oid, 'insert')
                 or has_table_privilege($1, c.oid, 'update') or has_table_privilege($1, c.oid, 'delete'))
          order by 1`,
        [role],
      )
    ).rows.map((row) => row.name),
  );
}

export interface TableFingerprint {
  rows: number;
  digest: string;
}

/**
 * Every row of the given orgs in every tenant table, hashed whole (versions, updated_at, statuses,
 * contents): equal fingerprints mean not one of those rows was written, added or removed.
 */
export async function fingerprintOf(
  db: Db,
  tables: readonly RlsTable[],
  orgIds: readonly string[],
): Promise<Record<string, TableFingerprint>> {
  return db.transaction(SYSTEM_SCOPE, async (tx) => {
    const result: Record<string, TableFingerprint> = {};
    for (const table of tables) {
      if (table.tenantColumn === null) continue;
      const row = (
        await tx.query<TableFingerprint>(
          `select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
             from ${table.name} t where t.${table.tenantColumn} = any($1::uuid[])`,
          [orgIds],
        )
      ).rows[0];
      if (row) result[table.name] = row;
    }
    return result;
  });
}

/** Rows of `table` outside `orgIds` that `scope` can see (published catalog rows counted apart). */
export async function foreignRowsVisible(
  tx: Tx,
  table: RlsTable,
  scopeOrgIds: readonly string[],
): Promise<{ all: number; unpublished: number }> {
  const isCatalog = table.name in PUBLISHED_READ_TABLES;
  const row = (
    await tx.query<{ all: number; unpublished: number }>(
      `select count(*)::int as all, count(*) filter (where ${isCatalog ? "t.status <> 'published'" : 'true'})::int as unpublished
         from ${table.name} t where not coalesce(t.${table.tenantColumn ?? 'org_id'} = any($1::uuid[]), false)`,
      [scopeOrgIds],
    )
  ).rows[0];
  return row ?? { all: 0, unpublished: 0 };
}

class RolledBack<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
  }
}

/** Runs `work` in a transaction under `scope` and rolls it back whatever it did. */
export async function inRolledBack<T>(db: Db, scope: Scope, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    await db.transaction(scope, async (tx) => {
      throw new RolledBack(await work(tx));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.value as T;
    throw error;
  }
  throw new Error('unreachable: the transaction always rolls back');
}

/**
 * Updates and deletes of another tenant's rows under a scope, each in a savepoint: the number of
 * rows touched, or `denied` where the application role holds no such privilege at all.
 */
export async function foreignWritesUnderRls(
  tx: Tx,
  table: RlsTable,
  foreignOrgIds: readonly string[],
): Promise<{ update: number | 'denied'; delete: number | 'denied' }> {
  const column = table.tenantColumn ?? 'org_id';
  const attempt = async (sql: string): Promise<number | 'denied'> => {
    await tx.query('savepoint tenancy_probe');
    try {
      return (await tx.query(sql, [foreignOrgIds])).rowCount;
    } catch (error) {
      if (error instanceof Error && /permission denied/.test(error.message)) return 'denied';
      throw error;
    } finally {
      await tx.query('rollback to savepoint tenancy_probe');
    }
  };
  return {
    update: await attempt(`update ${table.name} set ${column} = ${column} where ${column} = any($1::uuid[])`),
    delete: await attempt(`delete from ${table.name} where ${column} = any($1::uuid[])`),
  };
}
