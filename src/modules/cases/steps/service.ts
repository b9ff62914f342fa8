import type { Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import type { Principal } from '../../../kernel/context.ts';
import { versionConflict } from '../../../kernel/version-conflict.ts';
import { businessDateOf, type BusinessDate } from '../../../shared/business-date.ts';
import { dueAfterSuspension, extendDue, type WorkCalendar } from '../../calendar/index.ts';
import { commonErrors, DomainError } from '../../../shared/errors.ts';
import type { CaseDeps } from '../ports.ts';
import * as repo from '../repo.ts';
import type { CaseView } from '../schemas.ts';
import { loadCaseInScope, viewCase } from '../service.ts';
import { openStepsDetail, STEP_HANDLINGS, STEP_STATUS_LABELS, stepDueOn, stepErrors, stepWarningFields } from './rules.ts';
import * as stepsRepo from './repo.ts';
import type { AddStepsBody, StepAct, StepActBody } from './schemas.ts';
import type { CaseStatus } from '../transitions.ts';

/** Steps are worked while the case's clock runs or is stopped for a special procedure. */
const WORKING_CASE_STATUSES: readonly CaseStatus[] = ['accepted', 'suspended'];

/** 办结 waits for every step: refused (422) naming the open ones. */
export async function assertNoOpenSteps(tx: Tx, caseId: string): Promise<void> {
  const open = await stepsRepo.listOpenSteps(tx, caseId);
  if (open.length > 0) {
    throw new DomainError(stepErrors.CASE_STEPS_OPEN, openStepsDetail(open), {
      openSteps: open.map((step) => ({ id: step.id, name: step.name, dueOn: step.dueOn })),
    });
  }
}

/**
 * 行政许可法 第45条 for steps: a special procedure stops the open steps' clocks with the case's. On
 * resumption each step still running when the case stopped moves by the working days it stood
 * still; a step already late before the suspension stays as late as it was.
 */
export async function moveOpenStepsAfterSuspension(
  tx: Tx,
  calendar: WorkCalendar,
  caseId: string,
  suspendedOn: BusinessDate,
  resumedOn: BusinessDate,
  now: Date,
): Promise<{ stepId: string; name: string; previousDue: BusinessDate; dueOn: BusinessDate }[]> {
  const moved: { stepId: string; name: string; previousDue: BusinessDate; dueOn: BusinessDate }[] = [];
  for (const step of await stepsRepo.listOpenSteps(tx, caseId)) {
    if (step.dueOn < suspendedOn) continue;
    const dueOn = dueAfterSuspension(calendar, step.dueOn, suspendedOn, resumedOn);
    if (dueOn === step.dueOn) continue;
    const clock = stepWarningFields(calendar, { ...step, dueOn }, resumedOn);
    if (!(await stepsRepo.updateStep(tx, step.id, step.version, { dueOn, ...clock }, now)))
      throw await stepsRepo.stepVersionConflict(tx, step.id);
    moved.push({ stepId: step.id, name: step.name, previousDue: step.dueOn, dueOn });
  }
  return moved;
}

/**
 * 行政许可法 第42条 for steps: an approved extension moves each open department step still on time by
 * the same working days as the case; a step already late stays late (its lateness is on the record).
 */
export async function moveOpenStepsAfterExtension(
  tx: Tx,
  calendar: WorkCalendar,
  caseId: string,
  days: number,
  today: BusinessDate,
  now: Date,
): Promise<{ stepId: string; name: string; previousDue: BusinessDate; dueOn: BusinessDate }[]> {
  const moved: { stepId: string; name: string; previousDue: BusinessDate; dueOn: BusinessDate }[] = [];
  for (const step of await stepsRepo.listOpenSteps(tx, caseId)) {
    if (step.dueOn < today) continue;
    const dueOn = extendDue(calendar, step.dueOn, days);
    const clock = stepWarningFields(calendar, { ...step, dueOn }, today);
    if (!(await stepsRepo.updateStep(tx, step.id, step.version, { dueOn, ...clock }, now)))
      throw await stepsRepo.stepVersionConflict(tx, step.id);
    moved.push({ stepId: step.id, name: step.name, previousDue: step.dueOn, dueOn });
  }
  return moved;
}

function refuse(detail: string, spec: (typeof stepErrors)[keyof typeof stepErrors] = stepErrors.CASE_STEP_INVALID): never {
  throw new DomainError(spec, detail);
}

async function assertAssignee(tx: Tx, orgId: string, assigneeId: string | undefined): Promise<string | null> {
  if (assigneeId === undefined) return null;
  const staff = await stepsRepo.findStaffOfOrg(tx, orgId, assigneeId);
  if (!staff) refuse('经办人须是本中心在岗工作人员。');
  return staff.id;
}

/** 添加办理步骤: on an accepted case; 联办件 steps are parallel department steps, each due inside the case's limit. */
export async function addSteps(
  tx: Tx,
  actor: Principal,
  caseId: string,
  body: AddStepsBody,
  now: Date,
  deps: CaseDeps,
  auditKey: string,
): Promise<Change<CaseView>> {
  const record = await loadCaseInScope(tx, actor, caseId, true);
  if (body.version !== record.version) throw await versionConflict(tx, 'cases', record.id);
  if (record.status !== 'accepted') refuse('只有已受理、正在计时的办件可以添加办理步骤。', stepErrors.CASE_STEP_NOT_ALLOWED);
  if (!STEP_HANDLINGS.includes(record.handling)) refuse('即办件、上报件和明确答复件不设办理步骤。', stepErrors.CASE_STEP_NOT_ALLOWED);
  const today = businessDateOf(now);
  const calendar = await deps.calendarFor(tx, record.orgId);
  let position = await stepsRepo.lastStepPosition(tx, record.id);
  const added: Record<string, unknown>[] = [];
  for (const step of body.steps) {
    if (record.handling === 'joint' && step.departmentId === undefined) refuse(`联办步骤“${step.name}”须指定办理部门。`);
    const department = step.departmentId === undefined ? null : await stepsRepo.findDepartmentOfOrg(tx, record.orgId, step.departmentId);
    if (step.departmentId !== undefined && !department) refuse(`步骤“${step.name}”的办理部门不是本中心的在用部门。`);
    const assigneeId = await assertAssignee(tx, record.orgId, step.assigneeId);
    const due = stepDueOn(calendar, today, step.days, record.dueOn);
    if (!due.ok) refuse(`步骤“${step.name}”：${due.detail}`);
    position += 1;
    const clock = stepWarningFields(
      calendar,
      { status: 'open', consentOnTimeout: step.consentOnTimeout, dueOn: due.dueOn, opinion: null, opinionDueOn: null },
      today,
    );
    const id = await stepsRepo.insertStep(
      tx,
      {
        caseId: record.id,
        orgId: record.orgId,
        position,
        departmentId: department?.id ?? null,
        name: step.name,
        assigneeId,
        consentOnTimeout: step.consentOnTimeout,
        dueOn: due.dueOn,
        ...clock,
      },
      now,
    );
    added.push({
      stepId: id,
      name: step.name,
      department: department?.name ?? null,
      dueOn: due.dueOn,
      days: step.days,
      consentOnTimeout: step.consentOnTimeout,
    });
  }
  if (!(await repo.updateCase(tx, record.id, record.version, {}, now))) throw await versionConflict(tx, 'cases', record.id);
  await repo.appendCaseEvent(tx, auditKey, record.id, record.orgId, {
    act: 'step-add',
    actorId: actor.staffId,
    actorName: actor.name,
    at: now,
    businessDate: today,
    payload: { steps: added },
  });
  return {
    status: 201,
    body: await viewCaseById(tx, record.id, actor),
    audit: {
      action: 'case.step.add',
      targetType: 'case',
      targetId: record.id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, steps: added.length },
    },
  };
}

async function viewCaseById(tx: Tx, caseId: string, actor: Principal): Promise<CaseView> {
  const updated = await repo.findCase(tx, caseId);
  if (!updated) throw new Error('case vanished');
  return viewCase(tx, updated, actor);
}

/** 站所审核人 act on their own department's steps or those assigned to them; center staff on any. */
async function assertMayActOnStep(tx: Tx, actor: Principal, step: stepsRepo.StepRecord): Promise<void> {
  if (actor.role !== 'reviewer' || step.assigneeId === actor.staffId) return;
  const me = await stepsRepo.findStaffOfOrg(tx, step.orgId, actor.staffId);
  if (step.departmentId === null || me?.departmentId !== step.departmentId) {
    throw new DomainError(commonErrors.FORBIDDEN, '只能办理本部门或指派给本人的步骤。');
  }
}

interface StepDecisionResult {
  patch: stepsRepo.StepPatch;
  payload: Record<string, unknown>;
}

async function decideStepAct(
  tx: Tx,
  act: StepAct,
  caseStatus: CaseStatus,
  step: stepsRepo.StepRecord,
  body: StepActBody<StepAct>,
  actor: Principal,
  now: Date,
): Promise<StepDecisionResult> {
  const today = businessDateOf(now);
  const base = { stepId: step.id, name: step.name, department: step.departmentName };
  switch (act) {
    case 'reassign': {
      const { assigneeId, reason } = body as StepActBody<'reassign'>;
      const isOwed = step.status === 'deemed_passed' && step.opinion === null;
      if (step.status !== 'open' && !isOwed)
        refuse(`步骤“${step.name}”${STEP_STATUS_LABELS[step.status]}，不能改派。`, stepErrors.CASE_STEP_NOT_ALLOWED);
      const assignee = await stepsRepo.findStaffOfOrg(tx, step.orgId, assigneeId);
      if (!assignee) refuse('经办人须是本中心在岗工作人员。');
      return { patch: { assigneeId: assignee.id }, payload: { ...base, from: step.assigneeName, to: assignee.name, reason } };
    }
    case 'complete': {
      const { decision, opinion } = body as StepActBody<'complete'>;
      if (step.status !== 'open')
        refuse(`步骤“${step.name}”${STEP_STATUS_LABELS[step.status]}，不能再办结。`, stepErrors.CASE_STEP_NOT_ALLOWED);
      if (!WORKING_CASE_STATUSES.includes(caseStatus)) refuse('办件当前状态下不能办理步骤。', stepErrors.CASE_STEP_NOT_ALLOWED);
      return {
        patch: { status: 'done', decision, opinion, doneAt: now, doneBy: actor.staffId, warning: step.warning, nextWarningAt: null },
        payload: { ...base, decision, opinion, dueOn: step.dueOn, isLate: today > step.dueOn },
      };
    }
    case 'opinion': {
      const { decision, opinion } = body as StepActBody<'opinion'>;
      if (step.status !== 'deemed_passed' || step.opinion !== null) {
        refuse(`步骤“${step.name}”不是待补书面意见的超时默认步骤。`, stepErrors.CASE_STEP_NOT_ALLOWED);
      }
      return {
        patch: { decision, opinion, opinionAt: now, doneBy: actor.staffId, nextWarningAt: null },
        payload: {
          ...base,
          decision,
          opinion,
          opinionDueOn: step.opinionDueOn,
          isLate: step.opinionDueOn !== null && today > step.opinionDueOn,
        },
      };
    }
  }
}

/** 改派 / 办结步骤 / 补书面意见: checked against the step's version; appends an event on the case. */
export async function actOnStep(
  tx: Tx,
  actor: Principal,
  caseId: string,
  stepId: string,
  act: StepAct,
  body: StepActBody<StepAct>,
  now: Date,
  auditKey: string,
): Promise<Change<CaseView>> {
  // The case row is locked first (as every act does), so its event chain grows one append at a time.
  const record = await loadCaseInScope(tx, actor, caseId, true);
  const step = await stepsRepo.findStep(tx, record.id, stepId, { lock: true });
  if (!step) throw new DomainError(stepErrors.CASE_STEP_NOT_FOUND, '未找到该办理步骤。');
  if (body.version !== step.version) throw await stepsRepo.stepVersionConflict(tx, step.id);
  await assertMayActOnStep(tx, actor, step);
  const decision = await decideStepAct(tx, act, record.status, step, body, actor, now);
  if (!(await stepsRepo.updateStep(tx, step.id, step.version, decision.patch, now))) throw await stepsRepo.stepVersionConflict(tx, step.id);
  await repo.appendCaseEvent(tx, auditKey, record.id, record.orgId, {
    act: `step-${act}`,
    actorId: actor.staffId,
    actorName: actor.name,
    at: now,
    businessDate: businessDateOf(now),
    payload: decision.payload,
  });
  return {
    body: await viewCaseById(tx, record.id, actor),
    audit: {
      action: `case.step.${act}`,
      targetType: 'case_step',
      targetId: step.id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, step: step.name },
    },
  };
}

/** A withdrawn case ends its open steps (a step that passed by default still owes its written opinion). */
export async function cancelOpenSteps(tx: Tx, caseId: string, now: Date): Promise<void> {
  await stepsRepo.cancelOpenSteps(tx, caseId, now);
}
