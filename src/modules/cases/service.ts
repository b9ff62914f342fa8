import type { Db, Tx } from '../../db/db.ts';
import { PUBLIC_SCOPE } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { businessDateOf, type BusinessDate } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { countFilesOf } from '../files/index.ts';
import { findOrg, listChildOrgs } from '../org/index.ts';
import { warningFields } from './clock.ts';
import { caseErrors } from './errors.ts';
import { feesOfItem, feeStatusAtIntake } from './fees.rules.ts';
import { publicFees, publicStages } from './track.rules.ts';
import { toExchangeRecord, type ExchangeRecordView } from './exchange.ts';
import type { CaseDeps, CaseItem } from './ports.ts';
import * as repo from './repo.ts';
import type { CaseView, CreateCaseBody } from './schemas.ts';
import { CASE_STATUS_LABELS, type CaseStatus } from './transitions.ts';
import { listStepViews } from './steps/views.ts';
import { toCaseView } from './views.ts';
import { assertCreditAllows } from './verification/service.ts';
import { materialApplies, orderSituations, unknownSituations } from './situations.rules.ts';

/**
 * 5 working days to decide on a case (行政许可法 第32条): one received elsewhere is deemed accepted when
 * they pass; one received at a window and left undecided is warned like any late stage.
 */
const DECISION_DAYS = 5;

export async function loadCaseInScope(tx: Tx, actor: Principal, id: string, lock = false): Promise<repo.CaseRecord> {
  const record = await repo.findCase(tx, id, { lock });
  if (!record || !actor.scopeOrgIds.includes(record.orgId)) throw new DomainError(caseErrors.CASE_NOT_FOUND, '未找到该办件。');
  return record;
}

/** Attached files must be uploads of the handling org (read under RLS: another township's id is not found). */
export async function assertFilesOfOrg(tx: Tx, orgId: string, materials: readonly { fileId?: string | undefined }[]): Promise<void> {
  const fileIds = [...new Set(materials.flatMap((material) => (material.fileId ? [material.fileId] : [])))];
  if (fileIds.length === 0) return;
  // A village agent's photos travel with the request to the township: files of its villages count too.
  const villageIds = (await listChildOrgs(tx, orgId, 'village')).map((village) => village.id);
  if ((await countFilesOf(tx, [orgId, ...villageIds], fileIds)) !== fileIds.length) {
    throw new DomainError(caseErrors.CASE_INVALID, '所附材料文件不存在，请重新上传。');
  }
}

/** The case as this viewer sees it: its allowedActs are the acts the viewer's role may take now. */
export async function viewCase(tx: Tx, record: repo.CaseRecord, viewer: Pick<Principal, 'role'>): Promise<CaseView> {
  return toCaseView(
    record,
    await repo.listMaterials(tx, record.id),
    await repo.listCaseEvents(tx, record.id),
    await listStepViews(tx, record.id),
    await repo.listFees(tx, record.id),
    viewer.role,
  );
}

/** 接件: the item at its published version, the applicant, the channel, the first-contact staff, the materials. */
/** R10: the full ID number and phone, for a stated reason that goes into the audit trail. */
export async function revealApplicant(
  tx: Tx,
  actor: Principal,
  id: string,
  reason: string,
): Promise<Change<{ idNumber: string; phone: string }>> {
  const record = await loadCaseInScope(tx, actor, id);
  return {
    body: { idNumber: record.applicantIdNumber, phone: record.applicantPhone },
    audit: {
      action: 'case.reveal_applicant',
      targetType: 'case',
      targetId: id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, reason },
    },
    isDisclosure: true,
  };
}

/** 办件信息上报: the exchange record, from the same events the timeline shows. */
export async function exchangeRecordOf(tx: Tx, record: repo.CaseRecord): Promise<ExchangeRecordView> {
  return toExchangeRecord(record, await repo.listCaseEvents(tx, record.id));
}

/** 办理情形: the chosen names must be the guide's (400 naming the others); stored in the guide's order. */
export function situationsAtIntake(item: CaseItem, chosen: readonly string[]): string[] {
  const guide = item.situations ?? [];
  const unknown = unknownSituations(guide, chosen);
  if (unknown.length > 0) {
    throw new DomainError(
      caseErrors.CASE_INVALID,
      guide.length === 0
        ? `事项“${item.name}”没有可选的办理情形，不能选择${unknown.map((name) => `“${name}”`).join('、')}。`
        : `${unknown.map((name) => `“${name}”`).join('、')}不是事项“${item.name}”的办理情形，可选：${guide.join('、')}。`,
      { unknown },
    );
  }
  return orderSituations(guide, chosen);
}

/**
 * The case's material list: the item's, with its flags, marked as the applicant handed them in, then
 * anything else handed in. 告知承诺 counts as received, but only where the item allows it. A material
 * of a situation not chosen leaves the checklist (kept, not required, only if handed in anyway).
 */
function materialsAtIntake(item: CaseItem, submittedList: CreateCaseBody['materials'], situations: readonly string[]): repo.CaseMaterial[] {
  const submitted = new Map(submittedList.map((material) => [material.name, material]));
  const refused = submittedList.filter(
    (material) =>
      material.byCommitment && !item.materials.some((known) => known.name === material.name && known.commitmentAllowed === true),
  );
  if (refused.length > 0) {
    throw new DomainError(
      caseErrors.CASE_INVALID,
      `${refused.map((material) => `“${material.name}”`).join('、')}不适用告知承诺制，须提交证明材料本身。`,
    );
  }
  const applying = item.materials.filter(
    (material) => materialApplies(material, situations) || submitted.get(material.name)?.received === true,
  );
  return [
    ...applying.map((material) => {
      const handedIn = submitted.get(material.name);
      const byCommitment = handedIn?.byCommitment ?? false;
      return {
        name: material.name,
        required: material.required && materialApplies(material, situations),
        received: byCommitment || (handedIn?.received ?? false),
        pending: false,
        fileId: handedIn?.fileId ?? null,
        pendingAllowed: material.pendingAllowed,
        commitmentAllowed: material.commitmentAllowed ?? false,
        byCommitment,
      };
    }),
    ...submittedList
      .filter((material) => !item.materials.some((known) => known.name === material.name))
      .map((material) => ({
        name: material.name,
        required: false,
        received: material.received,
        pending: false,
        fileId: material.fileId ?? null,
        pendingAllowed: false,
        commitmentAllowed: false,
        byCommitment: false,
      })),
  ];
}

export async function openCase(
  tx: Tx,
  actor: Principal,
  body: CreateCaseBody,
  now: Date,
  deps: CaseDeps,
  auditKey: string,
): Promise<Change<{ id: string; caseNo: string; status: CaseStatus; version: number; decisionDueOn: BusinessDate | null }>> {
  const orgId = actor.orgId;
  const item = await deps.findItem(tx, orgId, body.itemCode);
  if (!item) throw new DomainError(caseErrors.CASE_ITEM_NOT_FOUND, `未找到已发布的事项 ${body.itemCode}。`);
  const org = await findOrg(tx, orgId);
  if (!org || org.kind === 'village') throw new DomainError(caseErrors.CASE_INVALID, '办件应由县或乡镇中心受理；村代办请使用代办登记。');
  await assertFilesOfOrg(tx, orgId, body.materials);
  const situations = situationsAtIntake(item, body.situations);
  await assertCreditAllows(tx, body.applicant.idNumber, {
    commitments: body.materials.filter((material) => material.byCommitment).map((material) => material.name),
    pending: [],
  });
  const today = businessDateOf(now);
  const calendar = await deps.calendarFor(tx, orgId);
  const caseNo = await repo.nextCaseNo(tx, orgId, org.code, today);
  const decisionDueOn = calendar.add(today, DECISION_DAYS);
  const clock = warningFields(
    calendar,
    {
      status: 'submitted',
      dueOn: null,
      decisionDueOn,
      channel: body.channel,
      supplementNotices: 0,
      preReviewDueOn: null,
      countyDueOn: null,
    },
    today,
  );
  const fees = feesOfItem(item.fees);
  const id = await repo.insertCase(
    tx,
    {
      orgId,
      caseNo,
      itemCode: item.code,
      itemName: item.name,
      itemVersion: item.version,
      handling: item.handling,
      promisedDays: item.promisedDays,
      legalDays: item.legalDays,
      dayKind: item.dayKind,
      applicantType: body.applicant.type,
      applicantName: body.applicant.name,
      applicantIdNumber: body.applicant.idNumber,
      applicantPhone: body.applicant.phone,
      applicantAddress: body.applicant.address,
      channel: body.channel,
      firstContactId: actor.staffId,
      assigneeId: actor.staffId,
      status: 'submitted',
      receivedAt: now,
      receivedOn: today,
      decisionDueOn,
      nextWarningAt: clock.nextWarningAt ?? null,
      feeStatus: feeStatusAtIntake(fees),
      situations,
      verificationDays: item.verificationDays ?? null,
    },
    now,
  );
  const materials = materialsAtIntake(item, body.materials, situations);
  await repo.insertMaterials(tx, id, orgId, materials);
  await repo.insertFees(tx, id, orgId, fees);
  await repo.appendCaseEvent(tx, auditKey, id, orgId, {
    act: 'submit',
    actorId: actor.staffId,
    actorName: actor.name,
    at: now,
    businessDate: today,
    payload: {
      channel: body.channel,
      itemVersion: item.version,
      firstContact: actor.name,
      ...(situations.length > 0 ? { situations } : {}),
      materialsReceived: materials.filter((m) => m.received).map((m) => m.name),
      ...(materials.some((m) => m.byCommitment) ? { commitments: materials.filter((m) => m.byCommitment).map((m) => m.name) } : {}),
      // 收费: the lines owed, as copied from the item (absent when the item charges nothing).
      ...(fees.length > 0 ? { fees } : {}),
    },
  });
  return {
    status: 201,
    body: { id, caseNo, status: 'submitted', version: 1, decisionDueOn },
    audit: {
      action: 'case.submit',
      targetType: 'case',
      targetId: id,
      orgId,
      summary: { caseNo, itemCode: item.code, channel: body.channel },
    },
  };
}

/** 办件查询: the public sees stage and dates; a wrong check is indistinguishable from an unknown number. */
export async function trackCase(db: Db, caseNo: string, check: string, now: Date) {
  const found = await db.transaction(PUBLIC_SCOPE, async (tx) => {
    const row = await repo.trackCase(tx, caseNo, check);
    return row ? { row, ...(await repo.trackCaseDetail(tx, caseNo, check)) } : null;
  });
  if (!found) throw new DomainError(caseErrors.CASE_TRACK_NOT_FOUND, '未查询到该办件，请核对办件编号和手机号后 4 位。');
  const { row } = found;
  const overdue =
    row.concluded_at === null && row.due_on !== null && row.due_on < businessDateOf(now) && repo.OPEN_STATUSES.includes(row.status);
  return {
    caseNo: row.case_no,
    itemName: row.item_name,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    orgName: row.org_name,
    applicantName:
      row.applicant_name.length <= 1 ? row.applicant_name : `${row.applicant_name.slice(0, 1)}${'*'.repeat(row.applicant_name.length - 1)}`,
    receivedOn: row.received_on,
    acceptedOn: row.accepted_on,
    due: row.due_on,
    concludedOn: row.concluded_at === null ? null : businessDateOf(new Date(row.concluded_at)),
    result: row.result,
    overdue,
    isOverdue: overdue,
    stages: publicStages(found.stages),
    fees: publicFees(found.fees),
  };
}
