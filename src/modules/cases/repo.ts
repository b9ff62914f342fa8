import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import type { WarningLevel } from '../../shared/warning-level.ts';
import { EVENT_CHAIN_START, hashCaseEvent, type ChainedEvent } from './events/chain.ts';
import type { CaseFee, FeeStatus } from './fees.rules.ts';
import type { CaseStatus } from './transitions.ts';
import type { TrackFeeRow, TrackStageRow } from './track.rules.ts';
import { versionedUpdate } from '../../kernel/versioned-update.ts';
import { countInRollups } from './rollups-repo.ts';

/** A case as stored (full personal data: mask before it leaves the service). */
export interface CaseRecord {
  id: string;
  orgId: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  itemVersion: number;
  handling: string;
  promisedDays: number;
  legalDays: number;
  /** 时限计算方式: working days (工作日) or natural days (自然日), as the item counts them. */
  dayKind: 'working' | 'calendar';
  applicantType: 'person' | 'org';
  applicantName: string;
  applicantIdNumber: string;
  applicantPhone: string;
  applicantAddress: string;
  channel: 'window' | 'online' | 'agent';
  firstContactId: string | null;
  assigneeId: string | null;
  status: CaseStatus;
  receivedAt: Date;
  receivedOn: BusinessDate;
  acceptedOn: BusinessDate | null;
  dueOn: BusinessDate | null;
  decisionDueOn: BusinessDate | null;
  suspendedOn: BusinessDate | null;
  extendedDays: number;
  supplementNotices: number;
  pendingMaterialsDueOn: BusinessDate | null;
  result: 'granted' | 'denied' | null;
  /** 办结: when the decision was made (public tracking shows its business date). */
  concludedAt: Date | null;
  /** 上报件: the township's own pre-review deadline (行政许可法 第43条). */
  preReviewDueOn: BusinessDate | null;
  /** 上报件: the county's decision deadline, once it has accepted the forwarded case. */
  countyDueOn: BusinessDate | null;
  countyResult: 'granted' | 'denied' | null;
  warning: WarningLevel;
  nextWarningAt: Date | null;
  /** 收费: due from intake when the item charges, then paid or waived (or no longer owed). */
  feeStatus: FeeStatus;
  feeReceiptNo: string | null;
  feeSettledAt: Date | null;
  feeWaiverReason: string | null;
  /** 延期申请 (第42条): a clerk's request awaiting the director; all null when none is pending. */
  extensionRequestedAt: Date | null;
  extensionRequestedDays: number | null;
  extensionRequestReason: string | null;
  extensionRequestedBy: string | null;
  /** 办理情形 chosen at intake (the guide's names). */
  situations: string[];
  /** 退费: a fee paid in error, given back (the payment stays on record). */
  feeRefundNo: string | null;
  feeRefundReason: string | null;
  feeRefundedAt: Date | null;
  /** 事中事后核查期限 of the item at intake (working days after acceptance); null: the county default. */
  verificationDays: number | null;
  version: number;
}

const COLUMNS: Record<keyof CaseRecord, string> = {
  id: 'id',
  orgId: 'org_id',
  caseNo: 'case_no',
  itemCode: 'item_code',
  itemName: 'item_name',
  itemVersion: 'item_version',
  handling: 'handling',
  promisedDays: 'promised_days',
  legalDays: 'legal_days',
  dayKind: 'day_kind',
  applicantType: 'applicant_type',
  applicantName: 'applicant_name',
  applicantIdNumber: 'applicant_id_number',
  applicantPhone: 'applicant_phone',
  applicantAddress: 'applicant_address',
  channel: 'channel',
  firstContactId: 'first_contact_id',
  assigneeId: 'assignee_id',
  status: 'status',
  receivedAt: 'received_at',
  receivedOn: 'received_on',
  acceptedOn: 'accepted_on',
  dueOn: 'due_on',
  decisionDueOn: 'decision_due_on',
  suspendedOn: 'suspended_on',
  extendedDays: 'extended_days',
  supplementNotices: 'supplement_notices',
  pendingMaterialsDueOn: 'pending_materials_due_on',
  result: 'result',
  concludedAt: 'concluded_at',
  preReviewDueOn: 'pre_review_due_on',
  countyDueOn: 'county_due_on',
  countyResult: 'county_result',
  warning: 'warning',
  nextWarningAt: 'next_warning_at',
  feeStatus: 'fee_status',
  feeReceiptNo: 'fee_receipt_no',
  feeSettledAt: 'fee_settled_at',
  feeWaiverReason: 'fee_waiver_reason',
  extensionRequestedAt: 'extension_requested_at',
  extensionRequestedDays: 'extension_requested_days',
  extensionRequestReason: 'extension_request_reason',
  extensionRequestedBy: 'extension_requested_by',
  situations: 'situations',
  feeRefundNo: 'fee_refund_no',
  feeRefundReason: 'fee_refund_reason',
  feeRefundedAt: 'fee_refunded_at',
  verificationDays: 'verification_days',
  version: 'version',
};

/** The columns of a CaseRecord, aliased to its fields (the list's own query selects them too). */
export const CASE_RECORD_COLUMNS = Object.entries(COLUMNS)
  .map(([field, column]) => `${column} as "${field}"`)
  .join(', ');
const SELECT = `select ${CASE_RECORD_COLUMNS} from cases`;

export function toRecord(row: CaseRecord): CaseRecord {
  return {
    ...row,
    receivedAt: new Date(row.receivedAt),
    nextWarningAt: row.nextWarningAt === null ? null : new Date(row.nextWarningAt),
    feeSettledAt: row.feeSettledAt === null ? null : new Date(row.feeSettledAt),
    feeRefundedAt: row.feeRefundedAt === null ? null : new Date(row.feeRefundedAt),
    concludedAt: row.concludedAt === null ? null : new Date(row.concludedAt),
    extensionRequestedAt: row.extensionRequestedAt === null ? null : new Date(row.extensionRequestedAt),
  };
}

/** 办件编号: org code + date + 4-digit daily sequence — unique, readable and sortable. */
export async function nextCaseNo(tx: Tx, orgId: string, orgCode: string, day: BusinessDate): Promise<string> {
  const row = (
    await tx.query<{ last: number }>(
      `insert into case_number_counters (org_id, day, last) values ($1, $2, 1)
       on conflict (org_id, day) do update set last = case_number_counters.last + 1 returning last`,
      [orgId, day],
    )
  ).rows[0];
  return `${orgCode}-${day.replace(/-/g, '')}-${String(row?.last ?? 1).padStart(4, '0')}`;
}

export type NewCase = Omit<
  CaseRecord,
  | 'id'
  | 'version'
  | 'warning'
  | 'result'
  | 'concludedAt'
  | 'suspendedOn'
  | 'acceptedOn'
  | 'dueOn'
  | 'extendedDays'
  | 'supplementNotices'
  | 'pendingMaterialsDueOn'
  | 'feeReceiptNo'
  | 'feeSettledAt'
  | 'feeWaiverReason'
  | 'feeRefundNo'
  | 'feeRefundReason'
  | 'feeRefundedAt'
  | 'preReviewDueOn'
  | 'countyDueOn'
  | 'countyResult'
  | 'extensionRequestedAt'
  | 'extensionRequestedDays'
  | 'extensionRequestReason'
  | 'extensionRequestedBy'
>;

export async function insertCase(tx: Tx, record: NewCase, now: Date): Promise<string> {
  const fields = Object.keys(record) as (keyof NewCase)[];
  const row = (
    await tx.query<{ id: string }>(
      `insert into cases (${fields.map((field) => COLUMNS[field]).join(', ')}, created_at, updated_at)
       values (${fields.map((_, i) => `$${String(i + 1)}`).join(', ')}, $${String(fields.length + 1)}, $${String(fields.length + 1)}) returning id`,
      [...fields.map((field) => record[field]), now],
    )
  ).rows[0];
  if (!row) throw new Error('case insert returned nothing');
  return row.id;
}

export async function findCase(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<CaseRecord | null> {
  const row = (await tx.query<CaseRecord>(`${SELECT} where id = $1${options.lock ? ' for update' : ''}`, [id])).rows[0];
  return row ? toRecord(row) : null;
}

export type CasePatch = Partial<Omit<CaseRecord, 'id' | 'orgId' | 'caseNo' | 'version'>>;

/** Optimistic update of the projection; false when `version` is no longer current. */
export async function updateCase(tx: Tx, id: string, version: number, patch: CasePatch, now: Date): Promise<boolean> {
  const { text, params } = versionedUpdate('cases', COLUMNS, patch, { id, version, now });
  return (await tx.query(text, params)).rowCount > 0;
}

/** Statuses in which a case is still open (its clock may run); cases.list_done is false exactly for these. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['submitted', 'supplement_requested', 'accepted', 'suspended', 'escalated'];

export interface CaseEvent {
  seq: number;
  act: string;
  actorId: string | null;
  actorName: string;
  at: Date;
  businessDate: BusinessDate;
  payload: Record<string, unknown>;
}

/** Appends to the case's own hash chain (edits or deletions of events are detectable). */
export async function appendCaseEvent(tx: Tx, key: string, caseId: string, orgId: string, event: Omit<CaseEvent, 'seq'>): Promise<number> {
  const last = (
    await tx.query<{ seq: number; hash: string }>('select seq, hash from case_events where case_id = $1 order by seq desc limit 1', [
      caseId,
    ])
  ).rows[0];
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? EVENT_CHAIN_START;
  const hash = hashCaseEvent(key, { caseId, seq, ...event, prevHash });
  await tx.query(
    `insert into case_events (case_id, seq, org_id, act, actor_id, actor_name, at, business_date, payload, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      caseId,
      seq,
      orgId,
      event.act,
      event.actorId,
      event.actorName,
      event.at,
      event.businessDate,
      JSON.stringify(event.payload),
      prevHash,
      hash,
    ],
  );
  await countInRollups(tx, caseId, orgId, event);
  return seq;
}

export async function listCaseEvents(tx: Tx, caseId: string): Promise<CaseEvent[]> {
  const result = await tx.query<CaseEvent>(
    `select seq, act, actor_id as "actorId", actor_name as "actorName", at, business_date as "businessDate", payload
       from case_events where case_id = $1 order by seq`,
    [caseId],
  );
  return result.rows.map((row) => ({ ...row, at: new Date(row.at) }));
}

/** The most recent event of one act on a case (the primary key's order), or null. */
export async function latestCaseEvent(tx: Tx, caseId: string, act: string): Promise<CaseEvent | null> {
  const row = (
    await tx.query<CaseEvent>(
      `select seq, act, actor_id as "actorId", actor_name as "actorName", at, business_date as "businessDate", payload
         from case_events where case_id = $1 and act = $2 order by seq desc limit 1`,
      [caseId, act],
    )
  ).rows[0];
  return row ? { ...row, at: new Date(row.at) } : null;
}

export interface CaseMaterial {
  name: string;
  required: boolean;
  received: boolean;
  pending: boolean;
  fileId: string | null;
  /** 容缺: may follow after acceptance (as the item said at intake). */
  pendingAllowed: boolean;
  /** 告知承诺: a signed commitment may stand in for it (as the item said at intake). */
  commitmentAllowed: boolean;
  /** Received as the applicant's signed commitment, not the proof itself. */
  byCommitment: boolean;
}

export async function insertMaterials(tx: Tx, caseId: string, orgId: string, materials: readonly CaseMaterial[]): Promise<void> {
  for (const [position, material] of materials.entries()) {
    await tx.query(
      `insert into case_materials (case_id, position, org_id, name, required, received, file_id, pending, pending_allowed, commitment_allowed, by_commitment)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        caseId,
        position,
        orgId,
        material.name,
        material.required,
        material.received,
        material.fileId,
        material.pending,
        material.pendingAllowed,
        material.commitmentAllowed,
        material.byCommitment,
      ],
    );
  }
}

export async function listMaterials(tx: Tx, caseId: string): Promise<CaseMaterial[]> {
  const result = await tx.query<CaseMaterial>(
    `select name, required, received, pending, file_id as "fileId", pending_allowed as "pendingAllowed", commitment_allowed as "commitmentAllowed", by_commitment as "byCommitment"
       from case_materials where case_id = $1 order by position`,
    [caseId],
  );
  return result.rows;
}

/** 收费项目: copied from the item at intake, in the item's order. */
export async function insertFees(tx: Tx, caseId: string, orgId: string, fees: readonly CaseFee[]): Promise<void> {
  for (const [position, fee] of fees.entries()) {
    await tx.query('insert into case_fees (case_id, position, org_id, name, amount_fen) values ($1, $2, $3, $4, $5)', [
      caseId,
      position,
      orgId,
      fee.name,
      fee.amountFen,
    ]);
  }
}

export async function listFees(tx: Tx, caseId: string): Promise<CaseFee[]> {
  return (await tx.query<CaseFee>('select name, amount_fen as "amountFen" from case_fees where case_id = $1 order by position', [caseId]))
    .rows;
}

/** Marks materials received (补齐); returns the names that were not on the case's list. */
export async function markMaterialsReceived(
  tx: Tx,
  caseId: string,
  materials: readonly { name: string; fileId?: string | undefined }[],
): Promise<void> {
  for (const material of materials) {
    await tx.query(
      `update case_materials set received = true, pending = false, file_id = coalesce($3, file_id) where case_id = $1 and name = $2`,
      [caseId, material.name, material.fileId ?? null],
    );
  }
}

export async function markMaterialsPending(tx: Tx, caseId: string, names: readonly string[]): Promise<void> {
  await tx.query('update case_materials set pending = true where case_id = $1 and name = any($2::text[])', [caseId, names]);
}

/** The warning job's read: only cases whose next warning moment has passed (index cases_next_warning). */
export async function claimCasesDueForWarning(tx: Tx, now: Date, limit: number): Promise<CaseRecord[]> {
  const result = await tx.query<CaseRecord>(
    `${SELECT} where next_warning_at <= $1 order by next_warning_at limit $2 for update skip locked`,
    [now, limit],
  );
  return result.rows.map(toRecord);
}

export async function insertAccountability(
  tx: Tx,
  record: {
    caseId: string;
    orgId: string;
    staffId: string | null;
    stage: string;
    dueOn: BusinessDate;
    level: 'yellow' | 'red';
    workingDaysLate: number;
  },
  now: Date,
): Promise<void> {
  await tx.query(
    `insert into case_accountability (case_id, org_id, staff_id, stage, due_on, level, working_days_late, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (case_id, stage, due_on, level) do nothing`,
    [record.caseId, record.orgId, record.staffId, record.stage, record.dueOn, record.level, record.workingDaysLate, now],
  );
}

export interface AccountabilityRecord {
  caseId: string;
  caseNo: string;
  staffId: string | null;
  stage: string;
  dueOn: BusinessDate;
  level: 'yellow' | 'red';
  workingDaysLate: number;
  createdAt: Date;
}

export async function listAccountability(tx: Tx, orgIds: readonly string[], limit: number): Promise<AccountabilityRecord[]> {
  const result = await tx.query<AccountabilityRecord>(
    `select a.case_id as "caseId", c.case_no as "caseNo", a.staff_id as "staffId", a.stage, a.due_on as "dueOn", a.level,
            a.working_days_late as "workingDaysLate", a.created_at as "createdAt"
       from case_accountability a join cases c on c.id = a.case_id
      where a.org_id = any($1::uuid[]) order by a.created_at desc limit $2`,
    [orgIds, limit],
  );
  return result.rows;
}

export interface TrackRow {
  case_no: string;
  item_name: string;
  status: CaseStatus;
  received_on: BusinessDate;
  accepted_on: BusinessDate | null;
  due_on: BusinessDate | null;
  concluded_at: Date | null;
  result: 'granted' | 'denied' | null;
  applicant_name: string;
  org_name: string;
}

export async function trackCase(tx: Tx, caseNo: string, check: string): Promise<TrackRow | null> {
  return (await tx.query<TrackRow>('select * from case_track($1, $2)', [caseNo, check])).rows[0] ?? null;
}

/** The public stages and fee lines of a tracked case (migration 0023's functions, same check). */
export async function trackCaseDetail(tx: Tx, caseNo: string, check: string): Promise<{ stages: TrackStageRow[]; fees: TrackFeeRow[] }> {
  const stages = await tx.query<TrackStageRow>('select act, business_date::text from case_track_stages($1, $2)', [caseNo, check]);
  const fees = await tx.query<TrackFeeRow>('select name, amount_fen, fee_status from case_track_fees($1, $2)', [caseNo, check]);
  return { stages: stages.rows, fees: fees.rows };
}

/** Events in (case, seq) order after `after`, with their case's number, for the chain verifier. */
export async function readEventBatch(
  tx: Tx,
  after: { caseId: string; seq: number } | null,
  limit: number,
): Promise<(ChainedEvent & { orgId: string; caseNo: string })[]> {
  const result = await tx.query<ChainedEvent & { orgId: string; caseNo: string }>(
    `select e.case_id as "caseId", e.seq, e.org_id as "orgId", c.case_no as "caseNo", e.act, e.actor_id as "actorId",
            e.actor_name as "actorName", e.at, e.business_date as "businessDate", e.payload, e.prev_hash as "prevHash", e.hash
       from case_events e join cases c on c.id = e.case_id
      where ($1::uuid is null or (e.case_id, e.seq) > ($1::uuid, $2::int))
      order by e.case_id, e.seq limit $3`,
    [after?.caseId ?? null, after?.seq ?? 0, limit],
  );
  return result.rows.map((row) => ({ ...row, at: new Date(row.at) }));
}

/** Reads of this transaction see one snapshot (the event-chain verifier walks every case in it). */
export async function useOneSnapshot(tx: Tx): Promise<void> {
  await tx.query('set transaction isolation level repeatable read');
}
