import type { Tx } from '../../db/db.ts';
import type { OrgKind } from '../../kernel/context.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import type { OfficeHoursRange } from './deadline.rules.ts';
import type { LocalOverride, NationalDay, NationalKind, NationalYear, OverrideKind } from './rules.ts';
import type { OverrideView } from './schemas.ts';
import { findOrgByCode, listOrgLineage, listOrgs } from '../org/index.ts';

/** "<epoch>:<revision>": changes with every calendar change, and differs between databases. */
export async function readRevision(tx: Tx): Promise<string> {
  const row = (
    await tx.query<{ revision: string }>(`select epoch::text || ':' || revision::text as revision from calendar_revision where id = 1`)
  ).rows[0];
  return row?.revision ?? 'none';
}

export interface ChainOrg {
  id: string;
  code: string;
  kind: OrgKind;
  name: string;
  officeHours: OfficeHoursRange[];
}

/** The org and its ancestors, root (county) first (from org's index). */
export async function findOrgChain(tx: Tx, orgId: string): Promise<ChainOrg[]> {
  const lineage = await listOrgLineage(tx, orgId);
  return lineage
    .reverse()
    .map((org) => ({ id: org.id, code: org.code.trim(), kind: org.kind, name: org.name, officeHours: org.officeHours }));
}

export async function findOrgIdByCode(tx: Tx, code: string): Promise<string | null> {
  return (await findOrgByCode(tx, code))?.id ?? null;
}

interface OverrideRow {
  id: string;
  org_id: string;
  on_date: string;
  kind: OverrideKind;
  name: string;
  note: string;
  version: number;
}

const OVERRIDE_SELECT = `select v.id, v.org_id, to_char(v.on_date, 'YYYY-MM-DD') as on_date,
  v.kind, v.name, v.note, v.version from calendar_overrides v`;

/** Overrides with the name and kind of their org (from org's index). */
async function toOverrides(tx: Tx, rows: readonly OverrideRow[]): Promise<OverrideView[]> {
  const orgs = new Map((await listOrgs(tx, [...new Set(rows.map((row) => row.org_id))])).map((org) => [org.id, org]));
  return rows.flatMap((row) => {
    const org = orgs.get(row.org_id);
    return org ? [toOverride(row, org)] : [];
  });
}

function toOverride(row: OverrideRow, org: { name: string; kind: OrgKind }): OverrideView {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: org.name,
    orgKind: org.kind,
    date: row.on_date,
    kind: row.kind,
    name: row.name,
    note: row.note,
    version: row.version,
  };
}

/** Active overrides of these orgs, in the order given (precedence), then by date. */
export async function listOverrides(tx: Tx, orgIds: readonly string[], year?: number): Promise<OverrideView[]> {
  const result = await tx.query<OverrideRow>(
    `${OVERRIDE_SELECT}
      where v.org_id = any($1::uuid[]) and v.removed_at is null
        and ($2::integer is null or v.on_date between make_date($2, 1, 1) and make_date($2, 12, 31))
      order by array_position($1::uuid[], v.org_id), v.on_date`,
    [orgIds, year ?? null],
  );
  return toOverrides(tx, result.rows);
}

export function toLocalOverrides(views: readonly OverrideView[]): LocalOverride[] {
  return views.map((view) => ({ date: view.date as BusinessDate, kind: view.kind, name: view.name, orgId: view.orgId }));
}

export async function findActiveOverride(tx: Tx, id: string): Promise<OverrideView | null> {
  const row = (await tx.query<OverrideRow>(`${OVERRIDE_SELECT} where v.id = $1 and v.removed_at is null`, [id])).rows[0];
  return row ? ((await toOverrides(tx, [row]))[0] ?? null) : null;
}

export async function hasActiveOverride(tx: Tx, orgId: string, date: BusinessDate): Promise<boolean> {
  const result = await tx.query('select 1 from calendar_overrides where org_id = $1 and on_date = $2 and removed_at is null', [
    orgId,
    date,
  ]);
  return result.rows.length > 0;
}

export async function insertOverride(
  tx: Tx,
  override: { orgId: string; date: BusinessDate; kind: OverrideKind; name: string; note: string; createdBy: string },
  now: Date,
): Promise<string | null> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into calendar_overrides (org_id, on_date, kind, name, note, created_by, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (org_id, on_date) where removed_at is null do nothing returning id`,
      [override.orgId, override.date, override.kind, override.name, override.note, override.createdBy, now],
    )
  ).rows[0];
  return row?.id ?? null;
}

/** Marks an override removed if it still has `version`; false when someone changed it first. */
export async function markOverrideRemoved(tx: Tx, id: string, version: number, removedBy: string, now: Date): Promise<boolean> {
  const result = await tx.query(
    `update calendar_overrides set removed_at = $4, removed_by = $3, version = version + 1
      where id = $1 and version = $2 and removed_at is null`,
    [id, version, removedBy, now],
  );
  return result.rowCount > 0;
}

export async function findOverrideVersion(tx: Tx, id: string): Promise<number | null> {
  return (await tx.query<{ version: number }>('select version from calendar_overrides where id = $1', [id])).rows[0]?.version ?? null;
}

interface NationalYearRow {
  year: number;
  source: 'manual' | 'json' | 'ics';
  document: string;
  entered_at: Date | string;
  version: number;
  days: { date: string; kind: NationalKind; name: string }[] | null;
}

export interface StoredNationalYear extends NationalYear {
  entry: { source: 'manual' | 'json' | 'ics'; document: string; enteredAt: string; version: number };
}

/** Every year an administrator entered, with its days. */
export async function listStoredNationalYears(tx: Tx): Promise<StoredNationalYear[]> {
  const result = await tx.query<NationalYearRow>(
    `select y.year, y.source, y.document, y.entered_at, y.version,
            (select json_agg(json_build_object('date', to_char(d.on_date, 'YYYY-MM-DD'), 'kind', d.kind, 'name', d.name) order by d.on_date)
               from calendar_national_days d where d.year = y.year) as days
       from calendar_national_years y order by y.year`,
  );
  return result.rows.map((row) => ({
    year: row.year,
    source: 'admin',
    days: (row.days ?? []).map((day) => ({ ...day, date: day.date as BusinessDate })),
    entry: {
      source: row.source,
      document: row.document,
      enteredAt: new Date(row.entered_at).toISOString(),
      version: row.version,
    },
  }));
}

/** Replaces a year's national days (one statement each: a year is small). Returns the days it had before. */
export async function replaceNationalYear(
  tx: Tx,
  entry: { year: number; source: 'manual' | 'json' | 'ics'; document: string; enteredBy: string; days: readonly NationalDay[] },
  now: Date,
): Promise<number> {
  const previous =
    (await tx.query<{ count: number }>('select count(*)::int as count from calendar_national_days where year = $1', [entry.year])).rows[0]
      ?.count ?? 0;
  await tx.query('delete from calendar_national_days where year = $1', [entry.year]);
  await tx.query(
    `insert into calendar_national_years (year, source, document, entered_by, entered_at) values ($1, $2, $3, $4, $5)
     on conflict (year) do update set source = excluded.source, document = excluded.document, entered_by = excluded.entered_by,
       entered_at = excluded.entered_at, version = calendar_national_years.version + 1`,
    [entry.year, entry.source, entry.document, entry.enteredBy, now],
  );
  await tx.query(
    `insert into calendar_national_days (on_date, year, kind, name)
     select d, $1, k, n from unnest($2::date[], $3::text[], $4::text[]) as t(d, k, n)`,
    [entry.year, entry.days.map((day) => day.date), entry.days.map((day) => day.kind), entry.days.map((day) => day.name)],
  );
  return previous;
}
