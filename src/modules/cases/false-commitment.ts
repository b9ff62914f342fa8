import type { Tx } from '../../db/db.ts';
import { trackingUrl } from '../../kernel/public-url.ts';
import { enqueueNotice } from '../notices/index.ts';
import { lapseDueFee } from './lapse-fee.ts';
import type { CaseDeps } from './ports.ts';
import * as repo from './repo.ts';
import { cancelOpenSteps } from './steps/repo.ts';
import { statusAfterFalseCommitment } from './transitions.ts';

/** What the 核查 event records of the case's end: the new status, and the fee no longer owed. */
export interface FalseCommitmentEnd {
  revoked: 'case' | 'decision' | null;
  to?: 'terminated' | 'revoked';
  feeNotApplicable?: unknown;
}

const NOTICE = {
  terminated: '经核查，您申请时作出的告知承诺与实际情况不符，本次申请依法终止办理。',
  revoked: '经核查，您申请时作出的告知承诺与实际情况不符，依法撤销原办理决定。',
} as const;

/**
 * 告知承诺不实 (国办发〔2020〕42号): an open case is terminated (终止办理) and a grant revoked (撤销) — no
 * clock, warning, step or act runs on it any more; a fee still due lapses, the applicant is told by SMS
 * and a village agent carrying the case is told too. A denial or an ended case stays as it is.
 */
export async function endOnFalseCommitment(
  tx: Tx,
  record: repo.CaseRecord,
  deps: Pick<CaseDeps, 'publicUrl' | 'onAgentCaseChanged'>,
  now: Date,
): Promise<FalseCommitmentEnd> {
  const next = statusAfterFalseCommitment(record.status, record.result);
  if (next === null) return { revoked: null };
  await cancelOpenSteps(tx, record.id, now);
  const lapse = await lapseDueFee(tx, record);
  // An extension request no one answered lapses with the clock it would have extended.
  const patch: repo.CasePatch = {
    ...lapse.patch,
    status: next,
    warning: 'none',
    nextWarningAt: null,
    extensionRequestedAt: null,
    extensionRequestedDays: null,
    extensionRequestReason: null,
    extensionRequestedBy: null,
  };
  if (!(await repo.updateCase(tx, record.id, record.version, patch, now))) throw new Error('case changed under its lock');
  const message = `您的“${record.itemName}”办件（编号 ${record.caseNo}）：${NOTICE[next]}`;
  await enqueueNotice(
    tx,
    {
      orgId: record.orgId,
      caseId: record.id,
      recipient: record.applicantPhone,
      message: deps.publicUrl ? `${message}查询：${trackingUrl(deps.publicUrl, record.caseNo)}` : message,
    },
    now,
  );
  if (record.channel === 'agent' && deps.onAgentCaseChanged) {
    await deps.onAgentCaseChanged(tx, { caseId: record.id, status: next, dueOn: null, at: now, supplement: null });
  }
  return { revoked: next === 'revoked' ? 'decision' : 'case', to: next, ...lapse.payload };
}
