import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import { appendAuditRecord } from '../audit/index.ts';
import * as repo from './repo.ts';

/** Who the 电子监察 job is, in case events and audit records. */
export const SYSTEM_ACTOR = { name: '电子监察（系统）', role: 'system' } as const;

export interface SystemChange {
  caseId: string;
  orgId: string;
  caseNo: string;
  /** The case event's act (`deem-accepted`, `warning`, `step-deemed-passed` …), or null for a change with no event. */
  act: string | null;
  /** The audit action, `supervision.<what>`. */
  action: string;
  payload: Record<string, unknown>;
  now: Date;
  today: BusinessDate;
}

/**
 * R9: a change the system makes (no person, no request) is recorded like a person's: its case event,
 * and exactly one audit record in the same transaction, the system named as the actor.
 */
export async function recordSystemChange(tx: Tx, auditKey: string, change: SystemChange): Promise<void> {
  if (change.act !== null) {
    await repo.appendCaseEvent(tx, auditKey, change.caseId, change.orgId, {
      act: change.act,
      actorId: null,
      actorName: SYSTEM_ACTOR.name,
      at: change.now,
      businessDate: change.today,
      payload: change.payload,
    });
  }
  await appendAuditRecord(tx, auditKey, change.now, {
    actorId: null,
    actorName: SYSTEM_ACTOR.name,
    actorRole: SYSTEM_ACTOR.role,
    orgId: change.orgId,
    action: change.action,
    targetType: 'case',
    targetId: change.caseId,
    summary: { caseNo: change.caseNo, ...change.payload },
    clientIp: '',
  });
}
