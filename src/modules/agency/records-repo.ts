import type { Tx } from '../../db/db.ts';
import type { BusinessDate } from '../../shared/business-date.ts';

/** 不能代办登记 and 咨询登记 as stored, and the month's figures per agent: the agency's registers. */
export interface DeclineRecord {
  id: string;
  orgId: string;
  agentId: string;
  itemCode: string;
  itemName: string;
  applicantName: string;
  reason: string;
  at: Date;
}

export interface ConsultationRecord {
  id: string;
  orgId: string;
  agentId: string;
  channel: 'onsite' | 'phone';
  askerName: string;
  itemCode: string;
  question: string;
  answer: string;
  at: Date;
}

export interface FeeRecord {
  orgId: string;
  agentId: string;
  requestNo: string;
  itemName: string;
  caseNo: string | null;
  feeFen: number;
  receiptNo: string;
  collectedAt: Date;
}

export interface AgentMonthFigures {
  agentId: string;
  requests: number;
  signed: number;
  declined: number;
  consultations: number;
  legsDone: number;
  legsOnTime: number;
  legsOpenLate: number;
  lateRecords: number;
  ratings: number;
  satisfied: number;
  feesFen: number;
}

/** Which registers to read: the caller's orgs in [from, to), and one agent's rows only for an agent. */
export interface RegisterFilter {
  orgIds: readonly string[];
  from: Date;
  to: Date;
  agentId?: string | undefined;
}

export async function insertDecline(tx: Tx, decline: Omit<DeclineRecord, 'id'> & { phone: string }): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into agency_declines (org_id, agent_id, item_code, item_name, applicant_name, phone, reason, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        decline.orgId,
        decline.agentId,
        decline.itemCode,
        decline.itemName,
        decline.applicantName,
        decline.phone,
        decline.reason,
        decline.at,
      ],
    )
  ).rows[0];
  if (!row) throw new Error('insert into agency_declines returned nothing');
  return row.id;
}

export async function listDeclineRecords(tx: Tx, filter: RegisterFilter): Promise<DeclineRecord[]> {
  const result = await tx.query<DeclineRecord>(
    `select id, org_id as "orgId", agent_id as "agentId", item_code as "itemCode", item_name as "itemName",
            applicant_name as "applicantName", reason, at
       from agency_declines
      where org_id = any($1::uuid[]) and at >= $2 and at < $3 and ($4::uuid is null or agent_id = $4)
      order by at desc`,
    [filter.orgIds, filter.from, filter.to, filter.agentId ?? null],
  );
  return result.rows.map((row) => ({ ...row, at: new Date(row.at) }));
}

export async function insertConsultation(tx: Tx, consultation: Omit<ConsultationRecord, 'id'> & { phone: string }): Promise<string> {
  const row = (
    await tx.query<{ id: string }>(
      `insert into agency_consultations (org_id, agent_id, channel, asker_name, phone, item_code, question, answer, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        consultation.orgId,
        consultation.agentId,
        consultation.channel,
        consultation.askerName,
        consultation.phone,
        consultation.itemCode,
        consultation.question,
        consultation.answer,
        consultation.at,
      ],
    )
  ).rows[0];
  if (!row) throw new Error('insert into agency_consultations returned nothing');
  return row.id;
}

export async function listConsultationRecords(tx: Tx, filter: RegisterFilter): Promise<ConsultationRecord[]> {
  const result = await tx.query<ConsultationRecord>(
    `select id, org_id as "orgId", agent_id as "agentId", channel, asker_name as "askerName", item_code as "itemCode",
            question, answer, at
       from agency_consultations
      where org_id = any($1::uuid[]) and at >= $2 and at < $3 and ($4::uuid is null or agent_id = $4)
      order by at desc`,
    [filter.orgIds, filter.from, filter.to, filter.agentId ?? null],
  );
  return result.rows.map((row) => ({ ...row, at: new Date(row.at) }));
}

/** 代收费用台账: every fee taken in the orgs and period, oldest first. */
export async function listFeeRecords(tx: Tx, filter: RegisterFilter): Promise<FeeRecord[]> {
  const result = await tx.query<FeeRecord>(
    `select org_id as "orgId", agent_id as "agentId", request_no as "requestNo", item_name as "itemName", case_no as "caseNo",
            fee_fen as "feeFen", fee_receipt_no as "receiptNo", fee_collected_at as "collectedAt"
       from agency_requests
      where org_id = any($1::uuid[]) and fee_collected_at >= $2 and fee_collected_at < $3
      order by fee_collected_at`,
    [filter.orgIds, filter.from, filter.to],
  );
  return result.rows.map((row) => ({ ...row, collectedAt: new Date(row.collectedAt) }));
}

/**
 * 代办员月度绩效 figures of these agents in the orgs and period: what they registered, finished and
 * declined, their legs done and how many on time, the legs still open past their due date at `asOf`
 * (the period's end, or now while it runs; `asOfDate` its business date), the 责任追究 records made
 * against them, the applicants' satisfaction and the fees taken.
 */
export async function countAgentMonth(
  tx: Tx,
  filter: RegisterFilter & { asOf: Date; asOfDate: BusinessDate },
  agentIds: readonly string[],
): Promise<AgentMonthFigures[]> {
  const result = await tx.query<AgentMonthFigures>(
    `with agents as (select id from unnest($4::uuid[]) as agent(id)),
     req as (select * from agency_requests r where r.org_id = any($1::uuid[])),
     legs as (
       select agent_id, forwarded_on as done_on, forward_due_on as due_on from req where forwarded_at >= $2 and forwarded_at < $3
       union all select agent_id, returned_on, return_due_on from req where returned_at >= $2 and returned_at < $3
       union all select agent_id, notified_on, notify_due_on from req where notified_at >= $2 and notified_at < $3
     ),
     -- The same legs, started before asOf, past due on asOfDate and not done by asOf (a leg is late the day after its due date).
     open_late as (
       select agent_id from req
        where registered_at < $5 and forward_due_on < $6 and (forwarded_at is null or forwarded_at >= $5)
       union all select agent_id from req
        where concluded_at < $5 and return_due_on < $6 and (returned_at is null or returned_at >= $5)
       union all select agent_id from req
        where returned_at < $5 and notify_due_on < $6 and (notified_at is null or notified_at >= $5)
     )
     select a.id as "agentId",
            (select count(*)::int from req where agent_id = a.id and registered_at >= $2 and registered_at < $3) as requests,
            (select count(*)::int from req where agent_id = a.id and signed_at >= $2 and signed_at < $3) as signed,
            (select count(*)::int from agency_declines d where d.agent_id = a.id and d.at >= $2 and d.at < $3) as declined,
            (select count(*)::int from agency_consultations c where c.agent_id = a.id and c.at >= $2 and c.at < $3) as consultations,
            (select count(*)::int from legs where agent_id = a.id) as "legsDone",
            (select count(*)::int from legs where agent_id = a.id and done_on <= due_on) as "legsOnTime",
            (select count(*)::int from open_late where agent_id = a.id) as "legsOpenLate",
            (select count(*)::int from agency_accountability x
              where x.staff_id = a.id and x.org_id = any($1::uuid[]) and x.created_at >= $2 and x.created_at < $3) as "lateRecords",
            (select count(*)::int from req where agent_id = a.id and signed_at >= $2 and signed_at < $3) as ratings,
            (select count(*)::int from req where agent_id = a.id and signed_at >= $2 and signed_at < $3
               and satisfaction in ('very_satisfied', 'satisfied', 'basic')) as satisfied,
            (select coalesce(sum(fee_fen), 0)::int from req
              where agent_id = a.id and fee_collected_at >= $2 and fee_collected_at < $3) as "feesFen"
       from agents a`,
    [filter.orgIds, filter.from, filter.to, agentIds, filter.asOf, filter.asOfDate],
  );
  return result.rows;
}
