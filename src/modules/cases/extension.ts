import type { Tx } from '../../db/db.ts';
import type { Principal } from '../../kernel/context.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { extendDue, type WorkCalendar } from '../calendar/index.ts';
import { stageDueOf } from './clock.ts';
import { caseErrors } from './errors.ts';
import type { CasePatch, CaseRecord } from './repo.ts';
import { moveOpenStepsAfterExtension } from './steps/service.ts';

/**
 * 延期 (行政许可法 第四十二条): a case not decided within its limit may, with the approval of the head of
 * the center, be extended once by at most 10 working days (a joint case: 15), and the applicant is told
 * the reason. The window clerk asks (request-extension); the director approves or refuses; a director
 * may also extend directly (extend). Lateness once recorded stays: a case already past its limit is
 * not extended — the extension moves the limit from then on, it never makes a late case on time.
 */
export const MAX_EXTENSION = { joint: 15, other: 10 };

export interface ExtensionDecision {
  patch: CasePatch;
  payload: Record<string, unknown>;
  notice?: string;
}

/** Clears the request a decision answers (or an act that ends the case's clock leaves unanswered). */
export const NO_EXTENSION_REQUEST: CasePatch = {
  extensionRequestedAt: null,
  extensionRequestedDays: null,
  extensionRequestReason: null,
  extensionRequestedBy: null,
};

function refuse(detail: string, spec: (typeof caseErrors)[keyof typeof caseErrors] = caseErrors.CASE_INVALID): never {
  throw new DomainError(spec, detail);
}

/** The checks an extension passes whether asked for or granted: once only, within the maximum, before the limit passes. */
function assertExtensible(record: CaseRecord, days: number, today: BusinessDate): BusinessDate {
  if (record.extendedDays > 0) throw new DomainError(caseErrors.CASE_EXTENSION_USED, '依行政许可法第四十二条，办件只能延期一次。');
  const limit = record.handling === 'joint' ? MAX_EXTENSION.joint : MAX_EXTENSION.other;
  if (days > limit) refuse(`延期最多 ${String(limit)} 个工作日。`);
  if (record.dueOn === null) refuse('办件尚未受理，不能延期。');
  const due = stageDueOf(record) ?? record.dueOn;
  if (today > due) {
    throw new DomainError(
      caseErrors.CASE_EXTENSION_LATE,
      `办件已于 ${due} 到期，现已超期，不能再延期：延期须在办理期限届满前决定，超期记录保留在办件上。`,
      { dueOn: due },
    );
  }
  return record.dueOn;
}

/** 申请延期: the clerk's request, standing on the case until the director decides. */
export function decideRequestExtension(
  record: CaseRecord,
  body: { days: number; reason: string },
  actor: Principal,
  today: BusinessDate,
  now: Date,
): ExtensionDecision {
  const dueOn = assertExtensible(record, body.days, today);
  return {
    patch: {
      extensionRequestedAt: now,
      extensionRequestedDays: body.days,
      extensionRequestReason: body.reason,
      extensionRequestedBy: actor.name,
    },
    payload: { days: body.days, reason: body.reason, dueOn },
  };
}

/** Grants an extension: the limit moves from its current date, open steps still on time move with it, the applicant is told. */
async function grant(
  tx: Tx,
  record: CaseRecord,
  calendar: WorkCalendar,
  days: number,
  reason: string,
  today: BusinessDate,
  now: Date,
): Promise<ExtensionDecision> {
  const previousDue = assertExtensible(record, days, today);
  const dueOn = extendDue(calendar, previousDue, days);
  const steps = await moveOpenStepsAfterExtension(tx, calendar, record.id, days, today, now);
  return {
    patch: { ...NO_EXTENSION_REQUEST, extendedDays: days, dueOn },
    payload: { days, reason, previousDue, dueOn, ...(steps.length > 0 ? { steps } : {}) },
    notice: `【一站】您申请的“${record.itemName}”（${record.caseNo}）经批准延期 ${String(days)} 个工作日，新的办结期限为 ${dueOn}，理由：${reason}。`,
  };
}

/** 延期 by the director directly (no request first). */
export async function decideExtend(
  tx: Tx,
  record: CaseRecord,
  calendar: WorkCalendar,
  body: { days: number; reason: string },
  actor: Principal,
  today: BusinessDate,
  now: Date,
): Promise<ExtensionDecision> {
  const granted = await grant(tx, record, calendar, body.days, body.reason, today, now);
  return { ...granted, payload: { ...granted.payload, approvedBy: actor.name } };
}

/** 批准延期: the director grants the clerk's request as asked (days and reason). */
export async function decideApproveExtension(
  tx: Tx,
  record: CaseRecord,
  calendar: WorkCalendar,
  body: { note: string },
  actor: Principal,
  today: BusinessDate,
  now: Date,
): Promise<ExtensionDecision> {
  const { extensionRequestedDays: days, extensionRequestReason: reason } = record;
  if (days === null || reason === null) refuse('没有待审批的延期申请。');
  const granted = await grant(tx, record, calendar, days, reason, today, now);
  return {
    ...granted,
    payload: {
      ...granted.payload,
      approvedBy: actor.name,
      requestedBy: record.extensionRequestedBy,
      requestedAt: record.extensionRequestedAt?.toISOString() ?? null,
      ...(body.note ? { note: body.note } : {}),
    },
  };
}

/** 不批准延期: the request is answered with the director's reason; the limit stays. */
export function decideRefuseExtension(record: CaseRecord, body: { reason: string }): ExtensionDecision {
  return {
    patch: NO_EXTENSION_REQUEST,
    payload: {
      reason: body.reason,
      days: record.extensionRequestedDays,
      requestReason: record.extensionRequestReason,
      requestedBy: record.extensionRequestedBy,
    },
  };
}
