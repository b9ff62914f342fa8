import type { Tx } from '../../../db/db.ts';
import type { Principal } from '../../../kernel/context.ts';
import { DomainError } from '../../../shared/errors.ts';
import { maskIdNumber } from '../../../shared/identity.ts';
import { trackingUrl } from '../../../kernel/public-url.ts';
import { formatFen } from '../../../shared/money.ts';
import { listOrgLineage } from '../../org/index.ts';
import { FEE_STATUS_LABELS } from '../fees.rules.ts';
import type { CaseDeps } from '../ports.ts';
import type { NoticeFees } from './model.ts';
import { reviewBodyOf } from './wording.ts';
import { caseErrors } from '../errors.ts';
import type { NoticeData, NoticeKind } from './pdf.ts';
import * as repo from '../repo.ts';
import { loadCaseInScope } from '../service.ts';

const NOT_APPLICABLE: Record<NoticeKind, string> = {
  accepted: '该办件尚未受理，不能出具受理通知书。',
  refused: '该办件未作出不予受理决定，不能出具不予受理通知书。',
  supplement: '该办件没有一次性告知补正的记录，不能出具一次性告知书。',
  concluded: '该办件尚未办结，不能出具办结通知书。',
  extended: '该办件没有经批准的延期，不能出具延期通知书。',
  suspended: '该办件没有中止计时（特别程序）的记录，不能出具中止通知书。',
  receipt: '该办件没有收件记录，不能出具收件凭证。',
  delivery: '该办件尚未作出可送达的决定（办结或不予受理），不能出具送达回证。',
};

const CHANNEL_LABELS: Record<string, string> = { window: '窗口收件', online: '网上申请', agent: '村代办员代办' };
const DELIVERY_METHOD_LABELS: Record<string, string> = {
  window: '窗口领取（直接送达）',
  post: '邮寄送达',
  agent: '村代办员代为送达',
  electronic: '电子送达',
};

const EXTENDING_ACTS = new Set(['extend', 'approve-extension']);

const ACCEPTING_ACTS = new Set(['accept', 'accept-pending', 'deem-accepted']);

export interface NoticeCenter {
  name: string;
  address: string;
  phone: string;
  /** 复议机关 (the county's people's government); absent: the remedies name none. */
  reviewBody?: string | undefined;
}

/** What a notice adds from outside the case's own rows: the item's wording, the tracking address, the fees. */
export interface NoticeExtras {
  itemType?: string | undefined;
  basis?: string | undefined;
  trackingUrl?: string | undefined;
  fees?: NoticeFees | null;
}

type Payload = Record<string, unknown>;

function textOf(payload: Payload, key: string): string {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
}

function dateOf(payload: Payload, key: string): string | null {
  return textOf(payload, key) || null;
}

function materialsOf(payload: Payload): { name: string; reason: string }[] {
  const value = payload.materials;
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) =>
    typeof entry === 'object' && entry !== null
      ? [{ name: textOf(entry as Payload, 'name'), reason: textOf(entry as Payload, 'reason') }]
      : [],
  );
}

/**
 * The event a notice records. The notice is dated the day of that event, so a reprint months
 * later is the same document; a second 一次性告知 (for new defects only) supersedes the first.
 */
function eventFor(kind: NoticeKind, events: readonly repo.CaseEvent[]): repo.CaseEvent | undefined {
  switch (kind) {
    case 'accepted':
      return events.find((event) => ACCEPTING_ACTS.has(event.act));
    case 'refused':
      return events.find((event) => event.act === 'refuse');
    case 'supplement':
      return events.findLast((event) => event.act === 'request-supplement');
    case 'concluded':
      return events.findLast((event) => event.act === 'conclude');
    case 'extended':
      return events.findLast((event) => EXTENDING_ACTS.has(event.act));
    case 'suspended':
      return events.findLast((event) => event.act === 'suspend');
    case 'receipt':
      return events.find((event) => event.act === 'submit');
    case 'delivery':
      return events.findLast((event) => event.act === 'conclude' || event.act === 'refuse');
  }
}

function namesOf(payload: Payload, key: string): string[] {
  const value = payload[key];
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
}

/** The printable content of one notice, from the case row and the event it records; 422 when the case never had that decision. */
export function toNoticeData(
  kind: NoticeKind,
  record: repo.CaseRecord,
  events: readonly repo.CaseEvent[],
  center: NoticeCenter,
  extras: NoticeExtras = {},
): NoticeData {
  const event = eventFor(kind, events);
  if (!event) throw new DomainError(caseErrors.CASE_NOTICE_NOT_APPLICABLE, NOT_APPLICABLE[kind], { kind });
  const { payload } = event;
  const base = {
    centerName: center.name,
    centerAddress: center.address,
    centerPhone: center.phone,
    caseNo: record.caseNo,
    applicantName: record.applicantName,
    applicantIdNumber: maskIdNumber(record.applicantIdNumber),
    itemName: record.itemName,
    receivedOn: record.receivedOn,
    promisedDays: record.promisedDays,
    dayKind: record.dayKind,
    situations: record.situations,
    issuedOn: event.businessDate,
    reviewBody: center.reviewBody,
    itemType: extras.itemType,
    basis: extras.basis,
    trackingUrl: extras.trackingUrl,
    fees: extras.fees ?? null,
  };
  switch (kind) {
    case 'accepted': {
      const isDeemed = event.act === 'deem-accepted';
      const pendingMaterials = payload.pendingMaterials;
      return {
        ...base,
        kind,
        // 第32条: a deemed acceptance counts from the day the application was received.
        acceptedOn: isDeemed ? (dateOf(payload, 'acceptedOn') ?? record.receivedOn) : event.businessDate,
        dueOn: dateOf(payload, 'dueOn'),
        isDeemed,
        pendingMaterials: Array.isArray(pendingMaterials)
          ? pendingMaterials.filter((name): name is string => typeof name === 'string')
          : [],
        pendingDueOn: dateOf(payload, 'pendingDueOn'),
      };
    }
    case 'refused':
      return { ...base, kind, reason: textOf(payload, 'reason'), remedies: textOf(payload, 'remedies') };
    case 'supplement':
      return { ...base, kind, materials: materialsOf(payload), note: textOf(payload, 'note'), dueOn: dateOf(payload, 'dueOn') };
    case 'receipt':
      return {
        ...base,
        kind,
        channelLabel: CHANNEL_LABELS[record.channel] ?? record.channel,
        materials: namesOf(payload, 'materialsReceived'),
        commitments: namesOf(payload, 'commitments'),
      };
    case 'delivery': {
      // The 送达回证 goes with the decision: the 办结通知书 (and the certificate) or the 不予受理通知书.
      const delivered = events.findLast((entry) => entry.act === 'deliver');
      const method = delivered ? textOf(delivered.payload, 'method') : '';
      return {
        ...base,
        kind,
        document: event.act === 'refuse' ? '不予受理通知书' : '办结通知书',
        certificateNo: event.act === 'refuse' ? '' : textOf(payload, 'certificateNo'),
        methodLabel: DELIVERY_METHOD_LABELS[method] ?? '______________',
        deliveredOn: delivered?.businessDate ?? null,
        issuedOn: delivered?.businessDate ?? event.businessDate,
      };
    }
    case 'concluded':
      return {
        ...base,
        kind,
        acceptedOn: record.acceptedOn,
        dueOn: record.dueOn,
        result: payload.result === 'denied' ? 'denied' : 'granted',
        reason: textOf(payload, 'reason'),
        remedies: textOf(payload, 'remedies'),
        certificateNo: textOf(payload, 'certificateNo'),
        answer: textOf(payload, 'answer'),
      };
    case 'extended':
      return {
        ...base,
        kind,
        days: typeof payload.days === 'number' ? payload.days : record.extendedDays,
        reason: textOf(payload, 'reason'),
        previousDue: dateOf(payload, 'previousDue'),
        dueOn: dateOf(payload, 'dueOn'),
        approvedBy: textOf(payload, 'approvedBy'),
      };
    case 'suspended':
      return {
        ...base,
        kind,
        procedure: textOf(payload, 'procedure'),
        reason: textOf(payload, 'reason'),
        suspendedOn: event.businessDate,
        expectedEndOn: dateOf(payload, 'expectedEndOn'),
      };
  }
}

/** Loads a case in the caller's scope (404 outside it) with its events, handling center, item wording and fees, as notice content. */
export async function loadNotice(
  tx: Tx,
  actor: Principal,
  id: string,
  kind: NoticeKind,
  context: { findItem?: CaseDeps['findItem']; publicUrl?: string } = {},
): Promise<NoticeData> {
  const record = await loadCaseInScope(tx, actor, id);
  const events = await repo.listCaseEvents(tx, record.id);
  const lineage = await listOrgLineage(tx, record.orgId);
  const org = lineage[0];
  const county = lineage.find((entry) => entry.kind === 'county');
  const item = context.findItem ? await context.findItem(tx, record.orgId, record.itemCode) : null;
  const fees = await repo.listFees(tx, record.id);
  const totalFen = fees.reduce((sum, fee) => sum + fee.amountFen, 0);
  return toNoticeData(
    kind,
    record,
    events,
    { name: org?.name ?? '', address: org?.address ?? '', phone: org?.phone ?? '', reviewBody: reviewBodyOf(county?.name) },
    {
      itemType: item?.itemType,
      basis: item?.basis,
      trackingUrl: context.publicUrl ? trackingUrl(context.publicUrl, record.caseNo) : undefined,
      fees:
        totalFen > 0
          ? {
              lines: fees.map((fee) => ({ name: fee.name, amount: formatFen(fee.amountFen) })),
              total: formatFen(totalFen),
              statusLabel: FEE_STATUS_LABELS[record.feeStatus],
            }
          : null,
    },
  );
}
