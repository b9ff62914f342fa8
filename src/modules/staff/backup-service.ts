import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { versionConflict } from '../../kernel/version-conflict.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { rolesFor } from '../../kernel/permissions.rules.ts';
import * as backupRepo from './backup-repo.ts';
import { staffErrors } from './errors.ts';
import * as repo from './repo.ts';
import type { AbsenceView, CreateAbsenceBody, SetBackupBody, StaffView } from './schemas.ts';
import { getStaff } from './service.ts';

/**
 * AB岗互补 (seeds): every window post has a B post. While A is away, A's open cases stand in B's
 * queue; B acts in B's own name and the case stays assigned to A.
 */

type StaffChange = Change<{ staff: StaffView }>;

const MANAGERS: readonly string[] = rolesFor('staff.manage');

async function reload(tx: Tx, id: string, now: Date): Promise<StaffView> {
  const staff = await repo.findStaff(tx, id, now);
  if (!staff) throw new Error('staff vanished');
  const { orgKind: _orgKind, ...view } = staff;
  return view;
}

/** A person records their own absence; a director or county admin records anyone's in their scope. */
async function loadForAbsence(tx: Tx, actor: Principal, id: string, now: Date) {
  const target = await getStaff(tx, actor, id, now);
  if (id !== actor.staffId && !MANAGERS.includes(actor.role)) {
    throw new DomainError(commonErrors.FORBIDDEN, '只有中心主任或县中心管理员可以为他人登记离岗或返岗；本人可以登记自己的。');
  }
  return target;
}

/** 设置B岗: same org, active, not the person themselves; `null` clears it. */
export async function setBackup(tx: Tx, actor: Principal, id: string, body: SetBackupBody, now: Date): Promise<StaffChange> {
  const current = await getStaff(tx, actor, id, now);
  let backupName: string | null = null;
  if (body.backupId !== null) {
    if (body.backupId === id) throw new DomainError(staffErrors.STAFF_SELF_ACTION, '不能把本人设为自己的B岗。');
    const backup = await repo.findStaff(tx, body.backupId, now);
    if (!backup || backup.orgId !== current.orgId || !actor.scopeOrgIds.includes(backup.orgId)) {
      throw new DomainError(staffErrors.STAFF_INVALID, 'B岗须是同一机构的工作人员。');
    }
    if (backup.status !== 'active') throw new DomainError(staffErrors.STAFF_INVALID, `${backup.name} 的账户已停用，不能担任B岗。`);
    backupName = backup.name;
  }
  if (!(await backupRepo.updateBackup(tx, id, body.version, body.backupId, now))) {
    throw await versionConflict(tx, 'staff', id);
  }
  return {
    body: { staff: await reload(tx, id, now) },
    audit: {
      action: 'staff.set_backup',
      targetType: 'staff',
      targetId: id,
      orgId: current.orgId,
      summary: { username: current.username, backupId: body.backupId, backupName, previousBackupId: current.backup?.id ?? null },
    },
  };
}

/** 登记离岗 (请假、会议、培训): from `startsOn` to `endsOn` inclusive; no overlap with another absence. */
export async function markAbsent(
  tx: Tx,
  actor: Principal,
  id: string,
  body: CreateAbsenceBody,
  now: Date,
): Promise<Change<{ staff: StaffView; absence: AbsenceView }>> {
  const target = await loadForAbsence(tx, actor, id, now);
  const today = businessDateOf(now);
  const { startsOn, endsOn } = body;
  if (endsOn < today) throw new DomainError(staffErrors.STAFF_INVALID, `离岗结束日期不能早于今天（${today}）。`);
  await backupRepo.lockStaffRow(tx, id);
  if (await backupRepo.hasOverlappingAbsence(tx, id, startsOn, endsOn)) {
    throw new DomainError(
      staffErrors.STAFF_ABSENCE_OVERLAP,
      `${target.name} 在 ${startsOn} 至 ${endsOn} 期间已有离岗登记，请先取消或返岗后再登记。`,
    );
  }
  const absenceId = await backupRepo.insertAbsence(
    tx,
    { staffId: id, orgId: target.orgId, startsOn, endsOn, reason: body.reason, createdBy: actor.staffId },
    now,
  );
  return {
    status: 201,
    body: {
      staff: await reload(tx, id, now),
      absence: { id: absenceId, startsOn, endsOn, reason: body.reason, isCurrent: startsOn <= today },
    },
    audit: {
      action: 'staff.mark_absent',
      targetType: 'staff',
      targetId: id,
      orgId: target.orgId,
      summary: { username: target.username, absenceId, startsOn, endsOn, reason: body.reason, backupId: target.backup?.id ?? null },
    },
  };
}

/** 返岗: back today; A's cases leave B's queue at once. */
export async function markReturned(tx: Tx, actor: Principal, id: string, now: Date): Promise<StaffChange> {
  const target = await loadForAbsence(tx, actor, id, now);
  await backupRepo.lockStaffRow(tx, id);
  const today = businessDateOf(now);
  if ((await backupRepo.endCurrentAbsences(tx, id, today, actor.staffId, now)) === 0) {
    throw new DomainError(staffErrors.STAFF_NOT_ABSENT, `${target.name} 今天不在离岗期间，无需登记返岗。`);
  }
  return {
    body: { staff: await reload(tx, id, now) },
    audit: {
      action: 'staff.mark_returned',
      targetType: 'staff',
      targetId: id,
      orgId: target.orgId,
      summary: { username: target.username, on: today },
    },
  };
}

/** 取消离岗: a planned or current absence called off (kept on record as cancelled). */
export async function cancelAbsence(tx: Tx, actor: Principal, id: string, absenceId: string, now: Date): Promise<StaffChange> {
  const target = await loadForAbsence(tx, actor, id, now);
  if (!(await backupRepo.cancelAbsence(tx, id, absenceId, businessDateOf(now), actor.staffId, now))) {
    throw new DomainError(staffErrors.STAFF_ABSENCE_NOT_FOUND, '未找到该离岗记录，或已结束、已取消。');
  }
  return {
    body: { staff: await reload(tx, id, now) },
    audit: {
      action: 'staff.cancel_absence',
      targetType: 'staff',
      targetId: id,
      orgId: target.orgId,
      summary: { username: target.username, absenceId },
    },
  };
}

/** A person's absences (their own, or anyone's for those who may read staff). */
export async function listAbsences(tx: Tx, actor: Principal, id: string, now: Date): Promise<AbsenceView[]> {
  await getStaff(tx, actor, id, now);
  if (id !== actor.staffId && !rolesFor('staff.read').includes(actor.role)) {
    throw new DomainError(commonErrors.FORBIDDEN, '您的角色无权查看他人的离岗记录。');
  }
  return backupRepo.listAbsences(tx, id, businessDateOf(now));
}

/** AB岗 queue for cases: colleagues whose B post is `staffId` and who are away today. */
export function listColleaguesBackedUp(tx: Tx, staffId: string, now: Date): Promise<{ id: string; name: string }[]> {
  return backupRepo.listColleaguesBackedUp(tx, staffId, businessDateOf(now));
}
