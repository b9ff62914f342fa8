import type { Tx } from '../../../db/db.ts';
import type { BusinessDate } from '../../../shared/business-date.ts';
import type { StandingBadCredit, VerificationOutcome, VerificationStatus } from './rules.ts';

/** 事中事后核查 task as stored, with its case's number and applicant (the list shows them). */
export interface VerificationRecord {
  id: string;
  caseId: string;
  orgId: string;
  caseNo: string;
  itemName: string;
  applicantName: string;
  materials: string[];
  dueOn: BusinessDate;
  status: VerificationStatus;
  outcomeNote: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
}

const SELECT = `select v.id, v.case_id as "caseId", v.org_id as "orgId", c.case_no as "caseNo", c.item_name as "itemName",
       c.applicant_name as "applicantName", v.materials, v.due_on::text as "dueOn", v.status, v.outcome_note as "outcomeNote",
       v.decided_by as "decidedBy", v.decided_at as "decidedAt", v.version
  from case_verifications v join cases c on c.id = v.case_id`;

export async function insertVerification(
  tx: Tx,
  task: { caseId: string; orgId: string; materials: string[]; dueOn: BusinessDate },
  now: Date,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into case_verifications (case_id, org_id, materials, due_on, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) on conflict (case_id) do nothing returning id`,
    [task.caseId, task.orgId, task.materials, task.dueOn, now],
  );
  return rows[0]?.id ?? '';
}

/** The tasks of the given orgs (open ones due soonest first), or of one case. */
export async function listVerifications(
  tx: Tx,
  orgIds: readonly string[],
  filter: { status: VerificationStatus | 'all'; caseId?: string | undefined; limit: number },
): Promise<VerificationRecord[]> {
  const { rows } = await tx.query<VerificationRecord>(
    `${SELECT} where v.org_id = any($1) and ($2 = 'all' or v.status = $2) and ($3::uuid is null or v.case_id = $3)
      order by v.due_on, v.id limit $4`,
    [orgIds, filter.status, filter.caseId ?? null, filter.limit],
  );
  return rows;
}

/** How many open tasks the orgs hold (the to-do's count; the partial index on open tasks serves it). */
export async function countOpenVerifications(tx: Tx, orgIds: readonly string[]): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `select count(*)::int as n from case_verifications where org_id = any($1) and status = 'open'`,
    [orgIds],
  );
  return rows[0]?.n ?? 0;
}

export async function findVerification(tx: Tx, id: string, lock = false): Promise<VerificationRecord | null> {
  const { rows } = await tx.query<VerificationRecord>(`${SELECT} where v.id = $1${lock ? ' for update of v' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function decideVerification(
  tx: Tx,
  id: string,
  version: number,
  outcome: { status: VerificationOutcome; note: string; decidedBy: string },
  now: Date,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update case_verifications set status = $3, outcome_note = $4, decided_by = $5, decided_at = $6, updated_at = $6, version = version + 1
      where id = $1 and version = $2 and status = 'open'`,
    [id, version, outcome.status, outcome.note, outcome.decidedBy, now],
  );
  return rowCount > 0;
}

/** 失信记录 as stored. */
export interface BadCreditRecord {
  id: string;
  orgId: string;
  idNumber: string;
  applicantName: string;
  caseId: string;
  caseNo: string;
  reason: string;
  recordedOn: BusinessDate;
  recordedBy: string;
  repairedAt: Date | null;
  repairedBy: string | null;
  repairReason: string | null;
  version: number;
}

const CREDIT_SELECT = `select id, org_id as "orgId", id_number as "idNumber", applicant_name as "applicantName", case_id as "caseId",
       case_no as "caseNo", reason, recorded_on::text as "recordedOn", recorded_by as "recordedBy", repaired_at as "repairedAt",
       repaired_by as "repairedBy", repair_reason as "repairReason", version
  from bad_credit_records`;

export async function insertBadCredit(
  tx: Tx,
  record: Pick<BadCreditRecord, 'orgId' | 'idNumber' | 'applicantName' | 'caseId' | 'caseNo' | 'reason' | 'recordedOn' | 'recordedBy'>,
  now: Date,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into bad_credit_records (org_id, id_number, applicant_name, case_id, case_no, reason, recorded_on, recorded_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id`,
    [
      record.orgId,
      record.idNumber,
      record.applicantName,
      record.caseId,
      record.caseNo,
      record.reason,
      record.recordedOn,
      record.recordedBy,
      now,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('bad credit record not inserted');
  return id;
}

export async function listBadCredit(
  tx: Tx,
  orgIds: readonly string[],
  filter: { standingOnly: boolean; idNumber?: string | undefined; caseId?: string | undefined; limit: number },
): Promise<BadCreditRecord[]> {
  const { rows } = await tx.query<BadCreditRecord>(
    `${CREDIT_SELECT} where org_id = any($1) and (not $2 or repaired_at is null) and ($3::text is null or id_number = $3)
        and ($5::uuid is null or case_id = $5)
      order by recorded_on desc, id limit $4`,
    [orgIds, filter.standingOnly, filter.idNumber ?? null, filter.limit, filter.caseId ?? null],
  );
  return rows;
}

export async function findBadCredit(tx: Tx, id: string, lock = false): Promise<BadCreditRecord | null> {
  const { rows } = await tx.query<BadCreditRecord>(`${CREDIT_SELECT} where id = $1${lock ? ' for update' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function repairBadCredit(
  tx: Tx,
  id: string,
  version: number,
  repair: { reason: string; repairedBy: string },
  now: Date,
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `update bad_credit_records set repaired_at = $3, repaired_by = $4, repair_reason = $5, updated_at = $3, version = version + 1
      where id = $1 and version = $2 and repaired_at is null`,
    [id, version, now, repair.repairedBy, repair.reason],
  );
  return rowCount > 0;
}

/** The standing record of an ID number anywhere in the county (security-definer function; see migration 0025). */
export async function standingBadCredit(tx: Tx, idNumber: string): Promise<StandingBadCredit | null> {
  const { rows } = await tx.query<StandingBadCredit>(
    `select case_no as "caseNo", recorded_on::text as "recordedOn", reason from bad_credit_standing($1)`,
    [idNumber],
  );
  return rows[0] ?? null;
}
