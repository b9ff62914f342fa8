import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal, Role } from '../../kernel/context.ts';
import { assertInScope } from '../../kernel/scope.ts';
import { versionConflict } from '../../kernel/version-conflict.ts';
import { unlessTaken } from '../../kernel/unique.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { assignableRoles } from '../../kernel/permissions.rules.ts';
import { staffErrors } from './errors.ts';
import type { StaffDeps } from './ports.ts';
import * as repo from './repo.ts';
import { checkRoleFitsOrg, ROLE_LABELS } from './rules.ts';
import type { CreateStaffBody, StaffView, UpdateStaffBody } from './schemas.ts';
import { findOrg } from '../org/index.ts';

type StaffChange = Change<{ staff: StaffView }>;

export function listStaff(
  tx: Tx,
  actor: Principal,
  orgId: string | undefined,
  search: string | undefined,
  now: Date,
): Promise<StaffView[]> {
  if (orgId !== undefined) assertInScope(actor, orgId, '组织机构');
  return repo.listStaff(tx, orgId === undefined ? actor.scopeOrgIds : [orgId], search, now);
}

export async function getStaff(tx: Tx, actor: Principal, id: string, now: Date): Promise<StaffView & { orgKind: string }> {
  const staff = await repo.findStaff(tx, id, now);
  if (!staff || !actor.scopeOrgIds.includes(staff.orgId)) throw new DomainError(staffErrors.STAFF_NOT_FOUND, '未找到该工作人员。');
  return staff;
}

function assertMayAssign(actor: Principal, role: Role): void {
  if (!assignableRoles(actor.role).includes(role)) {
    throw new DomainError(staffErrors.STAFF_ROLE_NOT_ALLOWED, `您无权设置“${ROLE_LABELS[role]}”角色。`);
  }
}

async function assertPostsOfOrg(tx: Tx, orgId: string, departmentId: string | null | undefined, windowId: string | null | undefined) {
  if (departmentId && !(await repo.isDepartmentOfOrg(tx, departmentId, orgId))) {
    throw new DomainError(staffErrors.STAFF_INVALID, '所选部门站所不属于该机构。');
  }
  if (windowId && !(await repo.isWindowOfOrg(tx, windowId, orgId))) {
    throw new DomainError(staffErrors.STAFF_INVALID, '所选窗口不属于该机构。');
  }
}

async function reload(tx: Tx, id: string, now: Date): Promise<StaffView> {
  const staff = await repo.findStaff(tx, id, now);
  if (!staff) throw new Error('staff vanished');
  const { orgKind: _orgKind, ...view } = staff;
  return view;
}

export async function createStaff(tx: Tx, actor: Principal, body: CreateStaffBody, passwordHash: string, now: Date): Promise<StaffChange> {
  assertInScope(actor, body.orgId, '组织机构');
  assertMayAssign(actor, body.role);
  const org = await findOrg(tx, body.orgId);
  if (!org) throw new DomainError(commonErrors.NOT_FOUND, '未找到该组织机构。');
  const misfit = checkRoleFitsOrg(body.role, org.kind);
  if (misfit) throw new DomainError(staffErrors.STAFF_INVALID, `${misfit}。`);
  await assertPostsOfOrg(tx, body.orgId, body.departmentId, body.windowId);
  if (await repo.isUsernameTaken(tx, body.username)) {
    throw new DomainError(staffErrors.STAFF_USERNAME_TAKEN, `用户名 ${body.username} 已被使用，请换一个。`);
  }
  const id = await unlessTaken(
    repo.insertStaff(tx, { ...body, passwordHash, mustChangePassword: true }, now),
    () => new DomainError(staffErrors.STAFF_USERNAME_TAKEN, `用户名 ${body.username} 已被使用，请换一个。`),
  );
  return {
    status: 201,
    body: { staff: await reload(tx, id, now) },
    audit: {
      action: 'staff.create',
      targetType: 'staff',
      targetId: id,
      orgId: body.orgId,
      summary: { username: body.username, role: body.role },
    },
  };
}

export async function updateStaff(tx: Tx, actor: Principal, id: string, body: UpdateStaffBody, now: Date): Promise<StaffChange> {
  const current = await getStaff(tx, actor, id, now);
  const { version, ...patch } = body;
  if (patch.role !== undefined && patch.role !== current.role) {
    assertMayAssign(actor, patch.role);
    assertMayAssign(actor, current.role);
    if (id === actor.staffId) throw new DomainError(staffErrors.STAFF_SELF_ACTION, '不能修改本人的角色。');
    const misfit = checkRoleFitsOrg(patch.role, current.orgKind as 'county' | 'township' | 'village');
    if (misfit) throw new DomainError(staffErrors.STAFF_INVALID, `${misfit}。`);
  }
  await assertPostsOfOrg(tx, current.orgId, patch.departmentId, patch.windowId);
  if (!(await repo.updateStaff(tx, id, version, patch, now))) {
    throw await versionConflict(tx, 'staff', id);
  }
  return {
    body: { staff: await reload(tx, id, now) },
    audit: { action: 'staff.update', targetType: 'staff', targetId: id, orgId: current.orgId, summary: { changed: Object.keys(patch) } },
  };
}

type AdminAct = 'disable' | 'enable' | 'unlock';

/** 停用 / 启用 / 解锁: disabling ends the account's sessions at once (R5). */
export async function applyAdminAct(tx: Tx, actor: Principal, id: string, act: AdminAct, now: Date, deps: StaffDeps): Promise<StaffChange> {
  const current = await getStaff(tx, actor, id, now);
  assertMayAssign(actor, current.role);
  if (id === actor.staffId && act === 'disable') throw new DomainError(staffErrors.STAFF_SELF_ACTION, '不能停用本人账户。');
  switch (act) {
    case 'disable':
      await repo.setStaffStatus(tx, id, 'disabled', now);
      await repo.endSessionsOf(tx, id, now);
      break;
    case 'enable':
      await repo.setStaffStatus(tx, id, 'active', now);
      break;
    case 'unlock':
      await repo.unlockStaff(tx, id, now);
      await deps.clearSignInLock(tx, id);
      break;
  }
  return {
    body: { staff: await reload(tx, id, now) },
    audit: { action: `staff.${act}`, targetType: 'staff', targetId: id, orgId: current.orgId, summary: { username: current.username } },
  };
}

/** An admin sets a new password; the person must change it at next sign-in, and open sessions end. */
export async function resetPassword(
  tx: Tx,
  actor: Principal,
  id: string,
  passwordHash: string,
  now: Date,
  deps: StaffDeps,
): Promise<StaffChange> {
  const current = await getStaff(tx, actor, id, now);
  assertMayAssign(actor, current.role);
  await repo.setStaffPassword(tx, id, passwordHash, now);
  await deps.clearSignInLock(tx, id);
  await repo.endSessionsOf(tx, id, now);
  return {
    body: { staff: await reload(tx, id, now) },
    audit: {
      action: 'staff.reset_password',
      targetType: 'staff',
      targetId: id,
      orgId: current.orgId,
      summary: { username: current.username },
    },
  };
}

/** R10: the full phone number only through an audited reveal that states why. */
export async function revealPhone(tx: Tx, actor: Principal, id: string, reason: string, now: Date): Promise<Change<{ phone: string }>> {
  const staff = await getStaff(tx, actor, id, now);
  return {
    body: { phone: await repo.readFullPhone(tx, id) },
    audit: { action: 'staff.reveal_phone', targetType: 'staff', targetId: id, orgId: staff.orgId, summary: { reason } },
  };
}
