import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';
import { DEFAULT_LEG_LIMITS, type AgencyStatus, type LegLimits, type Satisfaction, type Warning } from './legs.rules.ts';
import { loadAgencyNames, type AgencyNames } from './names.ts';
import { versionedUpdate } from '../../kernel/versioned-update.ts';

export interface AgencyMaterial {
  name: string;
  /** As the item listed it when the request was registered (the window checks the folder against it). */
  required: boolean;
  received: boolean;
  fileId: string | null;
}

export interface AgencyRecord {
  id: string;
  orgId: string;
  villageName: string;
  townshipId: string;
  requestNo: string;
  agentId: string;
  agentName: string;
  agentPhone: string;
  itemCode: string;
  itemName: string;
  applicantType: 'person' | 'org';
  applicantName: string;
  applicantIdNumber: string;
  applicantPhone: string;
  applicantAddress: string;
  /** 办理情形 ticked at registration (the guide's names). */
  situations: string[];
  materials: AgencyMaterial[];
  status: AgencyStatus;
  registeredAt: Date;
  registeredOn: BusinessDate;
  forwardDueOn: BusinessDate;
  forwardedAt: Date | null;
  forwardedOn: BusinessDate | null;
  receiveDueOn: BusinessDate | null;
  receivedAt: Date | null;
  caseId: string | null;
  caseNo: string | null;
  caseStatus: string | null;
  caseDueOn: BusinessDate | null;
  supplementNotice: { at: string; materials: { name: string; reason: string }[]; note: string } | null;
  concludedAt: Date | null;
  concludedOn: BusinessDate | null;
  returnDueOn: BusinessDate | null;
  returnedAt: Date | null;
  returnedOn: BusinessDate | null;
  notifyDueOn: BusinessDate | null;
  notifiedAt: Date | null;
  notifiedOn: BusinessDate | null;
  signedAt: Date | null;
  signatureFileId: string | null;
  satisfaction: Satisfaction | null;
  feeFen: number | null;
  feeReceiptNo: string | null;
  feeCollectedAt: Date | null;
  /** 电子监察's grade of the running leg as last raised, and when it next changes (the job's index). */
  warning: Warning;
  nextWarningAt: Date | null;
  version: number;
}

const COLUMNS = `r.id, r.org_id, r.township_id, r.request_no, r.agent_id,
  r.item_code, r.item_name, r.applicant_type, r.applicant_name, r.applicant_id_number, r.applicant_phone, r.applicant_address,
  r.situations, r.materials, r.status, r.registered_at, r.registered_on::text, r.forward_due_on::text, r.forwarded_at, r.forwarded_on::text,
  r.receive_due_on::text, r.received_at, r.case_id, r.case_no, r.case_status, r.case_due_on::text, r.supplement_notice, r.concluded_at, r.concluded_on::text,
  r.return_due_on::text, r.returned_at, r.returned_on::text, r.notify_due_on::text, r.notified_at, r.notified_on::text,
  r.signed_at, r.signature_file_id, r.satisfaction, r.fee_fen, r.fee_receipt_no, r.fee_collected_at, r.warning, r.next_warning_at, r.version`;
const FROM = 'from agency_requests r';

async function toRecords(tx: Tx, rows: readonly Row[]): Promise<AgencyRecord[]> {
  const names = await loadAgencyNames(
    tx,
    rows.map((row) => ({ orgId: row.org_id as string, agentId: row.agent_id as string })),
  );
  return rows.map((row) => toRecord(row, names));
}

type Row = Record<string, unknown>;
const dateOrNull = (value: unknown) => (value === null ? null : new Date(value as string));

function toRecord(row: Row, names: AgencyNames): AgencyRecord {
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    villageName: names.villageName(row.org_id as string),
    townshipId: row.township_id as string,
    requestNo: row.request_no as string,
    agentId: row.agent_id as string,
    agentName: names.agent(row.agent_id as string).name,
    agentPhone: names.agent(row.agent_id as string).phone,
    itemCode: row.item_code as string,
    itemName: row.item_name as string,
    applicantType: row.applicant_type as 'person' | 'org',
    applicantName: row.applicant_name as string,
    applicantIdNumber: row.applicant_id_number as string,
    applicantPhone: row.applicant_phone as string,
    applicantAddress: row.applicant_address as string,
    situations: (row.situations as string[] | null) ?? [],
    materials: row.materials as AgencyMaterial[],
    status: row.status as AgencyStatus,
    registeredAt: new Date(row.registered_at as string),
    registeredOn: row.registered_on as BusinessDate,
    forwardDueOn: row.forward_due_on as BusinessDate,
    forwardedAt: dateOrNull(row.forwarded_at),
    forwardedOn: row.forwarded_on as BusinessDate | null,
    receiveDueOn: row.receive_due_on as BusinessDate | null,
    receivedAt: dateOrNull(row.received_at),
    caseId: row.case_id as string | null,
    caseNo: row.case_no as string | null,
    caseStatus: row.case_status as string | null,
    caseDueOn: row.case_due_on as BusinessDate | null,
    supplementNotice: row.supplement_notice as AgencyRecord['supplementNotice'],
    concludedAt: dateOrNull(row.concluded_at),
    concludedOn: row.concluded_on as BusinessDate | null,
    returnDueOn: row.return_due_on as BusinessDate | null,
    returnedAt: dateOrNull(row.returned_at),
    returnedOn: row.returned_on as BusinessDate | null,
    notifyDueOn: row.notify_due_on as BusinessDate | null,
    notifiedAt: dateOrNull(row.notified_at),
    notifiedOn: row.notified_on as BusinessDate | null,
    signedAt: dateOrNull(row.signed_at),
    signatureFileId: row.signature_file_id as string | null,
    satisfaction: row.satisfaction as Satisfaction | null,
    feeFen: row.fee_fen as number | null,
    feeReceiptNo: row.fee_receipt_no as string | null,
    feeCollectedAt: dateOrNull(row.fee_collected_at),
    warning: row.warning as Warning,
    nextWarningAt: dateOrNull(row.next_warning_at),
    version: row.version as number,
  };
}

/** Requests chosen by `rest` (a where clause and what follows it, over alias r), for the other repos of agency. */
export async function selectRequests(tx: Tx, rest: string, params: readonly unknown[]): Promise<AgencyRecord[]> {
  return toRecords(tx, (await tx.query<Row>(`select ${COLUMNS} ${FROM} ${rest}`, [...params])).rows);
}

export async function findRequest(tx: Tx, id: string, forUpdate = false): Promise<AgencyRecord | null> {
  const row = (await tx.query<Row>(`select ${COLUMNS} ${FROM} where r.id = $1${forUpdate ? ' for update of r' : ''}`, [id])).rows[0];
  return row ? ((await toRecords(tx, [row]))[0] ?? null) : null;
}

export async function findRequestByCase(tx: Tx, caseId: string): Promise<AgencyRecord | null> {
  const row = (await tx.query<Row>(`select ${COLUMNS} ${FROM} where r.case_id = $1 for update of r`, [caseId])).rows[0];
  return row ? ((await toRecords(tx, [row]))[0] ?? null) : null;
}

export async function findRequestIdByNo(tx: Tx, requestNo: string): Promise<string | null> {
  return (await tx.query<{ id: string }>('select id from agency_requests where request_no = $1', [requestNo])).rows[0]?.id ?? null;
}

/** Open requests first by the leg due soonest (the next_due_on index), then the rest newest first. */
export async function listRequests(
  tx: Tx,
  filter: { orgIds: readonly string[]; agentId?: string; status?: AgencyStatus; open?: boolean; requestNo?: string; limit: number },
): Promise<AgencyRecord[]> {
  const where = ['r.org_id = any($1::uuid[])'];
  const params: unknown[] = [filter.orgIds];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${String(params.length)}`));
  };
  if (filter.agentId !== undefined) add('r.agent_id = ?', filter.agentId);
  if (filter.status !== undefined) add('r.status = ?', filter.status);
  if (filter.open === true) where.push("r.status <> 'signed'");
  if (filter.open === false) where.push("r.status = 'signed'");
  if (filter.requestNo !== undefined) add('r.request_no = ?', filter.requestNo);
  params.push(filter.limit);
  const rows = await tx.query<Row>(
    `select ${COLUMNS} ${FROM} where ${where.join(' and ')}
      order by r.next_due_on asc nulls last, r.registered_at desc limit $${String(params.length)}`,
    params,
  );
  return toRecords(tx, rows.rows);
}

export interface NewRequest {
  orgId: string;
  townshipId: string;
  requestNo: string;
  agentId: string;
  itemCode: string;
  itemName: string;
  applicant: { type: 'person' | 'org'; name: string; idNumber: string; phone: string; address: string };
  situations: string[];
  materials: AgencyMaterial[];
  registeredAt: Date;
  registeredOn: BusinessDate;
  forwardDueOn: BusinessDate;
  warning: Warning;
  nextWarningAt: Date | null;
}

export async function insertRequest(tx: Tx, request: NewRequest, now: Date): Promise<string | null> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into agency_requests (org_id, township_id, request_no, agent_id, item_code, item_name, applicant_type, applicant_name,
         applicant_id_number, applicant_phone, applicant_address, materials, consent_at, status, registered_at, registered_on,
         forward_due_on, next_due_on, warning, next_warning_at, created_at, updated_at, situations)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'registered', $13, $14, $15, $15, $17, $18, $16, $16, $19)
       on conflict (request_no) do nothing
       returning id`,
      [
        request.orgId,
        request.townshipId,
        request.requestNo,
        request.agentId,
        request.itemCode,
        request.itemName,
        request.applicant.type,
        request.applicant.name,
        request.applicant.idNumber,
        request.applicant.phone,
        request.applicant.address,
        JSON.stringify(request.materials),
        request.registeredAt,
        request.registeredOn,
        request.forwardDueOn,
        now,
        request.warning,
        request.nextWarningAt,
        request.situations,
      ],
    )
  ).rows[0];
  return row?.id ?? null;
}

/** Columns an act may set; undefined leaves a column as it is. */
export interface RequestPatch {
  status?: AgencyStatus;
  agentId?: string;
  forwardedAt?: Date;
  forwardedOn?: BusinessDate;
  receiveDueOn?: BusinessDate;
  receivedAt?: Date;
  caseId?: string;
  caseNo?: string;
  caseStatus?: string;
  caseDueOn?: BusinessDate | null;
  supplementNotice?: AgencyRecord['supplementNotice'];
  materials?: AgencyMaterial[];
  concludedAt?: Date;
  concludedOn?: BusinessDate;
  returnDueOn?: BusinessDate;
  returnedAt?: Date;
  returnedOn?: BusinessDate;
  notifyDueOn?: BusinessDate;
  notifiedAt?: Date;
  notifiedOn?: BusinessDate;
  notifyMethod?: string;
  signedAt?: Date;
  signatureFileId?: string;
  satisfaction?: Satisfaction;
  feeFen?: number;
  feeReceiptNo?: string;
  feeCollectedAt?: Date;
  nextDueOn?: BusinessDate | null;
  warning?: Warning;
  nextWarningAt?: Date | null;
}

const PATCH_COLUMNS: Record<keyof RequestPatch, string> = {
  status: 'status',
  agentId: 'agent_id',
  forwardedAt: 'forwarded_at',
  forwardedOn: 'forwarded_on',
  receiveDueOn: 'receive_due_on',
  receivedAt: 'received_at',
  caseId: 'case_id',
  caseNo: 'case_no',
  caseStatus: 'case_status',
  caseDueOn: 'case_due_on',
  supplementNotice: 'supplement_notice',
  materials: 'materials',
  concludedAt: 'concluded_at',
  concludedOn: 'concluded_on',
  returnDueOn: 'return_due_on',
  returnedAt: 'returned_at',
  returnedOn: 'returned_on',
  notifyDueOn: 'notify_due_on',
  notifiedAt: 'notified_at',
  notifiedOn: 'notified_on',
  notifyMethod: 'notify_method',
  signedAt: 'signed_at',
  signatureFileId: 'signature_file_id',
  satisfaction: 'satisfaction',
  feeFen: 'fee_fen',
  feeReceiptNo: 'fee_receipt_no',
  feeCollectedAt: 'fee_collected_at',
  nextDueOn: 'next_due_on',
  warning: 'warning',
  nextWarningAt: 'next_warning_at',
};
const JSON_COLUMNS = new Set<keyof RequestPatch>(['supplementNotice', 'materials']);

/** Applies the patch if the version still matches; false when someone else changed it first. */
export async function updateRequest(tx: Tx, id: string, version: number, patch: RequestPatch, now: Date): Promise<boolean> {
  const { text, params } = versionedUpdate('agency_requests', PATCH_COLUMNS, patch, { id, version, now }, JSON_COLUMNS);
  return (await tx.query(text, params)).rowCount === 1;
}

export interface AgencyEvent {
  kind: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  data: Record<string, unknown>;
}

export async function appendEvent(tx: Tx, requestId: string, orgId: string, event: AgencyEvent): Promise<void> {
  await tx.query(
    'insert into agency_events (request_id, org_id, kind, at, actor_id, actor_name, data) values ($1, $2, $3, $4, $5, $6, $7)',
    [requestId, orgId, event.kind, event.at, event.actorId, event.actorName, JSON.stringify(event.data)],
  );
}

export async function listEvents(tx: Tx, requestId: string): Promise<AgencyEvent[]> {
  const rows = await tx.query<{ kind: string; at: string; actor_id: string | null; actor_name: string; data: Record<string, unknown> }>(
    'select kind, at, actor_id, actor_name, data from agency_events where request_id = $1 order by id',
    [requestId],
  );
  return rows.rows.map((row) => ({
    kind: row.kind,
    at: new Date(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    data: row.data,
  }));
}

/** The county's leg limits (the seeds' 2/3/2 until it sets its own). */
export async function findLegLimits(tx: Tx, countyId: string): Promise<LegLimits & { version: number }> {
  const row = (
    await tx.query<{ forward_days: number; receive_days: number; return_days: number; notify_days: number; version: number }>(
      'select forward_days, receive_days, return_days, notify_days, version from agency_leg_limits where org_id = $1',
      [countyId],
    )
  ).rows[0];
  return row
    ? {
        forwardDays: row.forward_days,
        receiveDays: row.receive_days,
        returnDays: row.return_days,
        notifyDays: row.notify_days,
        version: row.version,
      }
    : { ...DEFAULT_LEG_LIMITS, version: 0 };
}

export async function saveLegLimits(tx: Tx, countyId: string, limits: LegLimits, expectedVersion: number, now: Date): Promise<boolean> {
  const result =
    expectedVersion === 0
      ? await tx.query(
          `insert into agency_leg_limits (org_id, forward_days, return_days, notify_days, receive_days, version, updated_at)
           values ($1, $2, $3, $4, $6, 1, $5)
           on conflict (org_id) do nothing`,
          [countyId, limits.forwardDays, limits.returnDays, limits.notifyDays, now, limits.receiveDays],
        )
      : await tx.query(
          `update agency_leg_limits set forward_days = $2, return_days = $3, notify_days = $4, receive_days = $7,
                  version = version + 1, updated_at = $5
            where org_id = $1 and version = $6`,
          [countyId, limits.forwardDays, limits.returnDays, limits.notifyDays, now, expectedVersion, limits.receiveDays],
        );
  return result.rowCount === 1;
}

/** A new device's prefix, unless another device has it; false when taken. */
export async function insertDevice(tx: Tx, device: { prefix: string; agentId: string; orgId: string }, now: Date): Promise<boolean> {
  const inserted = await tx.query(
    'insert into agency_devices (prefix, agent_id, org_id, created_at) values ($1, $2, $3, $4) on conflict (prefix) do nothing',
    [device.prefix, device.agentId, device.orgId, now],
  );
  return inserted.rowCount === 1;
}

export async function findDeviceAgent(tx: Tx, prefix: string): Promise<string | null> {
  return (
    (await tx.query<{ agent_id: string }>('select agent_id from agency_devices where prefix = $1', [prefix])).rows[0]?.agent_id ?? null
  );
}
