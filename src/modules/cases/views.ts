import { maskIdNumber, maskPhone } from '../../shared/identity.ts';
import { sumFen } from '../../shared/money.ts';
import type { CaseFee } from './fees.rules.ts';
import { caseFactsOf } from './facts.ts';
import type { CaseEvent, CaseMaterial, CaseRecord } from './repo.ts';
import type { CaseFeesView, CaseSummaryView, CaseView } from './schemas.ts';
import type { StepView } from './steps/schemas.ts';
import { stageDueOf } from './clock.ts';
import { escalationOf } from './escalation.ts';
import type { Role } from '../../kernel/context.ts';
import { actsForRole, allowedActs } from './transitions.ts';

/** R10: lists and case pages show ID numbers and phones masked. */
export function toSummaryView(record: CaseRecord): CaseSummaryView {
  return {
    id: record.id,
    caseNo: record.caseNo,
    orgId: record.orgId,
    itemCode: record.itemCode,
    itemName: record.itemName,
    itemVersion: record.itemVersion,
    handling: record.handling,
    promisedDays: record.promisedDays,
    legalDays: record.legalDays,
    dayKind: record.dayKind,
    applicant: {
      type: record.applicantType,
      name: record.applicantName,
      idNumber: maskIdNumber(record.applicantIdNumber),
      phone: maskPhone(record.applicantPhone),
      address: record.applicantAddress,
    },
    channel: record.channel,
    firstContactId: record.firstContactId,
    assigneeId: record.assigneeId,
    status: record.status,
    receivedOn: record.receivedOn,
    acceptedOn: record.acceptedOn,
    due: record.dueOn,
    decisionDueOn: record.decisionDueOn,
    suspendedOn: record.suspendedOn,
    extendedDays: record.extendedDays,
    supplementNotices: record.supplementNotices,
    pendingMaterialsDueOn: record.pendingMaterialsDueOn,
    result: record.result,
    warning: record.warning,
    version: record.version,
  };
}

export function toFeesView(record: CaseRecord, fees: readonly CaseFee[]): CaseFeesView {
  return {
    items: fees.map((fee) => ({ name: fee.name, amountFen: fee.amountFen })),
    totalFen: sumFen(fees),
    status: record.feeStatus,
    receiptNo: record.feeReceiptNo,
    waiverReason: record.feeWaiverReason,
    settledAt: record.feeSettledAt?.toISOString() ?? null,
    refund:
      record.feeRefundedAt && record.feeRefundNo && record.feeRefundReason
        ? { refundNo: record.feeRefundNo, reason: record.feeRefundReason, refundedAt: record.feeRefundedAt.toISOString() }
        : null,
  };
}

export function toCaseView(
  record: CaseRecord,
  materials: CaseMaterial[],
  events: CaseEvent[],
  steps: StepView[],
  fees: readonly CaseFee[],
  viewerRole: Role,
): CaseView {
  return {
    ...toSummaryView(record),
    situations: record.situations,
    allowedActs: actsForRole(allowedActs(record.status, caseFactsOf(record, materials)), viewerRole),
    materials,
    steps,
    stageDue: stageDueOf(record),
    escalation: escalationOf(events),
    fees: toFeesView(record, fees),
    extensionRequest:
      record.extensionRequestedAt === null
        ? null
        : {
            requestedAt: record.extensionRequestedAt.toISOString(),
            days: record.extensionRequestedDays ?? 0,
            reason: record.extensionRequestReason ?? '',
            requestedBy: record.extensionRequestedBy ?? '',
          },
    events: events.map((event) => ({
      seq: event.seq,
      act: event.act,
      actorName: event.actorName,
      at: event.at.toISOString(),
      businessDate: event.businessDate,
      payload: event.payload,
    })),
  };
}
