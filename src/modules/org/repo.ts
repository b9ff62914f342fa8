import type { Tx } from '../../db/db.ts';
import type { OrgKind } from '../../kernel/context.ts';
import type { DepartmentCategory, OfficeHours } from './rules.ts';
import type { DepartmentView, OrgView, WindowView } from './schemas.ts';

interface OrgRow {
  id: string;
  code: string;
  kind: OrgKind;
  parent_id: string | null;
  name: string;
  address: string;
  phone: string;
  office_hours: OfficeHours[];
  is_ethnic: boolean;
  status: 'active' | 'inactive';
  version: number;
}

const ORG_COLUMNS = 'id, code, kind, parent_id, name, address, phone, office_hours, is_ethnic, status, version';

function toOrg(row: OrgRow): OrgView {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    parentId: row.parent_id,
    name: row.name,
    address: row.address,
    phone: row.phone,
    officeHours: row.office_hours,
    isEthnic: row.is_ethnic,
    status: row.status,
    version: row.version,
  };
}

/** Orgs among `orgIds`, ordered by code (county first, then townships with their villages). */
export async function listOrgs(tx: Tx, orgIds: readonly string[]): Promise<OrgView[]> {
  const result = await tx.query<OrgRow>(`select ${ORG_COLUMNS} from orgs where id = any($1::uuid[]) order by code`, [orgIds]);
  return result.rows.map(toOrg);
}

export async function findOrg(tx: Tx, id: string): Promise<OrgView | null> {
  const row = (await tx.query<OrgRow>(`select ${ORG_COLUMNS} from orgs where id = $1`, [id])).rows[0];
  return row ? toOrg(row) : null;
}

export async function findOrgByCode(tx: Tx, code: string): Promise<OrgView | null> {
  const row = (await tx.query<OrgRow>(`select ${ORG_COLUMNS} from orgs where code = $1`, [code])).rows[0];
  return row ? toOrg(row) : null;
}

/** The org and its parents up to the county, the org itself first. */
export async function listOrgLineage(tx: Tx, id: string): Promise<OrgView[]> {
  const result = await tx.query<OrgRow & { depth: number }>(
    `with recursive lineage as (
       select ${ORG_COLUMNS}, 0 as depth from orgs where id = $1
       union all
       select ${ORG_COLUMNS.split(', ')
         .map((column) => `o.${column}`)
         .join(', ')}, l.depth + 1
         from orgs o join lineage l on o.id = l.parent_id where l.depth < 5
     )
     select * from lineage order by depth`,
    [id],
  );
  return result.rows.map(toOrg);
}

/** The org and every org below it (a township's villages, a county's townships and villages). */
export async function listSubtreeIds(tx: Tx, id: string): Promise<string[]> {
  const result = await tx.query<{ id: string }>(
    `with recursive subtree as (
       select id from orgs where id = $1
       union all
       select child.id from orgs child join subtree on child.parent_id = subtree.id
     )
     select id from subtree`,
    [id],
  );
  return result.rows.map((row) => row.id);
}

/** The orgs directly below `parentId` of one kind, by code. */
export async function listChildOrgs(tx: Tx, parentId: string, kind: OrgKind): Promise<OrgView[]> {
  const result = await tx.query<OrgRow>(`select ${ORG_COLUMNS} from orgs where parent_id = $1 and kind = $2 order by code`, [
    parentId,
    kind,
  ]);
  return result.rows.map(toOrg);
}

export interface NewOrg {
  code: string;
  kind: OrgKind;
  parentId: string | null;
  name: string;
  address: string;
  phone: string;
  officeHours: OfficeHours[];
  isEthnic: boolean;
}

export async function insertOrg(tx: Tx, org: NewOrg, now: Date): Promise<OrgView> {
  const row = (
    await tx.query<OrgRow>(
      `insert into orgs (code, kind, parent_id, name, address, phone, office_hours, is_ethnic, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning ${ORG_COLUMNS}`,
      [org.code, org.kind, org.parentId, org.name, org.address, org.phone, JSON.stringify(org.officeHours), org.isEthnic, now],
    )
  ).rows[0];
  if (!row) throw new Error('org insert returned nothing');
  return toOrg(row);
}

/** Optimistic update: returns null when the version moved on (someone else saved first). */
export async function updateOrg(
  tx: Tx,
  id: string,
  version: number,
  patch: Partial<Pick<OrgView, 'name' | 'address' | 'phone' | 'officeHours' | 'isEthnic' | 'status'>>,
  now: Date,
): Promise<OrgView | null> {
  const row = (
    await tx.query<OrgRow>(
      `update orgs set name = coalesce($3, name), address = coalesce($4, address), phone = coalesce($5, phone),
              office_hours = coalesce($6::jsonb, office_hours), is_ethnic = coalesce($7, is_ethnic),
              status = coalesce($8, status), version = version + 1, updated_at = $9
        where id = $1 and version = $2 returning ${ORG_COLUMNS}`,
      [
        id,
        version,
        patch.name ?? null,
        patch.address ?? null,
        patch.phone ?? null,
        patch.officeHours === undefined ? null : JSON.stringify(patch.officeHours),
        patch.isEthnic ?? null,
        patch.status ?? null,
        now,
      ],
    )
  ).rows[0];
  return row ? toOrg(row) : null;
}

interface DepartmentRow {
  id: string;
  org_id: string;
  name: string;
  category: DepartmentCategory;
  sort: number;
  status: 'active' | 'inactive';
  version: number;
}

const DEPARTMENT_COLUMNS = 'id, org_id, name, category, sort, status, version';

function toDepartment(row: DepartmentRow): DepartmentView {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    category: row.category,
    sort: row.sort,
    status: row.status,
    version: row.version,
  };
}

export async function listDepartments(tx: Tx, orgIds: readonly string[]): Promise<DepartmentView[]> {
  const result = await tx.query<DepartmentRow>(
    `select ${DEPARTMENT_COLUMNS} from departments where org_id = any($1::uuid[]) order by org_id, sort, name`,
    [orgIds],
  );
  return result.rows.map(toDepartment);
}

export async function listDepartmentsByIds(tx: Tx, ids: readonly string[]): Promise<DepartmentView[]> {
  const result = await tx.query<DepartmentRow>(`select ${DEPARTMENT_COLUMNS} from departments where id = any($1::uuid[])`, [ids]);
  return result.rows.map(toDepartment);
}

export async function findDepartment(tx: Tx, id: string): Promise<DepartmentView | null> {
  const row = (await tx.query<DepartmentRow>(`select ${DEPARTMENT_COLUMNS} from departments where id = $1`, [id])).rows[0];
  return row ? toDepartment(row) : null;
}

export async function insertDepartment(
  tx: Tx,
  department: { orgId: string; name: string; category: DepartmentCategory; sort: number },
  now: Date,
): Promise<DepartmentView | null> {
  const row = (
    await tx.query<DepartmentRow>(
      `insert into departments (org_id, name, category, sort, created_at) values ($1, $2, $3, $4, $5)
       on conflict (org_id, name) do nothing returning ${DEPARTMENT_COLUMNS}`,
      [department.orgId, department.name, department.category, department.sort, now],
    )
  ).rows[0];
  return row ? toDepartment(row) : null;
}

export async function updateDepartment(
  tx: Tx,
  id: string,
  version: number,
  patch: Partial<Pick<DepartmentView, 'name' | 'category' | 'sort' | 'status'>>,
): Promise<DepartmentView | null> {
  const row = (
    await tx.query<DepartmentRow>(
      `update departments set name = coalesce($3, name), category = coalesce($4, category), sort = coalesce($5, sort),
              status = coalesce($6, status), version = version + 1
        where id = $1 and version = $2 returning ${DEPARTMENT_COLUMNS}`,
      [id, version, patch.name ?? null, patch.category ?? null, patch.sort ?? null, patch.status ?? null],
    )
  ).rows[0];
  return row ? toDepartment(row) : null;
}

export async function isDepartmentNameTaken(tx: Tx, orgId: string, name: string, exceptId: string): Promise<boolean> {
  const result = await tx.query('select 1 from departments where org_id = $1 and name = $2 and id <> $3', [orgId, name, exceptId]);
  return result.rows.length > 0;
}

interface WindowRow {
  id: string;
  org_id: string;
  number: string;
  name: string;
  status: 'active' | 'inactive';
  version: number;
  department_ids: string[] | null;
}

const WINDOW_SELECT = `select w.id, w.org_id, w.number, w.name, w.status, w.version,
  array(select wd.department_id::text from window_departments wd where wd.window_id = w.id order by wd.department_id) as department_ids
  from windows w`;

function toWindow(row: WindowRow): WindowView {
  return {
    id: row.id,
    orgId: row.org_id,
    number: row.number,
    name: row.name,
    departmentIds: row.department_ids ?? [],
    status: row.status,
    version: row.version,
  };
}

export async function listWindows(tx: Tx, orgIds: readonly string[]): Promise<WindowView[]> {
  const result = await tx.query<WindowRow>(`${WINDOW_SELECT} where w.org_id = any($1::uuid[]) order by w.org_id, w.number`, [orgIds]);
  return result.rows.map(toWindow);
}

export async function findWindow(tx: Tx, id: string): Promise<WindowView | null> {
  const row = (await tx.query<WindowRow>(`${WINDOW_SELECT} where w.id = $1`, [id])).rows[0];
  return row ? toWindow(row) : null;
}

export async function isWindowNumberTaken(tx: Tx, orgId: string, number: string, exceptId: string | null): Promise<boolean> {
  const result = await tx.query('select 1 from windows where org_id = $1 and number = $2 and ($3::uuid is null or id <> $3)', [
    orgId,
    number,
    exceptId,
  ]);
  return result.rows.length > 0;
}

export async function insertWindow(tx: Tx, window: { orgId: string; number: string; name: string }, now: Date): Promise<string> {
  const row = (
    await tx.query<{ id: string }>('insert into windows (org_id, number, name, created_at) values ($1, $2, $3, $4) returning id', [
      window.orgId,
      window.number,
      window.name,
      now,
    ])
  ).rows[0];
  if (!row) throw new Error('window insert returned nothing');
  return row.id;
}

export async function updateWindowRow(
  tx: Tx,
  id: string,
  version: number,
  patch: { number?: string; name?: string; status?: 'active' | 'inactive' },
): Promise<boolean> {
  const result = await tx.query(
    `update windows set number = coalesce($3, number), name = coalesce($4, name), status = coalesce($5, status),
            version = version + 1 where id = $1 and version = $2`,
    [id, version, patch.number ?? null, patch.name ?? null, patch.status ?? null],
  );
  return result.rowCount > 0;
}

export async function replaceWindowDepartments(tx: Tx, windowId: string, orgId: string, departmentIds: readonly string[]): Promise<void> {
  await tx.query('delete from window_departments where window_id = $1', [windowId]);
  await tx.query(
    `insert into window_departments (window_id, department_id, org_id)
     select $1, unnest($2::uuid[]), $3`,
    [windowId, departmentIds, orgId],
  );
}

/** Departments among `ids` that belong to `orgId` (a window serves its own org's departments only). */
export async function countDepartmentsOfOrg(tx: Tx, orgId: string, ids: readonly string[]): Promise<number> {
  const result = await tx.query<{ count: number }>(
    'select count(*)::int as count from departments where org_id = $1 and id = any($2::uuid[])',
    [orgId, ids],
  );
  return result.rows[0]?.count ?? 0;
}
