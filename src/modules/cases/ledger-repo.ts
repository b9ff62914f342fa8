import type { Tx } from '../../db/db.ts';
import { maskIdNumber } from '../../shared/identity.ts';

/** One case as the 办件台帐 and 收费台帐 list it (the applicant's ID number masked as the case list shows it, R10). */
export interface LedgerCaseRow {
  id: string;
  orgId: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  applicantName: string;
  applicantIdNumber: string;
  channel: string;
  status: string;
  result: string | null;
  receivedAt: Date;
  receivedOn: string;
  acceptedOn: string | null;
  dueOn: string | null;
  concludedAt: Date | null;
  deliveredAt: Date | null;
  holderId: string | null;
  feeFen: number;
  feeStatus: string;
  feeReceiptNo: string | null;
  feeSettledAt: Date | null;
  feeWaiverReason: string | null;
  feeRefundNo: string | null;
  feeRefundReason: string | null;
  feeRefundedAt: Date | null;
}

/** Where the next batch starts: after this case of the keyset (received_at, id). */
export interface LedgerCursor {
  receivedAt: Date;
  id: string;
}

/**
 * One batch of an org's cases received in [from, to), in the order of index cases_list_received
 * (org_id, received_at, id): a keyset read, so a ledger of any size is read a batch at a time.
 * `feesOnly` keeps the cases with a fee (due, paid, waived or refunded).
 */
export async function readLedgerBatch(
  tx: Tx,
  query: { orgId: string; from: Date; to: Date; after: LedgerCursor | null; limit: number; feesOnly: boolean },
): Promise<LedgerCaseRow[]> {
  const { rows } = await tx.query<LedgerCaseRow>(
    `select c.id, c.org_id as "orgId", c.case_no as "caseNo", c.item_code as "itemCode", c.item_name as "itemName",
            c.applicant_name as "applicantName", c.applicant_id_number as "applicantIdNumber", c.channel, c.status, c.result,
            c.received_at as "receivedAt", c.received_on::text as "receivedOn", c.accepted_on::text as "acceptedOn",
            c.due_on::text as "dueOn", c.concluded_at as "concludedAt", c.delivered_at as "deliveredAt", c.assignee_id as "holderId",
            coalesce((select sum(f.amount_fen) from case_fees f where f.case_id = c.id), 0)::int as "feeFen",
            c.fee_status as "feeStatus", c.fee_receipt_no as "feeReceiptNo", c.fee_settled_at as "feeSettledAt",
            c.fee_waiver_reason as "feeWaiverReason", c.fee_refund_no as "feeRefundNo", c.fee_refund_reason as "feeRefundReason",
            c.fee_refunded_at as "feeRefundedAt"
       from cases c
      where c.org_id = $1 and c.received_at >= $2 and c.received_at < $3
        and ($4::timestamptz is null or (c.received_at, c.id) > ($4::timestamptz, $5::uuid))
        and (not $7 or c.fee_status <> 'none')
      order by c.received_at, c.id
      limit $6`,
    [query.orgId, query.from, query.to, query.after?.receivedAt ?? null, query.after?.id ?? null, query.limit, query.feesOnly],
  );
  return rows.map((row) => ({ ...row, applicantIdNumber: maskIdNumber(row.applicantIdNumber) }));
}
