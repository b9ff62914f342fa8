import type { Tx } from '../../../db/db.ts';
import type { BusinessDate } from '../../../shared/business-date.ts';
import type { OrderAddresseeKind, OrderStatus, OrderTargetKind } from './rules.ts';

/** 督办单 as stored. */
export interface OrderRecord {
  id: string;
  orgId: string;
  orderNo: string;
  targetKind: OrderTargetKind;
  caseId: string | null;
  stepId: string | null;
  targetLabel: string;
  targetWarning: 'yellow' | 'red';
  instruction: string;
  addresseeKind: OrderAddresseeKind;
  addresseeStaffId: string | null;
  addresseeDepartmentId: string | null;
  addresseeName: string;
  dueOn: BusinessDate;
  status: OrderStatus;
  isOverdue: boolean;
  escalatedAt: Date | null;
  answerText: string | null;
  answerFileId: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  issuedById: string;
  issuedBy: string;
  issuedOn: BusinessDate;
  version: number;
}

const SELECT = `select id, org_id as "orgId", order_no as "orderNo", target_kind as "targetKind", case_id as "caseId", step_id as "stepId",
       target_label as "targetLabel", target_warning as "targetWarning", instruction, addressee_kind as "addresseeKind",
       addressee_staff_id as "addresseeStaffId", addressee_department_id as "addresseeDepartmentId", addressee_name as "addresseeName",
       due_on::text as "dueOn", status, is_overdue as "isOverdue", escalated_at as "escalatedAt", answer_text as "answerText",
       answer_file_id as "answerFileId", answered_by as "answeredBy", answered_at as "answeredAt", review_note as "reviewNote",
       reviewed_by as "reviewedBy", reviewed_at as "reviewedAt", issued_by_id as "issuedById", issued_by as "issuedBy",
       issued_on::text as "issuedOn", version
  from supervision_orders`;

/** The next serial of an org's orders in a year (督〔year〕N号). */
export async function nextOrderSerial(tx: Tx, orgId: string, year: number): Promise<number> {
  const { rows } = await tx.query<{ last: number }>(
    `insert into supervision_order_counters (org_id, year, last) values ($1, $2, 1)
     on conflict (org_id, year) do update set last = supervision_order_counters.last + 1 returning last`,
    [orgId, year],
  );
  return rows[0]?.last ?? 1;
}

export type NewOrder = Omit<
  OrderRecord,
  | 'id'
  | 'status'
  | 'isOverdue'
  | 'escalatedAt'
  | 'answerText'
  | 'answerFileId'
  | 'answeredBy'
  | 'answeredAt'
  | 'reviewNote'
  | 'reviewedBy'
  | 'reviewedAt'
  | 'version'
>;

export async function insertOrder(tx: Tx, order: NewOrder, nextCheck: Date | null, now: Date): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into supervision_orders (org_id, order_no, target_kind, case_id, step_id, target_label, target_warning, instruction,
       addressee_kind, addressee_staff_id, addressee_department_id, addressee_name, due_on, next_check_at, issued_by_id, issued_by,
       issued_on, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) returning id`,
    [
      order.orgId,
      order.orderNo,
      order.targetKind,
      order.caseId,
      order.stepId,
      order.targetLabel,
      order.targetWarning,
      order.instruction,
      order.addresseeKind,
      order.addresseeStaffId,
      order.addresseeDepartmentId,
      order.addresseeName,
      order.dueOn,
      nextCheck,
      order.issuedById,
      order.issuedBy,
      order.issuedOn,
      now,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('supervision order not inserted');
  return id;
}

export async function findOrder(tx: Tx, id: string, lock = false): Promise<OrderRecord | null> {
  const { rows } = await tx.query<OrderRecord>(`${SELECT} where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0] ?? null;
}

/** Orders of the given orgs, newest due first within a filter; `ownerId` keeps those addressed to that person. */
export async function listOrders(
  tx: Tx,
  orgIds: readonly string[],
  filter: { filter: 'open' | 'overdue' | 'done' | 'all'; caseId?: string | undefined; ownerId?: string | undefined; limit: number },
): Promise<OrderRecord[]> {
  const { rows } = await tx.query<OrderRecord>(
    `${SELECT} where org_id = any($1)
        and case $2 when 'open' then status <> 'accepted' when 'overdue' then is_overdue and status in ('open', 'returned')
                    when 'done' then status = 'accepted' else true end
        and ($3::uuid is null or case_id = $3) and ($4::uuid is null or addressee_staff_id = $4)
      order by due_on, id limit $5`,
    [orgIds, filter.filter, filter.caseId ?? null, filter.ownerId ?? null, filter.limit],
  );
  return rows;
}

/** The state change of an act (answer, accept, return), checked against the version read. */
export async function updateOrder(
  tx: Tx,
  id: string,
  version: number,
  fields: Partial<
    Pick<OrderRecord, 'status' | 'answerText' | 'answerFileId' | 'answeredBy' | 'answeredAt' | 'reviewNote' | 'reviewedBy' | 'reviewedAt'>
  > & { nextCheckAt: Date | null },
  now: Date,
): Promise<boolean> {
  const columns: Record<string, string> = {
    status: 'status',
    answerText: 'answer_text',
    answerFileId: 'answer_file_id',
    answeredBy: 'answered_by',
    answeredAt: 'answered_at',
    reviewNote: 'review_note',
    reviewedBy: 'reviewed_by',
    reviewedAt: 'reviewed_at',
    nextCheckAt: 'next_check_at',
  };
  const sets: string[] = [];
  const values: unknown[] = [id, version, now];
  for (const [key, value] of Object.entries(fields)) {
    const column = columns[key];
    if (!column) continue;
    values.push(value);
    sets.push(`${column} = $${String(values.length)}`);
  }
  const { rowCount } = await tx.query(
    `update supervision_orders set ${sets.join(', ')}, updated_at = $3, version = version + 1 where id = $1 and version = $2`,
    values,
  );
  return rowCount > 0;
}

/** The escalation job's read: orders whose check moment has passed, claimed so several processes may run it. */
export async function claimOrdersDue(tx: Tx, now: Date, limit: number): Promise<OrderRecord[]> {
  const { rows } = await tx.query<OrderRecord>(
    `${SELECT} where next_check_at <= $1 order by next_check_at limit $2 for update skip locked`,
    [now, limit],
  );
  return rows;
}

/** 红色督办: the order is marked overdue and escalated, once; it leaves the job's index. */
export async function markEscalated(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.query(
    `update supervision_orders set is_overdue = true, escalated_at = $2, next_check_at = null, updated_at = $2, version = version + 1
      where id = $1`,
    [id, now],
  );
}

/** An order whose check found it answered in time just leaves the index. */
export async function clearCheck(tx: Tx, id: string): Promise<void> {
  await tx.query(`update supervision_orders set next_check_at = null where id = $1`, [id]);
}
