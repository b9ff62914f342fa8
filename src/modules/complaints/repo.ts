import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import type { WarningLevel } from '../../shared/warning-level.ts';
import type { ComplaintChannel, ComplaintKind, ComplaintRating, ComplaintStatus, ComplaintVerdict } from './transitions.rules.ts';

/**
 * All SQL of 投诉·举报: complaints, their history, accountability records and the centers' answer limits.
 * Names of orgs and staff come from their modules' index.ts (a module names only its own tables).
 */

export interface ComplaintRecord {
  id: string;
  orgId: string;
  filedOrgId: string;
  trackingCode: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  filedBy: string;
  workOrderNo: string | null;
  content: string;
  complainantName: string | null;
  complainantPhone: string | null;
  caseNo: string | null;
  subjectStaffId: string | null;
  subjectText: string | null;
  assigneeStaffId: string | null;
  status: ComplaintStatus;
  receivedOn: BusinessDate;
  decideDueOn: BusinessDate;
  acceptedOn: BusinessDate | null;
  answerDueOn: BusinessDate | null;
  refusalReason: string | null;
  finding: string | null;
  verdict: ComplaintVerdict | null;
  disposal: string | null;
  answer: string | null;
  answeredOn: BusinessDate | null;
  rating: ComplaintRating | null;
  warning: WarningLevel;
  version: number;
}

const SELECT = `select c.id, c.org_id as "orgId", c.filed_org_id as "filedOrgId", c.tracking_code as "trackingCode",
       c.kind, c.channel, c.filed_by as "filedBy", c.work_order_no as "workOrderNo", c.content, c.complainant_name as "complainantName",
       c.complainant_phone as "complainantPhone", c.case_no as "caseNo", c.subject_staff_id as "subjectStaffId",
       c.subject_text as "subjectText", c.assignee_staff_id as "assigneeStaffId",
       c.status, c.received_on::text as "receivedOn", c.decide_due_on::text as "decideDueOn", c.accepted_on::text as "acceptedOn",
       c.answer_due_on::text as "answerDueOn", c.refusal_reason as "refusalReason", c.finding, c.verdict, c.disposal, c.answer,
       c.answered_on::text as "answeredOn", c.rating, c.warning, c.version
  from complaints c`;

export interface NewComplaint {
  id: string;
  filedBy: string;
  orgId: string;
  filedOrgId: string;
  trackingCode: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  workOrderNo: string | null;
  content: string;
  complainantName: string | null;
  complainantPhone: string | null;
  caseNo: string | null;
  subjectStaffId: string | null;
  subjectText: string | null;
  receivedOn: BusinessDate;
  decideDueOn: BusinessDate;
  warning: WarningLevel;
  nextWarningAt: Date | null;
}

/**
 * Inserts the complaint. No RETURNING and no ON CONFLICT (both need to read the row): a complaint filed with
 * the county about a township's director is not readable by the township. A taken tracking code (50 bits
 * drawn at random) would fail the unique index and be answered 409 like any duplicate.
 */
export async function insertComplaint(tx: Tx, complaint: NewComplaint, now: Date): Promise<void> {
  await tx.query(
    `insert into complaints (id, filed_by, org_id, filed_org_id, tracking_code, kind, channel, work_order_no, content, complainant_name,
       complainant_phone, case_no, subject_staff_id, subject_text, received_on, decide_due_on, warning, next_warning_at, created_at, updated_at)
     values ($18, $19, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
    [
      complaint.orgId,
      complaint.filedOrgId,
      complaint.trackingCode,
      complaint.kind,
      complaint.channel,
      complaint.workOrderNo,
      complaint.content,
      complaint.complainantName,
      complaint.complainantPhone,
      complaint.caseNo,
      complaint.subjectStaffId,
      complaint.subjectText,
      complaint.receivedOn,
      complaint.decideDueOn,
      complaint.warning,
      complaint.nextWarningAt,
      now,
      complaint.id,
      complaint.filedBy,
    ],
  );
}

export async function findComplaint(tx: Tx, id: string, lock = false): Promise<ComplaintRecord | null> {
  const { rows } = await tx.query<ComplaintRecord>(`${SELECT} where c.id = $1${lock ? ' for update of c' : ''}`, [id]);
  return rows[0] ?? null;
}

/**
 * The complaints of the given orgs a viewer may see: never those about the viewer; with `assignedTo`, only
 * those assigned to that clerk. Newest first.
 */
export async function listComplaints(
  tx: Tx,
  orgIds: readonly string[],
  filter: {
    viewerId: string;
    assignedTo: string | null;
    statuses: readonly ComplaintStatus[] | null;
    kind: ComplaintKind | null;
    month: { from: string; to: string } | null;
    limit: number;
  },
): Promise<ComplaintRecord[]> {
  const { rows } = await tx.query<ComplaintRecord>(
    `${SELECT} where c.org_id = any($1) and c.subject_staff_id is distinct from $2
        and ($3::uuid is null or c.assignee_staff_id = $3) and ($4::text[] is null or c.status = any($4))
        and ($5::text is null or c.kind = $5) and ($6::date is null or (c.received_on >= $6 and c.received_on < $7::date))
      order by c.received_on desc, c.created_at desc, c.id limit $8`,
    [
      orgIds,
      filter.viewerId,
      filter.assignedTo,
      filter.statuses,
      filter.kind,
      filter.month?.from ?? null,
      filter.month?.to ?? null,
      filter.limit,
    ],
  );
  return rows;
}

export type ComplaintPatch = Partial<{
  status: ComplaintStatus;
  assigneeStaffId: string | null;
  acceptedOn: BusinessDate;
  answerDueOn: BusinessDate;
  refusalReason: string;
  finding: string;
  verdict: ComplaintVerdict;
  disposal: string;
  answer: string;
  answeredOn: BusinessDate;
  rating: ComplaintRating;
  ratedAt: Date;
  archivedAt: Date;
  warning: WarningLevel;
  nextWarningAt: Date | null;
}>;

const COLUMNS: Record<keyof ComplaintPatch, string> = {
  status: 'status',
  assigneeStaffId: 'assignee_staff_id',
  acceptedOn: 'accepted_on',
  answerDueOn: 'answer_due_on',
  refusalReason: 'refusal_reason',
  finding: 'finding',
  verdict: 'verdict',
  disposal: 'disposal',
  answer: 'answer',
  answeredOn: 'answered_on',
  rating: 'rating',
  ratedAt: 'rated_at',
  archivedAt: 'archived_at',
  warning: 'warning',
  nextWarningAt: 'next_warning_at',
};

/** A versioned update: false when another writer got there first. */
export async function updateComplaint(tx: Tx, id: string, version: number, patch: ComplaintPatch, now: Date): Promise<boolean> {
  const entries = Object.entries(patch) as [keyof ComplaintPatch, unknown][];
  const sets = entries.map(([key], index) => `${COLUMNS[key]} = $${String(index + 4)}`);
  const { rowCount } = await tx.query(
    `update complaints set ${[...sets, 'updated_at = $3', 'version = version + 1'].join(', ')} where id = $1 and version = $2`,
    [id, version, now, ...entries.map(([, value]) => value)],
  );
  return rowCount > 0;
}

export async function appendComplaintEvent(
  tx: Tx,
  event: { complaintId: string; orgId: string; act: string; actorName: string; at: Date; payload: Record<string, unknown> },
): Promise<void> {
  await tx.query(`insert into complaint_events (complaint_id, org_id, act, actor_name, at, payload) values ($1, $2, $3, $4, $5, $6)`, [
    event.complaintId,
    event.orgId,
    event.act,
    event.actorName,
    event.at,
    JSON.stringify(event.payload),
  ]);
}

export async function listComplaintEvents(
  tx: Tx,
  complaintId: string,
): Promise<{ act: string; actorName: string; at: Date; payload: Record<string, unknown> }[]> {
  const { rows } = await tx.query<{ act: string; actorName: string; at: Date; payload: Record<string, unknown> }>(
    `select act, actor_name as "actorName", at, payload from complaint_events where complaint_id = $1 order by at, id`,
    [complaintId],
  );
  return rows;
}

export async function insertAccountability(
  tx: Tx,
  record: { complaintId: string; orgId: string; staffId: string | null; verdict: 'true' | 'partly'; recordedOn: BusinessDate },
  now: Date,
): Promise<void> {
  await tx.query(
    `insert into complaint_accountability (complaint_id, org_id, staff_id, verdict, recorded_on, created_at)
     values ($1, $2, $3, $4, $5, $6) on conflict (complaint_id) do nothing`,
    [record.complaintId, record.orgId, record.staffId, record.verdict, record.recordedOn, now],
  );
}

/** The confirmed complaints counted against staff members of these orgs (for performance). */
export async function countAccountability(tx: Tx, orgIds: readonly string[]): Promise<{ staffId: string | null; count: number }[]> {
  const { rows } = await tx.query<{ staffId: string | null; count: number }>(
    `select staff_id as "staffId", count(*)::int as count from complaint_accountability where org_id = any($1) group by staff_id`,
    [orgIds],
  );
  return rows;
}

/** 答复时限 of a center in working days, or null when it has set none. */
export async function findAnswerDays(tx: Tx, orgId: string): Promise<number | null> {
  const { rows } = await tx.query<{ answerDays: number }>(`select answer_days as "answerDays" from complaint_settings where org_id = $1`, [
    orgId,
  ]);
  return rows[0]?.answerDays ?? null;
}

/** Public lookup by code (security-definer function complaint_track; migration 0028). */
export interface TrackedComplaint {
  id: string;
  orgId: string;
  kind: ComplaintKind;
  status: ComplaintStatus;
  receivedOn: BusinessDate;
  decideDueOn: BusinessDate;
  answerDueOn: BusinessDate | null;
  refusalReason: string | null;
  answer: string | null;
  answeredOn: BusinessDate | null;
  rating: ComplaintRating | null;
  isRealName: boolean;
  orgName: string;
  version: number;
}

export async function trackComplaint(tx: Tx, code: string): Promise<TrackedComplaint | null> {
  const { rows } = await tx.query<TrackedComplaint>(
    `select id, org_id as "orgId", kind, status, received_on::text as "receivedOn", decide_due_on::text as "decideDueOn",
            answer_due_on::text as "answerDueOn", refusal_reason as "refusalReason", answer, answered_on::text as "answeredOn",
            rating, is_real_name as "isRealName", org_name as "orgName", version
       from complaint_track($1)`,
    [code],
  );
  return rows[0] ?? null;
}

/** 电子监察: complaints whose next warning moment has passed, claimed so that parallel runs share the work. */
export async function claimComplaintsDueForWarning(tx: Tx, now: Date, limit: number): Promise<ComplaintRecord[]> {
  const { rows } = await tx.query<{ id: string }>(
    `select id from complaints where next_warning_at <= $1 order by next_warning_at limit $2 for update skip locked`,
    [now, limit],
  );
  if (rows.length === 0) return [];
  const { rows: records } = await tx.query<ComplaintRecord>(`${SELECT} where c.id = any($1) order by c.id`, [rows.map((row) => row.id)]);
  return records;
}

/** The center's 答复时限 row, or null (the default applies). */
export async function findSettings(tx: Tx, orgId: string): Promise<{ answerDays: number; version: number } | null> {
  const { rows } = await tx.query<{ answerDays: number; version: number }>(
    `select answer_days as "answerDays", version from complaint_settings where org_id = $1`,
    [orgId],
  );
  return rows[0] ?? null;
}

/** Saves the 答复时限 when `version` is current (0: no row yet); false when someone else saved first. */
export async function saveSettings(tx: Tx, orgId: string, answerDays: number, version: number, now: Date): Promise<boolean> {
  const { rowCount } =
    version === 0
      ? await tx.query(
          `insert into complaint_settings (org_id, answer_days, updated_at) values ($1, $2, $3) on conflict (org_id) do nothing`,
          [orgId, answerDays, now],
        )
      : await tx.query(
          `update complaint_settings set answer_days = $2, updated_at = $3, version = version + 1 where org_id = $1 and version = $4`,
          [orgId, answerDays, now, version],
        );
  return rowCount > 0;
}

/** 电子监察: complaints of some orgs still being handled (received, investigated, disposed; not yet answered). */
export async function countOpenComplaints(tx: Tx, orgIds: readonly string[]): Promise<number> {
  const row = (
    await tx.query<{ n: number }>(
      `select count(*)::int as n from complaints where org_id = any($1::uuid[]) and status in ('received', 'investigating', 'disposing')`,
      [orgIds],
    )
  ).rows[0];
  return row?.n ?? 0;
}
