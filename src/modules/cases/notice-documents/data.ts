import type { Tx } from '../../../db/db.ts';
import type { Principal } from '../../../kernel/context.ts';
import { DomainError } from '../../../shared/errors.ts';
import { maskIdNumber } from '../../../shared/identity.ts';
import { listOrgs } from '../../org/index.ts';
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
};

const EXTENDING_ACTS = new Set(['extend', 'approve-extension']);

const ACCEPTING_ACTS = new Set(['accept', 'accept-pending', 'deem-accepted']);

export interface NoticeCenter {
  name: string;
  address: string;
  phone: string;
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
  }
}

/** The printable content of one notice, from the case row and the event it records; 422 when the case never had that decision. */
export function toNoticeData(
  kind: NoticeKind,
  record: repo.CaseRecord,
  events: readonly repo.CaseEvent[],
  center: NoticeCenter,
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
      return { ...base, kind, materials: materialsOf(payload), note: textOf(payload, 'note') };
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

/** Loads a case in the caller's scope (404 outside it) with its events and handling center, as notice content. */
export async function loadNotice(tx: Tx, actor: Principal, id: string, kind: NoticeKind): Promise<NoticeData> {
  const record = await loadCaseInScope(tx, actor, id);
  const events = await repo.listCaseEvents(tx, record.id);
  const [org] = await listOrgs(tx, [record.orgId]);
  return toNoticeData(kind, record, events, { name: org?.name ?? '', address: org?.address ?? '', phone: org?.phone ?? '' });
}
