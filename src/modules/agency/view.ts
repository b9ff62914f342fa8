import { maskIdNumber, maskPhone } from '../../shared/identity.ts';
import { businessDateOf, type BusinessDate } from '../../shared/business-date.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import {
  AGENCY_LEG_LABELS,
  AGENCY_STATUS_LABELS,
  allowedAgencyActs,
  legStates,
  SATISFACTION_LABELS,
  worstWarning,
  type LegDates,
} from './legs.rules.ts';
import type { AgencyEvent, AgencyRecord } from './repo.ts';
import type { AgencyRequestView } from './schemas.ts';

/** A 责任追究 record of a leg with the name of who held it (the agent then, or the township center). */
export interface LatenessEntry {
  leg: LegDates['leg'];
  holder: 'agent' | 'township';
  holderName: string;
  level: 'yellow' | 'red';
  dueOn: BusinessDate;
  workingDaysLate: number;
  createdAt: Date;
}

export const EVENT_LABELS: Record<string, string> = {
  registered: '村代办员登记（申请人同意委托代办）',
  forward: '报送乡镇',
  receive: '乡镇窗口接收，开具办件',
  'case-changed': '乡镇办件进展',
  return: '办理结果返还到村',
  notify: '告知申请人',
  sign: '申请人签收',
  'collect-fee': '代收费用',
  reassign: '改派代办员',
  warning: '电子监察预警',
};

/** The legs of a request as stored dates: what is due, what was done when. */
export function legDatesOf(record: AgencyRecord): LegDates[] {
  return [
    { leg: 'forward', dueOn: record.forwardDueOn, doneOn: record.forwardedOn, doneAt: record.forwardedAt },
    {
      leg: 'receive',
      dueOn: record.receiveDueOn,
      doneOn: record.receivedAt === null ? null : businessDateOf(record.receivedAt),
      doneAt: record.receivedAt,
    },
    { leg: 'process', dueOn: record.caseDueOn, doneOn: record.concludedOn, doneAt: record.concludedAt },
    { leg: 'return', dueOn: record.returnDueOn, doneOn: record.returnedOn, doneAt: record.returnedAt },
    { leg: 'notify', dueOn: record.notifyDueOn, doneOn: record.notifiedOn, doneAt: record.notifiedAt },
  ];
}

/** The request as people see it: ID number masked always, the phone in full only to the agent who holds it. */
export function toRequestView(
  record: AgencyRecord,
  events: readonly AgencyEvent[],
  lateness: readonly LatenessEntry[],
  calendar: WorkCalendar,
  today: BusinessDate,
  viewer: { staffId: string; role: string },
): AgencyRequestView {
  const legs = legStates(calendar, legDatesOf(record), today);
  const isHolder = viewer.staffId === record.agentId;
  return {
    id: record.id,
    requestNo: record.requestNo,
    status: record.status,
    statusLabel: AGENCY_STATUS_LABELS[record.status],
    allowedActs: allowedAgencyActs(record.status, viewer, record.agentId),
    version: record.version,
    village: { id: record.orgId, name: record.villageName },
    agent: { id: record.agentId, name: record.agentName, phone: record.agentPhone },
    item: { code: record.itemCode, name: record.itemName },
    applicant: {
      type: record.applicantType,
      name: record.applicantName,
      idNumber: maskIdNumber(record.applicantIdNumber),
      phone: isHolder ? record.applicantPhone : maskPhone(record.applicantPhone),
    },
    situations: record.situations,
    materials: record.materials,
    registeredAt: record.registeredAt.toISOString(),
    case:
      record.caseId === null
        ? null
        : {
            id: record.caseId,
            caseNo: record.caseNo ?? '',
            status: record.caseStatus ?? '',
            // 办结期限 once the case is accepted; before that the leg runs to the 受理 deadline, which is not one.
            dueOn: record.caseStatus === 'submitted' ? null : record.caseDueOn,
          },
    supplementNotice: record.supplementNotice,
    legs: legs.map((leg) => ({
      leg: leg.leg,
      label: AGENCY_LEG_LABELS[leg.leg],
      dueOn: leg.dueOn,
      doneAt: leg.doneAt?.toISOString() ?? null,
      onTime: leg.onTime,
      warning: leg.warning,
    })),
    warning: worstWarning(legs.map((leg) => leg.warning)),
    lateness: lateness.map((entry) => ({
      leg: entry.leg,
      label: AGENCY_LEG_LABELS[entry.leg],
      holder: entry.holder,
      holderName: entry.holderName,
      level: entry.level,
      dueOn: entry.dueOn,
      workingDaysLate: entry.workingDaysLate,
      recordedAt: entry.createdAt.toISOString(),
    })),
    fee:
      record.feeFen === null || record.feeReceiptNo === null || record.feeCollectedAt === null
        ? null
        : { amountFen: record.feeFen, receiptNo: record.feeReceiptNo, collectedAt: record.feeCollectedAt.toISOString() },
    receipt:
      record.signedAt === null || record.signatureFileId === null || record.satisfaction === null
        ? null
        : {
            signedAt: record.signedAt.toISOString(),
            signatureFileId: record.signatureFileId,
            satisfaction: record.satisfaction,
            satisfactionLabel: SATISFACTION_LABELS[record.satisfaction],
          },
    events: events.map((event) => ({
      kind: event.kind,
      label: EVENT_LABELS[event.kind] ?? event.kind,
      at: event.at.toISOString(),
      actorName: event.actorName,
      data: event.data,
    })),
  };
}
