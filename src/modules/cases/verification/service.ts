import type { Tx } from '../../../db/db.ts';
import type { Change } from '../../../kernel/change.ts';
import type { Principal } from '../../../kernel/context.ts';
import { businessDateOf, type BusinessDate } from '../../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../../shared/errors.ts';
import { caseErrors } from '../errors.ts';
import { endOnFalseCommitment } from '../false-commitment.ts';
import type { CaseDeps } from '../ports.ts';
import * as caseRepo from '../repo.ts';
import * as repo from './repo.ts';
import { badCreditRefusal, committedMaterials, VERIFICATION_OUTCOME_LABELS, verificationDaysOf } from './rules.ts';
import type { BadCreditView, CreditRepairBody, VerificationOutcomeBody, VerificationView } from './schemas.ts';

/** 失信记录 bars 告知承诺 and 容缺受理 (国办发〔2020〕42号): refused at intake and acceptance, naming the record. */
export async function assertCreditAllows(
  tx: Tx,
  idNumber: string,
  asked: { commitments: readonly string[]; pending: readonly string[] },
): Promise<void> {
  if (asked.commitments.length === 0 && asked.pending.length === 0) return;
  const detail = badCreditRefusal(await repo.standingBadCredit(tx, idNumber), asked);
  if (detail !== null) throw new DomainError(caseErrors.CASE_BAD_CREDIT, detail);
}

/**
 * At acceptance: a case holding materials received by commitment gets its 事中事后核查 task, due the item's
 * period in working days later (ADR 0024). Returns what the accept event records, or nothing.
 */
export async function openVerificationAtAcceptance(
  tx: Tx,
  record: Pick<caseRepo.CaseRecord, 'id' | 'orgId' | 'verificationDays'>,
  materials: readonly { name: string; byCommitment: boolean }[],
  calendar: { add(from: BusinessDate, days: number): BusinessDate },
  today: BusinessDate,
  now: Date,
): Promise<{ verification: { materials: string[]; dueOn: BusinessDate } } | Record<string, never>> {
  const committed = committedMaterials(materials);
  if (committed.length === 0) return {};
  const dueOn = calendar.add(today, verificationDaysOf(record.verificationDays));
  await repo.insertVerification(tx, { caseId: record.id, orgId: record.orgId, materials: committed, dueOn }, now);
  return { verification: { materials: committed, dueOn } };
}

export function toVerificationView(task: repo.VerificationRecord, today: BusinessDate): VerificationView {
  return {
    id: task.id,
    caseId: task.caseId,
    caseNo: task.caseNo,
    itemName: task.itemName,
    applicantName: task.applicantName,
    materials: task.materials,
    dueOn: task.dueOn,
    status: task.status,
    statusLabel: task.status === 'open' ? '待核查' : VERIFICATION_OUTCOME_LABELS[task.status],
    overdue: task.status === 'open' && task.dueOn < today,
    outcomeNote: task.outcomeNote,
    decidedBy: task.decidedBy,
    decidedAt: task.decidedAt === null ? null : new Date(task.decidedAt).toISOString(),
    version: task.version,
  };
}

/** 待办: the open checks of the person's scope, due soonest first (the home page's to-do). */
export async function openVerificationsOf(
  tx: Tx,
  actor: Principal,
  limit: number,
  now: Date,
): Promise<{ count: number; verifications: VerificationView[] }> {
  const count = await repo.countOpenVerifications(tx, actor.scopeOrgIds);
  const rows = count === 0 ? [] : await repo.listVerifications(tx, actor.scopeOrgIds, { status: 'open', limit });
  const today = businessDateOf(now);
  return { count, verifications: rows.map((task) => toVerificationView(task, today)) };
}

export function toBadCreditView(record: repo.BadCreditRecord): BadCreditView {
  return { ...record, repairedAt: record.repairedAt === null ? null : new Date(record.repairedAt).toISOString() };
}

async function loadTask(tx: Tx, actor: Principal, id: string): Promise<repo.VerificationRecord> {
  const task = await repo.findVerification(tx, id, true);
  if (!task || !actor.scopeOrgIds.includes(task.orgId)) throw new DomainError(caseErrors.CASE_VERIFICATION_NOT_FOUND, '未找到该核查任务。');
  return task;
}

function stale(currentVersion: number): DomainError {
  return new DomainError(commonErrors.VERSION_CONFLICT, '数据已被他人修改，请刷新后重试。', { currentVersion });
}

/**
 * 核查结果. 属实: the task closes. 不实: the case is terminated, or the grant made on the false commitment
 * revoked (endOnFalseCommitment), and the applicant's 失信记录 is made with the finding as its reason.
 */
export async function recordOutcome(
  tx: Tx,
  actor: Principal,
  id: string,
  body: VerificationOutcomeBody,
  now: Date,
  auditKey: string,
  deps: Pick<CaseDeps, 'publicUrl' | 'onAgentCaseChanged'>,
): Promise<Change<VerificationView>> {
  const task = await loadTask(tx, actor, id);
  if (body.version !== task.version) throw stale(task.version);
  if (task.status !== 'open')
    throw new DomainError(caseErrors.CASE_VERIFICATION_DECIDED, `该核查任务已于此前记录为“${VERIFICATION_OUTCOME_LABELS[task.status]}”。`);
  const today = businessDateOf(now);
  if (!(await repo.decideVerification(tx, id, task.version, { status: body.outcome, note: body.note, decidedBy: actor.name }, now))) {
    throw stale(task.version + 1);
  }
  const record = await caseRepo.findCase(tx, task.caseId, { lock: true });
  if (!record) throw new Error('case of a verification vanished');
  let badCreditId: string | null = null;
  if (body.outcome === 'false') {
    badCreditId = await repo.insertBadCredit(
      tx,
      {
        orgId: record.orgId,
        idNumber: record.applicantIdNumber,
        applicantName: record.applicantName,
        caseId: record.id,
        caseNo: record.caseNo,
        reason: `告知承诺不实（${task.materials.join('、')}）：${body.note}`,
        recordedOn: today,
        recordedBy: actor.name,
      },
      now,
    );
  }
  const end = body.outcome === 'false' ? await endOnFalseCommitment(tx, record, deps, now) : null;
  await caseRepo.appendCaseEvent(tx, auditKey, record.id, record.orgId, {
    act: 'verify-commitment',
    actorId: actor.staffId,
    actorName: actor.name,
    at: now,
    businessDate: today,
    payload: {
      outcome: body.outcome,
      materials: task.materials,
      ...(body.note ? { note: body.note } : {}),
      ...(end ? { ...end, badCreditId } : {}),
    },
  });
  const updated = await repo.findVerification(tx, id);
  if (!updated) throw new Error('verification vanished');
  return {
    body: toVerificationView(updated, today),
    audit: {
      action: 'case.verification.outcome',
      targetType: 'case',
      targetId: record.id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, outcome: body.outcome },
    },
  };
}

/** 信用修复 by a director: the record stays, marked repaired with who, when and why; the exclusion lifts. */
export async function repairCredit(
  tx: Tx,
  actor: Principal,
  id: string,
  body: CreditRepairBody,
  now: Date,
): Promise<Change<BadCreditView>> {
  const record = await repo.findBadCredit(tx, id, true);
  if (!record || !actor.scopeOrgIds.includes(record.orgId))
    throw new DomainError(caseErrors.CASE_BAD_CREDIT_NOT_FOUND, '未找到该失信记录。');
  if (body.version !== record.version) throw stale(record.version);
  if (record.repairedAt !== null) throw new DomainError(caseErrors.CASE_BAD_CREDIT_REPAIRED, '该失信记录已修复。');
  if (!(await repo.repairBadCredit(tx, id, record.version, { reason: body.reason, repairedBy: actor.name }, now))) {
    throw stale(record.version + 1);
  }
  const updated = await repo.findBadCredit(tx, id);
  if (!updated) throw new Error('bad credit record vanished');
  return {
    body: toBadCreditView(updated),
    audit: {
      action: 'case.credit.repair',
      targetType: 'bad_credit_record',
      targetId: id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, reason: body.reason },
    },
  };
}
