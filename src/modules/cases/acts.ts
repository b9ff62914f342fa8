import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { versionConflict } from '../../kernel/version-conflict.ts';
import { businessDateOf, isBusinessDate, type BusinessDate } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { stageDueOf, warningFields } from './clock.ts';
import { dueAfterSuspension, type WorkCalendar } from '../calendar/index.ts';
import { enqueueNotice } from '../notices/index.ts';
import { ratingUrl, trackingUrl } from '../../kernel/public-url.ts';
import { caseErrors } from './errors.ts';
import { assertConclusionAgreesWithCounty, decideCountyAccept, decideCountyResult, decideEscalate } from './escalation.ts';
import { acceptanceDues, dueAfterProcedure } from './limits.ts';
import { feeAmount, feeDueDetail, feeNotDueDetail } from './fees.rules.ts';
import { lapseDueFee } from './lapse-fee.ts';
import type { CaseDeps } from './ports.ts';
import * as repo from './repo.ts';
import type { ActBody, CaseView, StaffAct } from './schemas.ts';
import { assertFilesOfOrg, loadCaseInScope, viewCase } from './service.ts';
import { assertNoOpenSteps, cancelOpenSteps, moveOpenStepsAfterSuspension } from './steps/service.ts';
import { CASE_ACT_LABELS, isActAllowedForRole, transition, type CaseAct } from './transitions.ts';
import { decideApproveExtension, decideExtend, decideRefuseExtension, decideRequestExtension, NO_EXTENSION_REQUEST } from './extension.ts';
import { caseFactsOf } from './facts.ts';
import { assertCreditAllows, openVerificationAtAcceptance } from './verification/service.ts';

interface Decision {
  patch: repo.CasePatch;
  payload: Record<string, unknown>;
  notice?: string;
}

const ROLE_CANNOT_ACT = '您的岗位不能办理此项操作。';
/** Why a role may not take an act: what the person should do instead. */
const FORBIDDEN_DETAIL: Partial<Record<StaffAct, string>> = {
  extend: '延期须经中心负责人批准：请“申请延期”，由中心主任审批。',
  'approve-extension': '延期申请由中心主任审批。',
  'refuse-extension': '延期申请由中心主任审批。',
  'request-extension': '中心主任可直接办理延期，无须申请。',
};

/** 告知承诺 materials of the case (失信 applicants may not use them; accepted ones are verified afterwards). */
const committedOf = (materials: readonly repo.CaseMaterial[]): string[] => materials.filter((m) => m.byCommitment).map((m) => m.name);

function refuse(detail: string, spec = caseErrors.CASE_INVALID): never {
  throw new DomainError(spec, detail);
}

/** The refusal of an act the state machine does not allow now; fee facts get their own code and message. */
async function refuseAct(tx: Tx, act: StaffAct, record: repo.CaseRecord, allowed: CaseAct[], isBlockedByFacts: boolean): Promise<never> {
  if (isBlockedByFacts && act === 'deliver') {
    throw new DomainError(caseErrors.CASE_FEE_DUE, feeDueDetail(await repo.listFees(tx, record.id)), { allowedActs: allowed });
  }
  if (isBlockedByFacts && (act === 'extend' || act === 'request-extension') && record.extendedDays > 0)
    throw new DomainError(caseErrors.CASE_EXTENSION_USED, '依行政许可法第四十二条，办件只能延期一次。', { allowedActs: allowed });
  if (isBlockedByFacts && (act === 'extend' || act === 'request-extension'))
    throw new DomainError(caseErrors.CASE_ACT_NOT_ALLOWED, '已有待审批的延期申请，请等待中心主任审批。', { allowedActs: allowed });
  if (isBlockedByFacts && act === 'supplement') {
    throw new DomainError(caseErrors.CASE_ACT_NOT_ALLOWED, '本办件没有待补交的容缺材料，无需补齐。', { allowedActs: allowed });
  }
  if (isBlockedByFacts && act === 'settle-fee')
    throw new DomainError(caseErrors.CASE_FEE_NOT_DUE, feeNotDueDetail(record), { allowedActs: allowed });
  throw new DomainError(
    caseErrors.CASE_ACT_NOT_ALLOWED,
    `办件当前状态下不能“${CASE_ACT_LABELS[act as CaseAct]}”。可进行的操作：${allowed.map((a) => CASE_ACT_LABELS[a]).join('、') || '无'}。`,
    { allowedActs: allowed },
  );
}

async function decide(
  tx: Tx,
  act: StaffAct,
  record: repo.CaseRecord,
  body: ActBody<StaffAct>,
  actor: Principal,
  calendar: WorkCalendar,
  today: BusinessDate,
  now: Date,
): Promise<Decision> {
  const materials = await repo.listMaterials(tx, record.id);
  const missingRequired = materials.filter((material) => material.required && !material.received).map((material) => material.name);
  switch (act) {
    case 'accept': {
      if (missingRequired.length > 0) {
        refuse(`以下必需材料尚未收取：${missingRequired.join('、')}。请一次性告知补正，或对可容缺的材料容缺受理。`);
      }
      await assertCreditAllows(tx, record.applicantIdNumber, { commitments: committedOf(materials), pending: [] });
      const dues = acceptanceDues(calendar, record, today);
      const { dueOn } = dues;
      const { note } = body as ActBody<'accept'>;
      const verification = await openVerificationAtAcceptance(tx, record, materials, calendar, today, now);
      return {
        patch: { acceptedOn: today, ...dues },
        payload: { dueOn, ...(note ? { note } : {}), ...verification },
        notice: `【一站】您申请的“${record.itemName}”已受理，办件编号 ${record.caseNo}，承诺于 ${dueOn} 前办结。`,
      };
    }
    case 'accept-pending': {
      const { pendingMaterials, pendingDueOn } = body as ActBody<'accept-pending'>;
      const pendingSet = new Set(pendingMaterials);
      const stillMissing = missingRequired.filter((name) => !pendingSet.has(name));
      if (stillMissing.length > 0) refuse(`除容缺材料外，还缺少：${stillMissing.join('、')}，不能容缺受理。`);
      const dues = acceptanceDues(calendar, record, today);
      const { dueOn } = dues;
      if (pendingDueOn > dueOn) refuse(`容缺材料补交期限不能晚于承诺办结期限 ${dueOn}。`);
      const item = materials.filter((material) => pendingSet.has(material.name));
      if (item.length !== pendingSet.size) refuse('容缺材料须是本办件材料清单中的材料。');
      const notAllowed = item.filter((material) => !material.pendingAllowed).map((material) => material.name);
      if (notAllowed.length > 0) {
        throw new DomainError(
          caseErrors.CASE_PENDING_NOT_ALLOWED,
          `${notAllowed.join('、')}不在本事项的容缺材料范围内，不能容缺受理；请一次性告知补正。`,
        );
      }
      await assertCreditAllows(tx, record.applicantIdNumber, { commitments: committedOf(materials), pending: pendingMaterials });
      await repo.markMaterialsPending(tx, record.id, pendingMaterials);
      const verification = await openVerificationAtAcceptance(tx, record, materials, calendar, today, now);
      return {
        patch: { acceptedOn: today, ...dues, pendingMaterialsDueOn: pendingDueOn },
        payload: { dueOn, pendingMaterials, pendingDueOn, ...verification },
        notice: `【一站】您申请的“${record.itemName}”已容缺受理，办件编号 ${record.caseNo}，请于 ${pendingDueOn} 前补交：${pendingMaterials.join('、')}。`,
      };
    }
    case 'refuse': {
      const { reason, remedies } = body as ActBody<'refuse'>;
      const lapse = await lapseDueFee(tx, record);
      return {
        patch: { nextWarningAt: null, ...lapse.patch },
        payload: { reason, remedies, ...lapse.payload },
        notice: `【一站】您申请的“${record.itemName}”（${record.caseNo}）不予受理，理由：${reason}。`,
      };
    }
    case 'request-supplement': {
      const { materials: requested, note, dueOn } = body as ActBody<'request-supplement'>;
      if (dueOn !== undefined && dueOn < today) refuse(`补正期限 ${dueOn} 早于今天，请重新选择。`);
      const alreadyReceived = requested.filter((wanted) => materials.some((m) => m.name === wanted.name && m.received));
      if (alreadyReceived.length > 0 && record.supplementNotices > 0) {
        throw new DomainError(
          caseErrors.CASE_SUPPLEMENT_REPEATED,
          `一次性告知：${alreadyReceived.map((m) => m.name).join('、')} 已收取，不能再次要求补正。`,
        );
      }
      return {
        patch: { supplementNotices: record.supplementNotices + 1 },
        payload: { materials: requested, note, notice: record.supplementNotices + 1, ...(dueOn ? { dueOn } : {}) },
        notice: `【一站】您申请的“${record.itemName}”（${record.caseNo}）需一次性补正以下材料：${requested.map((m) => m.name).join('、')}${dueOn ? `，请于 ${dueOn} 前补交` : ''}。`,
      };
    }
    case 'supplement': {
      const { materials: supplied } = body as ActBody<'supplement'>;
      await assertFilesOfOrg(tx, record.orgId, supplied);
      await repo.markMaterialsReceived(tx, record.id, supplied);
      const stillPending = (await repo.listMaterials(tx, record.id)).some((material) => material.pending);
      return { patch: stillPending ? {} : { pendingMaterialsDueOn: null }, payload: { materials: supplied } };
    }
    case 'suspend': {
      const { procedure, reason, expectedEndOn } = body as ActBody<'suspend'>;
      return { patch: { suspendedOn: today }, payload: { procedure, reason, expectedEndOn: expectedEndOn ?? null } };
    }
    case 'resume': {
      if (record.dueOn === null || record.suspendedOn === null) refuse('办件没有处于计时挂起状态。');
      const dueOn = dueAfterProcedure(calendar, record.dayKind, record.dueOn, record.suspendedOn, today);
      // 第45条: the suspension does not count against the pre-review either.
      const preReviewDueOn =
        record.preReviewDueOn === null ? null : dueAfterSuspension(calendar, record.preReviewDueOn, record.suspendedOn, today);
      const steps = await moveOpenStepsAfterSuspension(tx, calendar, record.id, record.suspendedOn, today, now);
      return {
        patch: { suspendedOn: null, dueOn, preReviewDueOn },
        payload: {
          result: (body as ActBody<'resume'>).result,
          previousDue: record.dueOn,
          dueOn,
          ...(preReviewDueOn ? { preReviewDueOn } : {}),
          ...(steps.length > 0 ? { steps } : {}),
        },
      };
    }
    case 'extend':
      return decideExtend(tx, record, calendar, body as ActBody<'extend'>, actor, today, now);
    case 'request-extension':
      return decideRequestExtension(record, body as ActBody<'request-extension'>, actor, today, now);
    case 'approve-extension':
      return decideApproveExtension(tx, record, calendar, body as ActBody<'approve-extension'>, actor, today, now);
    case 'refuse-extension':
      return decideRefuseExtension(record, body as ActBody<'refuse-extension'>);
    case 'escalate':
      return decideEscalate(calendar, record, body as ActBody<'escalate'>, today);
    case 'county-accept':
      return decideCountyAccept(
        record,
        body as ActBody<'county-accept'>,
        today,
        (await repo.latestCaseEvent(tx, record.id, 'escalate'))?.businessDate ?? null,
      );
    case 'county-result': {
      const countyAccept = await repo.latestCaseEvent(tx, record.id, 'county-accept');
      const recorded = countyAccept?.payload.acceptedOn;
      const acceptedOn = typeof recorded === 'string' && isBusinessDate(recorded) ? recorded : null;
      return decideCountyResult(record, body as ActBody<'county-result'>, today, acceptedOn);
    }
    case 'conclude': {
      const { result, reason, remedies, certificateNo, answer } = body as ActBody<'conclude'>;
      if (result === 'denied' && reason === '') refuse('不予许可须说明理由。');
      if (record.handling === 'reply' && answer === '') refuse('明确答复件须填写给申请人的书面答复内容。');
      assertConclusionAgreesWithCounty(record, result);
      await assertNoOpenSteps(tx, record.id);
      const lapse = result === 'denied' ? await lapseDueFee(tx, record) : { patch: {}, payload: {} };
      return {
        patch: { result, concludedAt: now, ...lapse.patch },
        // 办件汇总 (ADR 0028): the timeliness and working days as judged now, so the rollups and their rebuild agree.
        payload: {
          result,
          reason,
          remedies,
          certificateNo,
          ...(answer ? { answer } : {}),
          ...lapse.payload,
          isOnTime: record.dueOn === null || today <= record.dueOn,
          workingDays: record.acceptedOn === null ? 0 : calendar.count(record.acceptedOn, today),
        },
        notice: `【一站】您申请的“${record.itemName}”（${record.caseNo}）已办结，结果：${result === 'granted' ? '准予' : '不予'}。`,
      };
    }
    case 'settle-fee': {
      const { outcome, receiptNo, waiverReason } = body as ActBody<'settle-fee'>;
      const amount = feeAmount(await repo.listFees(tx, record.id));
      if (outcome === 'paid') {
        if (receiptNo === undefined) refuse('缴费须填写票据号。');
        return { patch: { feeStatus: 'paid', feeReceiptNo: receiptNo, feeSettledAt: now }, payload: { outcome, ...amount, receiptNo } };
      }
      if (waiverReason === undefined) refuse('减免须说明减免依据。');
      return {
        patch: { feeStatus: 'waived', feeWaiverReason: waiverReason, feeSettledAt: now },
        payload: { outcome, ...amount, waiverReason },
      };
    }
    case 'deliver': {
      const { method, trackingNo } = body as ActBody<'deliver'>;
      return { patch: {}, payload: { method, trackingNo, deliveredAt: now.toISOString() } };
    }
    case 'close':
      return { patch: {}, payload: {} };
    case 'withdraw': {
      await cancelOpenSteps(tx, record.id, now);
      const lapse = await lapseDueFee(tx, record);
      return { patch: lapse.patch, payload: { reason: (body as ActBody<'withdraw'>).reason, ...lapse.payload } };
    }
  }
}

/** One act on one case: check the state machine and version, decide, append the event, update the projection. */
export async function actOnCase(
  tx: Tx,
  actor: Principal,
  id: string,
  act: StaffAct,
  body: ActBody<StaffAct>,
  now: Date,
  deps: CaseDeps,
  auditKey: string,
): Promise<Change<{ case: CaseView }>> {
  const record = await loadCaseInScope(tx, actor, id, true);
  if (!isActAllowedForRole(act, actor.role)) throw new DomainError(commonErrors.FORBIDDEN, FORBIDDEN_DETAIL[act] ?? ROLE_CANNOT_ACT);
  if (body.version !== record.version) throw await versionConflict(tx, 'cases', record.id);
  const step = transition(record.status, act, caseFactsOf(record, await repo.listMaterials(tx, record.id)));
  if (!step.ok) return refuseAct(tx, act, record, step.allowed, step.isBlockedByFacts === true);
  const today = businessDateOf(now);
  const calendar = await deps.calendarFor(tx, record.orgId);
  const decision = await decide(tx, act, record, body, actor, calendar, today, now);
  // A request no one answered lapses once the clock it would extend no longer runs (办结, 上报, 撤回, 挂起).
  if (step.next !== 'accepted' && record.extensionRequestedAt !== null) decision.patch = { ...NO_EXTENSION_REQUEST, ...decision.patch };
  const next = { ...record, ...decision.patch, status: step.next };
  const clock = warningFields(calendar, next, today);
  if (!(await repo.updateCase(tx, id, record.version, { ...decision.patch, status: step.next, ...clock }, now))) {
    throw await versionConflict(tx, 'cases', record.id);
  }
  await repo.appendCaseEvent(tx, auditKey, id, record.orgId, {
    act,
    actorId: actor.staffId,
    actorName: actor.name,
    at: now,
    businessDate: today,
    payload: decision.payload,
  });
  if (decision.notice) {
    // The message says where to follow the case (the public address, never an intranet one when set).
    // On 办结 the link opens the rating form (好差评, 一事一评); otherwise the tracking page.
    const link = !deps.publicUrl
      ? ''
      : act === 'conclude'
        ? `请对本次办理评价：${ratingUrl(deps.publicUrl, record.caseNo)}`
        : `查询进度：${trackingUrl(deps.publicUrl, record.caseNo)}`;
    const message = `${decision.notice}${link}`;
    await enqueueNotice(tx, { orgId: record.orgId, caseId: id, recipient: record.applicantPhone, message }, now);
  }
  const updated = await repo.findCase(tx, id);
  if (!updated) throw new Error('case vanished');
  if (updated.channel === 'agent' && deps.onAgentCaseChanged) {
    const supplement =
      act === 'request-supplement' ? (decision.payload as { materials: { name: string; reason: string }[]; note: string }) : null;
    await deps.onAgentCaseChanged(tx, {
      caseId: id,
      status: updated.status,
      dueOn: stageDueOf(updated),
      at: now,
      supplement: supplement ? { materials: supplement.materials, note: supplement.note } : null,
    });
  }
  return {
    body: { case: await viewCase(tx, updated, actor) },
    audit: {
      action: `case.${act}`,
      targetType: 'case',
      targetId: id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, from: record.status, to: step.next },
    },
  };
}
