import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { assertInScope } from '../../kernel/scope.ts';
import { DomainError } from '../../shared/errors.ts';
import { versionConflict } from '../../kernel/version-conflict.ts';
import { unlessTaken } from '../../kernel/unique.ts';
import { orgErrors } from './errors.ts';
import * as repo from './repo.ts';
import { checkDivisionCode, checkOfficeHours, childKindOf } from './rules.ts';
import type {
  CreateDepartmentBody,
  CreateOrgBody,
  CreateWindowBody,
  DepartmentView,
  OrgView,
  UpdateDepartmentBody,
  UpdateOrgBody,
  UpdateWindowBody,
  WindowView,
} from './schemas.ts';

/** The caller's org and everything under it. */
export function listVisibleOrgs(tx: Tx, actor: Principal): Promise<OrgView[]> {
  return repo.listOrgs(tx, actor.scopeOrgIds);
}

export async function getOrg(tx: Tx, actor: Principal, id: string): Promise<OrgView> {
  const org = actor.scopeOrgIds.includes(id) ? await repo.findOrg(tx, id) : null;
  if (!org) throw new DomainError(orgErrors.ORG_NOT_FOUND, '未找到该组织机构。');
  return org;
}

export async function createOrg(tx: Tx, actor: Principal, body: CreateOrgBody, now: Date): Promise<Change<{ org: OrgView }>> {
  const parent = await getOrg(tx, actor, body.parentId);
  const expectedKind = childKindOf(parent.kind);
  if (expectedKind !== body.kind) {
    throw new DomainError(
      orgErrors.ORG_INVALID,
      expectedKind === null ? '村级机构下不能再设下级机构。' : `该上级机构下只能新建${expectedKind === 'township' ? '乡镇' : '村'}。`,
    );
  }
  const problem = checkDivisionCode(body.kind, body.code, parent.code) ?? checkOfficeHours(body.officeHours);
  if (problem) throw new DomainError(orgErrors.ORG_INVALID, `${problem}。`);
  if (await repo.findOrgByCode(tx, body.code)) throw new DomainError(orgErrors.ORG_CODE_TAKEN, `区划代码 ${body.code} 已被使用。`);
  const org = await unlessTaken(
    repo.insertOrg(tx, { ...body, parentId: parent.id }, now),
    () => new DomainError(orgErrors.ORG_CODE_TAKEN, `区划代码 ${body.code} 已被使用。`),
  );
  return {
    status: 201,
    body: { org },
    audit: {
      action: 'org.create',
      targetType: 'org',
      targetId: org.id,
      orgId: org.id,
      summary: { code: org.code, name: org.name, kind: org.kind },
    },
  };
}

export async function updateOrg(tx: Tx, actor: Principal, id: string, body: UpdateOrgBody, now: Date): Promise<Change<{ org: OrgView }>> {
  const current = await getOrg(tx, actor, id);
  if (body.officeHours) {
    const problem = checkOfficeHours(body.officeHours);
    if (problem) throw new DomainError(orgErrors.ORG_INVALID, `${problem}。`);
  }
  const { version, ...patch } = body;
  const org = await repo.updateOrg(tx, id, version, patch, now);
  if (!org) throw await versionConflict(tx, 'orgs', current.id);
  return {
    body: { org },
    audit: {
      action: 'org.update',
      targetType: 'org',
      targetId: id,
      orgId: id,
      summary: { changed: Object.keys(patch), fromVersion: version },
    },
  };
}

export async function listDepartments(tx: Tx, actor: Principal, orgId: string | undefined): Promise<DepartmentView[]> {
  if (orgId !== undefined) assertInScope(actor, orgId, '组织机构');
  return repo.listDepartments(tx, orgId === undefined ? actor.scopeOrgIds : [orgId]);
}

async function getDepartment(tx: Tx, actor: Principal, id: string): Promise<DepartmentView> {
  const department = await repo.findDepartment(tx, id);
  if (!department || !actor.scopeOrgIds.includes(department.orgId)) {
    throw new DomainError(orgErrors.DEPARTMENT_NOT_FOUND, '未找到该部门站所。');
  }
  return department;
}

export async function createDepartment(
  tx: Tx,
  actor: Principal,
  body: CreateDepartmentBody,
  now: Date,
): Promise<Change<{ department: DepartmentView }>> {
  assertInScope(actor, body.orgId, '组织机构');
  const department = await repo.insertDepartment(tx, body, now);
  if (!department) throw new DomainError(orgErrors.DEPARTMENT_NAME_TAKEN, `该机构下已有名为“${body.name}”的部门。`);
  return {
    status: 201,
    body: { department },
    audit: {
      action: 'department.create',
      targetType: 'department',
      targetId: department.id,
      orgId: department.orgId,
      summary: { name: department.name, category: department.category },
    },
  };
}

export async function updateDepartment(
  tx: Tx,
  actor: Principal,
  id: string,
  body: UpdateDepartmentBody,
): Promise<Change<{ department: DepartmentView }>> {
  const current = await getDepartment(tx, actor, id);
  const { version, ...patch } = body;
  if (patch.name !== undefined && (await repo.isDepartmentNameTaken(tx, current.orgId, patch.name, id))) {
    throw new DomainError(orgErrors.DEPARTMENT_NAME_TAKEN, `该机构下已有名为“${patch.name}”的部门。`);
  }
  const department = await unlessTaken(
    repo.updateDepartment(tx, id, version, patch),
    () => new DomainError(orgErrors.DEPARTMENT_NAME_TAKEN, `该机构下已有名为“${patch.name ?? ''}”的部门。`),
  );
  if (!department) throw await versionConflict(tx, 'departments', current.id);
  return {
    body: { department },
    audit: {
      action: 'department.update',
      targetType: 'department',
      targetId: id,
      orgId: current.orgId,
      summary: { changed: Object.keys(patch) },
    },
  };
}

export async function listWindows(tx: Tx, actor: Principal, orgId: string | undefined): Promise<WindowView[]> {
  if (orgId !== undefined) assertInScope(actor, orgId, '组织机构');
  return repo.listWindows(tx, orgId === undefined ? actor.scopeOrgIds : [orgId]);
}

async function assertDepartmentsOfOrg(tx: Tx, orgId: string, departmentIds: readonly string[]): Promise<void> {
  const unique = [...new Set(departmentIds)];
  if ((await repo.countDepartmentsOfOrg(tx, orgId, unique)) !== unique.length) {
    throw new DomainError(orgErrors.WINDOW_INVALID, '窗口只能服务本机构的部门站所，请重新选择。');
  }
}

export async function createWindow(tx: Tx, actor: Principal, body: CreateWindowBody, now: Date): Promise<Change<{ window: WindowView }>> {
  assertInScope(actor, body.orgId, '组织机构');
  await assertDepartmentsOfOrg(tx, body.orgId, body.departmentIds);
  if (await repo.isWindowNumberTaken(tx, body.orgId, body.number, null)) {
    throw new DomainError(orgErrors.WINDOW_NUMBER_TAKEN, `该机构已有 ${body.number} 号窗口。`);
  }
  const id = await unlessTaken(
    repo.insertWindow(tx, body, now),
    () => new DomainError(orgErrors.WINDOW_NUMBER_TAKEN, `该机构已有 ${body.number} 号窗口。`),
  );
  await repo.replaceWindowDepartments(tx, id, body.orgId, [...new Set(body.departmentIds)]);
  const window = await repo.findWindow(tx, id);
  if (!window) throw new Error('window vanished');
  return {
    status: 201,
    body: { window },
    audit: {
      action: 'window.create',
      targetType: 'window',
      targetId: id,
      orgId: body.orgId,
      summary: { number: body.number, name: body.name },
    },
  };
}

export async function updateWindow(tx: Tx, actor: Principal, id: string, body: UpdateWindowBody): Promise<Change<{ window: WindowView }>> {
  const current = await repo.findWindow(tx, id);
  if (!current || !actor.scopeOrgIds.includes(current.orgId)) throw new DomainError(orgErrors.WINDOW_NOT_FOUND, '未找到该窗口。');
  const { version, departmentIds, ...patch } = body;
  if (patch.number !== undefined && (await repo.isWindowNumberTaken(tx, current.orgId, patch.number, id))) {
    throw new DomainError(orgErrors.WINDOW_NUMBER_TAKEN, `该机构已有 ${patch.number} 号窗口。`);
  }
  if (departmentIds) await assertDepartmentsOfOrg(tx, current.orgId, departmentIds);
  const isUpdated = await unlessTaken(
    repo.updateWindowRow(tx, id, version, patch),
    () => new DomainError(orgErrors.WINDOW_NUMBER_TAKEN, `该机构已有 ${patch.number ?? ''} 号窗口。`),
  );
  if (!isUpdated) throw await versionConflict(tx, 'windows', current.id);
  if (departmentIds) await repo.replaceWindowDepartments(tx, id, current.orgId, [...new Set(departmentIds)]);
  const window = await repo.findWindow(tx, id);
  if (!window) throw new Error('window vanished');
  return {
    body: { window },
    audit: {
      action: 'window.update',
      targetType: 'window',
      targetId: id,
      orgId: current.orgId,
      summary: { changed: [...Object.keys(patch), ...(departmentIds ? ['departmentIds'] : [])] },
    },
  };
}
