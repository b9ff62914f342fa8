import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { versionConflict } from '../../kernel/version-conflict.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import { formatFen, sumFen } from '../../shared/money.ts';
import { caseErrors } from './errors.ts';
import { refundRefusal } from './fees.rules.ts';
import * as repo from './repo.ts';
import type { CaseView, RefundFeeBody } from './schemas.ts';
import { loadCaseInScope, viewCase } from './service.ts';

/**
 * 退费: a fee paid in error (twice, or for a decision that was not made) is given back against a refund
 * voucher. The payment's receipt and time stay on the case; the refund is its own event, so the
 * ledger and the exchange record show both. The case's status does not change.
 */
export async function refundFee(
  tx: Tx,
  actor: Principal,
  id: string,
  body: RefundFeeBody,
  now: Date,
  auditKey: string,
): Promise<Change<CaseView>> {
  const record = await loadCaseInScope(tx, actor, id, true);
  if (body.version !== record.version) throw await versionConflict(tx, 'cases', record.id);
  const refusal = refundRefusal(record);
  if (refusal) throw new DomainError(caseErrors.CASE_FEE_NOT_REFUNDABLE, refusal);
  const patch = { feeStatus: 'refunded' as const, feeRefundNo: body.refundNo, feeRefundReason: body.reason, feeRefundedAt: now };
  if (!(await repo.updateCase(tx, record.id, record.version, patch, now))) throw await versionConflict(tx, 'cases', record.id);
  const totalFen = sumFen(await repo.listFees(tx, record.id));
  await repo.appendCaseEvent(tx, auditKey, record.id, record.orgId, {
    act: 'refund-fee',
    actorId: actor.staffId,
    actorName: actor.name,
    at: now,
    businessDate: businessDateOf(now),
    payload: { refundNo: body.refundNo, reason: body.reason, receiptNo: record.feeReceiptNo, totalFen, total: formatFen(totalFen) },
  });
  const updated = await repo.findCase(tx, record.id);
  if (!updated) throw new Error('case vanished');
  return {
    body: await viewCase(tx, updated, actor),
    audit: {
      action: 'case.refund_fee',
      targetType: 'case',
      targetId: record.id,
      orgId: record.orgId,
      summary: { caseNo: record.caseNo, refundNo: body.refundNo, total: formatFen(totalFen) },
    },
  };
}
