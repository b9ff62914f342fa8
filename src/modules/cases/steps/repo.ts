import type { Tx } from '../../../db/db.ts';
import type { BusinessDate } from '../../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../../shared/errors.ts';
import { findDepartment, listDepartmentsByIds } from '../../org/index.ts';
import { findStaffFacts, listActiveStaffOf, listStaffFacts } from '../../staff/index.ts';
import type { WarningLevel } from '../../../shared/warning-level.ts';
import type { StepDecision, StepStatus } from './rules.ts';
import type { CaseStatus } from '../transitions.ts';
import { versionedUpdate } from '../../../kernel/versioned-update.ts';

/** A step as stored, with the names the views show. */
export interface StepRecord {
  id: string;
  caseId: string;
  orgId: string;
  position: number;
  departmentId: string | null;
  departmentName: string | null;
  name: string;
  assigneeId: string | null;
  assigneeName: string | null;
  consentOnTimeout: boolean;
  dueOn: BusinessDate;
  warning: WarningLevel;
  nextWarningAt: Date | null;
  status: StepStatus;
  decision: StepDecision | null;
  opinion: string | null;
  opinionDueOn: BusinessDate | null;
  opinionAt: Date | null;
  doneAt: Date | null;
  version: number;
}

const SELECT = `select s.id, s.case_id as "caseId", s.org_id as "orgId", s.position, s.department_id as "departmentId", null as "departmentName",
       s.name, s.assignee_id as "assigneeId", null as "assigneeName", s.consent_on_timeout as "consentOnTimeout", s.due_on as "dueOn",
       s.warning, s.next_warning_at as "nextWarningAt", s.status, s.decision, s.opinion, s.opinion_due_on as "opinionDueOn",
       s.opinion_at as "opinionAt", s.done_at as "doneAt", s.version
  from case_steps s`;

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function toRecord(row: StepRecord): StepRecord {
  return { ...row, nextWarningAt: toDate(row.nextWarningAt), opinionAt: toDate(row.opinionAt), doneAt: toDate(row.doneAt) };
}

/** Steps with the names of their department and assignee (from org's and staff's index). */
async function toRecords<T extends StepRecord>(tx: Tx, rows: readonly T[]): Promise<T[]> {
  const departmentIds = rows.flatMap((row) => row.departmentId ?? []);
  const assigneeIds = rows.flatMap((row) => row.assigneeId ?? []);
  const departments = new Map(
    (departmentIds.length > 0 ? await listDepartmentsByIds(tx, departmentIds) : []).map((row) => [row.id, row.name]),
  );
  const assignees = new Map((await listStaffFacts(tx, assigneeIds)).map((row) => [row.id, row.name]));
  return rows.map((row) => ({
    ...row,
    ...toRecord(row),
    departmentName: row.departmentId ? (departments.get(row.departmentId) ?? null) : null,
    assigneeName: row.assigneeId ? (assignees.get(row.assigneeId) ?? null) : null,
  }));
}

export async function listSteps(tx: Tx, caseId: string): Promise<StepRecord[]> {
  return toRecords(tx, (await tx.query<StepRecord>(`${SELECT} where s.case_id = $1 order by s.position`, [caseId])).rows);
}

export async function findStep(tx: Tx, caseId: string, stepId: string, options: { lock?: boolean } = {}): Promise<StepRecord | null> {
  const row = (
    await tx.query<StepRecord>(`${SELECT} where s.id = $1 and s.case_id = $2${options.lock ? ' for update of s' : ''}`, [stepId, caseId])
  ).rows[0];
  return row ? ((await toRecords(tx, [row]))[0] ?? null) : null;
}

export interface NewStep {
  caseId: string;
  orgId: string;
  position: number;
  departmentId: string | null;
  name: string;
  assigneeId: string | null;
  consentOnTimeout: boolean;
  dueOn: BusinessDate;
  warning: WarningLevel;
  nextWarningAt: Date | null;
}

export async function insertStep(tx: Tx, step: NewStep, now: Date): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into case_steps (case_id, org_id, position, department_id, name, assignee_id, consent_on_timeout, due_on, warning, next_warning_at, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id`,
      [
        step.caseId,
        step.orgId,
        step.position,
        step.departmentId,
        step.name,
        step.assigneeId,
        step.consentOnTimeout,
        step.dueOn,
        step.warning,
        step.nextWarningAt,
        now,
      ],
    )
  ).rows[0];
  if (!row) throw new Error('step insert returned nothing');
  return row.id;
}

export async function lastStepPosition(tx: Tx, caseId: string): Promise<number> {
  return (
    (await tx.query<{ last: number }>('select coalesce(max(position), 0)::int as last from case_steps where case_id = $1', [caseId]))
      .rows[0]?.last ?? 0
  );
}

export interface StepPatch {
  assigneeId?: string | null;
  dueOn?: BusinessDate;
  status?: StepStatus;
  warning?: WarningLevel;
  nextWarningAt?: Date | null;
  decision?: StepDecision | null;
  opinion?: string | null;
  opinionDueOn?: BusinessDate | null;
  opinionAt?: Date | null;
  doneAt?: Date | null;
  doneBy?: string | null;
}

const PATCH_COLUMNS: Record<keyof StepPatch, string> = {
  assigneeId: 'assignee_id',
  dueOn: 'due_on',
  status: 'status',
  warning: 'warning',
  nextWarningAt: 'next_warning_at',
  decision: 'decision',
  opinion: 'opinion',
  opinionDueOn: 'opinion_due_on',
  opinionAt: 'opinion_at',
  doneAt: 'done_at',
  doneBy: 'done_by',
};

/** Optimistic update of one step; false when `version` is no longer current. */
export async function updateStep(tx: Tx, id: string, version: number, patch: StepPatch, now: Date): Promise<boolean> {
  const { text, params } = versionedUpdate('case_steps', PATCH_COLUMNS, patch, { id, version, now });
  return (await tx.query(text, params)).rowCount > 0;
}

/** R3 for steps: the stale writer is told the step version that won (read again after the failed update). */
export async function stepVersionConflict(tx: Tx, id: string): Promise<DomainError> {
  const row = (await tx.query<{ version: number }>('select version from case_steps where id = $1', [id])).rows[0];
  return new DomainError(commonErrors.VERSION_CONFLICT, '该办理步骤已被他人修改，请刷新后重试。', { currentVersion: row?.version ?? null });
}

export async function findDepartmentOfOrg(tx: Tx, orgId: string, departmentId: string): Promise<{ id: string; name: string } | null> {
  const department = await findDepartment(tx, departmentId);
  return department?.orgId === orgId && department.status === 'active' ? { id: department.id, name: department.name } : null;
}

export async function findStaffOfOrg(
  tx: Tx,
  orgId: string,
  staffId: string,
): Promise<{ id: string; name: string; departmentId: string | null } | null> {
  const staff = await findStaffFacts(tx, staffId);
  return staff?.orgId === orgId && staff.status === 'active' ? { id: staff.id, name: staff.name, departmentId: staff.departmentId } : null;
}

/** Who may be named 经办人 on a case's steps: the org's active staff, by department then name (names only). */
export async function listAssignableStaff(
  tx: Tx,
  orgId: string,
): Promise<{ id: string; name: string; role: string; departmentId: string | null; departmentName: string | null }[]> {
  const staff = await listActiveStaffOf(tx, [orgId], ['window_staff', 'reviewer', 'director']);
  const departmentIds = staff.flatMap((member) => member.departmentId ?? []);
  const departments = new Map(
    (departmentIds.length > 0 ? await listDepartmentsByIds(tx, departmentIds) : []).map((row) => [row.id, row.name]),
  );
  const rows = staff.map((member) => ({
    id: member.id,
    name: member.name,
    role: member.role,
    departmentId: member.departmentId,
    departmentName: member.departmentId ? (departments.get(member.departmentId) ?? null) : null,
  }));
  // No department first, then by department and name.
  return rows.sort(
    (a, b) => (a.departmentName ?? '').localeCompare(b.departmentName ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** A step the warning job has claimed, with the state of its case. */
export interface ClaimedStep extends StepRecord {
  caseStatus: CaseStatus;
  caseAssigneeId: string | null;
  caseNo: string;
}

/**
 * The warning job's read: only steps whose next warning moment has passed (index case_steps_next_warning).
 * The step and its case are both claimed with SKIP LOCKED: a case under an act is left for the next run,
 * and acts (which lock the case first) never wait on the job.
 */
export async function claimStepsDueForWarning(tx: Tx, now: Date, limit: number): Promise<ClaimedStep[]> {
  const result = await tx.query<ClaimedStep>(
    `select s.id, s.case_id as "caseId", s.org_id as "orgId", s.position, s.department_id as "departmentId", null as "departmentName",
            s.name, s.assignee_id as "assigneeId", null as "assigneeName", s.consent_on_timeout as "consentOnTimeout", s.due_on as "dueOn",
            s.warning, s.next_warning_at as "nextWarningAt", s.status, s.decision, s.opinion, s.opinion_due_on as "opinionDueOn",
            s.opinion_at as "opinionAt", s.done_at as "doneAt", s.version, c.status as "caseStatus", c.assignee_id as "caseAssigneeId",
            c.case_no as "caseNo"
       from case_steps s join cases c on c.id = s.case_id
      where s.next_warning_at <= $1 order by s.next_warning_at limit $2 for update of s, c skip locked`,
    [now, limit],
  );
  return toRecords(tx, result.rows);
}

/** 责任追究 of a step: against its department (and assignee); one row per step, grade and due date. */
export async function insertStepAccountability(
  tx: Tx,
  record: {
    caseId: string;
    orgId: string;
    stepId: string;
    departmentId: string | null;
    staffId: string | null;
    stage: string;
    dueOn: BusinessDate;
    level: 'yellow' | 'red';
    workingDaysLate: number;
  },
  now: Date,
): Promise<void> {
  await tx.query(
    `insert into case_accountability (case_id, org_id, staff_id, stage, due_on, level, working_days_late, created_at, department_id, step_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) on conflict (case_id, stage, due_on, level) do nothing`,
    [
      record.caseId,
      record.orgId,
      record.staffId,
      record.stage,
      record.dueOn,
      record.level,
      record.workingDaysLate,
      now,
      record.departmentId,
      record.stepId,
    ],
  );
}

/** Steps of a case that keep it from concluding. */
export async function listOpenSteps(tx: Tx, caseId: string): Promise<StepRecord[]> {
  return toRecords(
    tx,
    (await tx.query<StepRecord>(`${SELECT} where s.case_id = $1 and s.status = 'open' order by s.position`, [caseId])).rows,
  );
}

/** Open steps end with their case when it is withdrawn or refused. */
export async function cancelOpenSteps(tx: Tx, caseId: string, now: Date): Promise<number> {
  const result = await tx.query(
    `update case_steps set status = 'cancelled', next_warning_at = null, version = version + 1, updated_at = $2 where case_id = $1 and status = 'open'`,
    [caseId, now],
  );
  return result.rowCount;
}
