import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { instantAt, type BusinessDate } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { deviceInstant } from './device-time.ts';
import { agencyErrors } from './errors.ts';
import type { LegLimits } from './legs.ts';
import { listOrgs } from '../org/index.ts';
import { findStaffFacts, listAgentsOfVillage, listAgentVillageIds, listStaffInRole, replaceAgentVillages } from '../staff/index.ts';
import * as repo from './repo.ts';
import type { z } from 'zod';
import type { AgentMonthView, ConsultationView, CreateConsultationBody, CreateDeclineBody, DeclineView, FeeLedgerView } from './schemas.ts';
import { countyIdOf, agentVillagesOf } from './service.ts';

type CreateDecline = z.infer<typeof CreateDeclineBody>;
type CreateConsultation = z.infer<typeof CreateConsultationBody>;

/** The instants a Shanghai calendar month runs between: [first day 00:00, first day of next month 00:00). */
export function monthRange(month: string): { from: Date; to: Date } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const next = monthNumber === 12 ? `${String(year + 1)}-01-01` : `${String(year)}-${String(monthNumber + 1).padStart(2, '0')}-01`;
  return { from: instantAt(`${month}-01` as BusinessDate, '00:00'), to: instantAt(next as BusinessDate, '00:00') };
}

async function villageOfAgent(tx: Tx, actor: Principal, villageId: string) {
  const village = (await agentVillagesOf(tx, actor)).find((candidate) => candidate.id === villageId);
  if (!village) throw new DomainError(agencyErrors.AGENCY_VILLAGE_NOT_COVERED, '只能为您负责的村登记。');
  return village;
}

const deviceTime = (at: string | undefined, now: Date) => deviceInstant(at, now, null, '登记时间晚于当前时间，请检查设备时间。');

/** 不能代办登记: the request is not taken, and why. */
export async function createDecline(tx: Tx, actor: Principal, body: CreateDecline, now: Date): Promise<Change<DeclineView>> {
  const village = await villageOfAgent(tx, actor, body.villageId);
  const at = deviceTime(body.at, now);
  const id = (
    await tx.query<{ id: string }>(
      `insert into agency_declines (org_id, agent_id, item_code, item_name, applicant_name, phone, reason, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [village.id, actor.staffId, body.itemCode, body.itemName, body.applicantName, body.phone, body.reason, at],
    )
  ).rows[0]?.id as string;
  return {
    status: 201,
    body: {
      id,
      village: village.name,
      agentName: actor.name,
      itemCode: body.itemCode,
      itemName: body.itemName,
      applicantName: body.applicantName,
      reason: body.reason,
      at: at.toISOString(),
    },
    audit: {
      action: 'agency.decline',
      targetType: 'agency_decline',
      targetId: id,
      orgId: village.id,
      summary: { itemName: body.itemName },
    },
  };
}

export async function listDeclines(tx: Tx, actor: Principal, month: string): Promise<DeclineView[]> {
  const { from, to } = monthRange(month);
  const found = await tx.query<{
    id: string;
    org_id: string;
    agent_id: string;
    item_code: string;
    item_name: string;
    applicant_name: string;
    reason: string;
    at: Date;
  }>(
    `select d.id, d.org_id, d.agent_id, d.item_code, d.item_name, d.applicant_name, d.reason, d.at
       from agency_declines d
      where d.org_id = any($1::uuid[]) and d.at >= $2 and d.at < $3 ${actor.role === 'agent' ? 'and d.agent_id = $4' : ''}
      order by d.at desc`,
    actor.role === 'agent' ? [actor.scopeOrgIds, from, to, actor.staffId] : [actor.scopeOrgIds, from, to],
  );
  const rows = await repo.withNames(tx, found.rows);
  return rows.map((row) => ({
    id: row.id,
    village: row.village,
    agentName: row.agent_name,
    itemCode: row.item_code,
    itemName: row.item_name,
    applicantName: row.applicant_name,
    reason: row.reason,
    at: new Date(row.at).toISOString(),
  }));
}

/** 咨询登记: a question answered on the spot or by phone. */
export async function createConsultation(tx: Tx, actor: Principal, body: CreateConsultation, now: Date): Promise<Change<ConsultationView>> {
  const village = await villageOfAgent(tx, actor, body.villageId);
  const at = deviceTime(body.at, now);
  const id = (
    await tx.query<{ id: string }>(
      `insert into agency_consultations (org_id, agent_id, channel, asker_name, phone, item_code, question, answer, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [village.id, actor.staffId, body.channel, body.askerName, body.phone, body.itemCode, body.question, body.answer, at],
    )
  ).rows[0]?.id as string;
  return {
    status: 201,
    body: {
      id,
      village: village.name,
      agentName: actor.name,
      channel: body.channel,
      askerName: body.askerName,
      itemCode: body.itemCode,
      question: body.question,
      answer: body.answer,
      at: at.toISOString(),
    },
    audit: {
      action: 'agency.consultation',
      targetType: 'agency_consultation',
      targetId: id,
      orgId: village.id,
      summary: { channel: body.channel },
    },
  };
}

export async function listConsultations(tx: Tx, actor: Principal, month: string): Promise<ConsultationView[]> {
  const { from, to } = monthRange(month);
  const found = await tx.query<{
    id: string;
    org_id: string;
    agent_id: string;
    channel: 'onsite' | 'phone';
    asker_name: string;
    item_code: string;
    question: string;
    answer: string;
    at: Date;
  }>(
    `select c.id, c.org_id, c.agent_id, c.channel, c.asker_name, c.item_code, c.question, c.answer, c.at
       from agency_consultations c
      where c.org_id = any($1::uuid[]) and c.at >= $2 and c.at < $3 ${actor.role === 'agent' ? 'and c.agent_id = $4' : ''}
      order by c.at desc`,
    actor.role === 'agent' ? [actor.scopeOrgIds, from, to, actor.staffId] : [actor.scopeOrgIds, from, to],
  );
  const rows = await repo.withNames(tx, found.rows);
  return rows.map((row) => ({
    id: row.id,
    village: row.village,
    agentName: row.agent_name,
    channel: row.channel,
    askerName: row.asker_name,
    itemCode: row.item_code,
    question: row.question,
    answer: row.answer,
    at: new Date(row.at).toISOString(),
  }));
}

interface MonthRow {
  agent_id: string;
  requests: number;
  signed: number;
  declined: number;
  consultations: number;
  legs_done: number;
  legs_on_time: number;
  ratings: number;
  satisfied: number;
  fees_fen: number;
}

/**
 * 代办员月度绩效: per agent of the caller's scope, what they registered, finished and declined in the
 * month, their legs done in the month and how many on time, the applicants' satisfaction and the fees
 * they took. Only the caller's villages are read (a township's agents, not the county's).
 */
export async function agentMonth(tx: Tx, actor: Principal, month: string): Promise<AgentMonthView[]> {
  const { from, to } = monthRange(month);
  const agents = await listStaffInRole(tx, actor.scopeOrgIds, 'agent');
  const rows = await tx.query<MonthRow>(
    `with agents as (select id from unnest($4::uuid[]) as agent(id)),
     req as (select * from agency_requests r where r.org_id = any($1::uuid[])),
     legs as (
       select agent_id, forwarded_on as done_on, forward_due_on as due_on, forwarded_at as at from req where forwarded_at >= $2 and forwarded_at < $3
       union all select agent_id, returned_on, return_due_on, returned_at from req where returned_at >= $2 and returned_at < $3
       union all select agent_id, notified_on, notify_due_on, notified_at from req where notified_at >= $2 and notified_at < $3
     )
     select a.id as agent_id,
            (select count(*)::int from req where agent_id = a.id and registered_at >= $2 and registered_at < $3) as requests,
            (select count(*)::int from req where agent_id = a.id and signed_at >= $2 and signed_at < $3) as signed,
            (select count(*)::int from agency_declines d where d.agent_id = a.id and d.at >= $2 and d.at < $3) as declined,
            (select count(*)::int from agency_consultations c where c.agent_id = a.id and c.at >= $2 and c.at < $3) as consultations,
            (select count(*)::int from legs where agent_id = a.id) as legs_done,
            (select count(*)::int from legs where agent_id = a.id and done_on <= due_on) as legs_on_time,
            (select count(*)::int from req where agent_id = a.id and signed_at >= $2 and signed_at < $3) as ratings,
            (select count(*)::int from req where agent_id = a.id and signed_at >= $2 and signed_at < $3
               and satisfaction in ('very_satisfied', 'satisfied', 'basic')) as satisfied,
            (select coalesce(sum(fee_fen), 0)::int from req where agent_id = a.id and fee_collected_at >= $2 and fee_collected_at < $3) as fees_fen
       from agents a`,
    [actor.scopeOrgIds, from, to, agents.map((agent) => agent.id)],
  );
  const byId = new Map(rows.rows.map((row) => [row.agent_id, row]));
  const villagesOf = new Map<string, string>();
  for (const agent of agents) {
    const villages = await listOrgs(tx, [agent.orgId, ...(await listAgentVillageIds(tx, agent.id))]);
    villagesOf.set(agent.id, villages.map((village) => village.name).join('、'));
  }
  const ordered = [...agents].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return ordered.flatMap((agent) => {
    const row = byId.get(agent.id);
    return row ? [{ ...monthFigures(row), agentId: agent.id, agentName: agent.name, villages: villagesOf.get(agent.id) ?? '' }] : [];
  });
}

function monthFigures(row: MonthRow): Omit<AgentMonthView, 'agentId' | 'agentName' | 'villages'> {
  return {
    requests: row.requests,
    signed: row.signed,
    declined: row.declined,
    consultations: row.consultations,
    legsDone: row.legs_done,
    legsOnTime: row.legs_on_time,
    onTimeRate: row.legs_done === 0 ? null : row.legs_on_time / row.legs_done,
    ratings: row.ratings,
    satisfiedRate: row.ratings === 0 ? null : row.satisfied / row.ratings,
    feesFen: row.fees_fen,
  };
}

export async function agentsOfVillage(tx: Tx, villageId: string): Promise<{ id: string; name: string; phone: string }[]> {
  const agents = await listAgentsOfVillage(tx, villageId);
  return agents
    .map((agent) => ({ id: agent.id, name: agent.name, phone: agent.phone }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function readLegLimits(tx: Tx, actor: Principal): Promise<LegLimits & { version: number }> {
  return repo.findLegLimits(tx, await countyIdOf(tx, actor.orgId));
}

/** 代办时限: the county sets its legs (some counties give 3 working days to 报送). */
export async function saveLegLimits(
  tx: Tx,
  actor: Principal,
  body: LegLimits & { version?: number | undefined },
  now: Date,
): Promise<Change<LegLimits & { version: number }>> {
  const countyId = await countyIdOf(tx, actor.orgId);
  const current = await repo.findLegLimits(tx, countyId);
  const expected = body.version ?? 0;
  const limits = { forwardDays: body.forwardDays, returnDays: body.returnDays, notifyDays: body.notifyDays };
  if (expected !== current.version || !(await repo.saveLegLimits(tx, countyId, limits, expected, now))) {
    throw new DomainError(commonErrors.VERSION_CONFLICT, '代办时限已被他人修改，请刷新后重试。', { currentVersion: current.version });
  }
  return {
    body: { ...limits, version: expected + 1 },
    audit: { action: 'agency.leg-limits', targetType: 'org', targetId: countyId, orgId: countyId, summary: { ...limits } },
  };
}

/** 代收费用台账 of a month: every fee taken by the caller's agents, with its receipt, and the total. */
export async function feeLedger(tx: Tx, actor: Principal, month: string): Promise<FeeLedgerView> {
  const { from, to } = monthRange(month);
  const found = await tx.query<{
    org_id: string;
    agent_id: string;
    request_no: string;
    item_name: string;
    case_no: string | null;
    fee_fen: number;
    fee_receipt_no: string;
    fee_collected_at: Date;
  }>(
    `select r.org_id, r.agent_id, r.request_no, r.item_name, r.case_no, r.fee_fen, r.fee_receipt_no, r.fee_collected_at
       from agency_requests r
      where r.org_id = any($1::uuid[]) and r.fee_collected_at >= $2 and r.fee_collected_at < $3
      order by r.fee_collected_at`,
    [actor.scopeOrgIds, from, to],
  );
  const fees = (await repo.withNames(tx, found.rows)).map((row) => ({
    requestNo: row.request_no,
    village: row.village,
    agentName: row.agent_name,
    itemName: row.item_name,
    caseNo: row.case_no,
    amountFen: row.fee_fen,
    receiptNo: row.fee_receipt_no,
    collectedAt: new Date(row.fee_collected_at).toISOString(),
  }));
  return { month, totalFen: fees.reduce((sum, fee) => sum + fee.amountFen, 0), fees };
}

/** 代办员负责的村: a director assigns the villages an agent covers beside their own (replaces the list). */
export async function setAgentVillages(
  tx: Tx,
  actor: Principal,
  agentId: string,
  villageIds: readonly string[],
): Promise<Change<{ agentId: string; villageIds: string[] }>> {
  const agent = await findStaffFacts(tx, agentId);
  if (agent?.role !== 'agent' || !actor.scopeOrgIds.includes(agent.orgId))
    throw new DomainError(agencyErrors.AGENCY_AGENT_NOT_FOUND, '未找到该代办员。');
  const wanted = [...new Set(villageIds)].filter((id) => id !== agent.orgId);
  const villages = (await listOrgs(tx, wanted)).filter((org) => org.kind === 'village').map((org) => org.id);
  const outside = wanted.filter((id) => !villages.includes(id) || !actor.scopeOrgIds.includes(id));
  if (outside.length > 0) throw new DomainError(agencyErrors.AGENCY_VILLAGE_NOT_COVERED, '只能指派本中心所辖的村。');
  await replaceAgentVillages(tx, agentId, wanted);
  return {
    body: { agentId, villageIds: wanted },
    audit: { action: 'agency.coverage', targetType: 'staff', targetId: agentId, orgId: agent.orgId, summary: { villageIds: wanted } },
  };
}
