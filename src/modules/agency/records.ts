import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { businessDateOf, instantAt, type BusinessDate } from '../../shared/business-date.ts';
import { commonErrors, DomainError } from '../../shared/errors.ts';
import { deviceInstant } from './device-time.ts';
import { agencyErrors } from './errors.ts';
import type { LegLimits } from './legs.rules.ts';
import { listOrgs } from '../org/index.ts';
import { findStaffFacts, listAgentsOfVillage, listAgentVillageIdsOf, listStaffInRole, replaceAgentVillages } from '../staff/index.ts';
import { loadAgencyNames } from './names.ts';
import * as registers from './records-repo.ts';
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

/** The caller's orgs in the month; an agent reads only their own rows. */
function registerFilter(actor: Principal, month: string): registers.RegisterFilter {
  return { orgIds: actor.scopeOrgIds, ...monthRange(month), agentId: actor.role === 'agent' ? actor.staffId : undefined };
}

const deviceTime = (at: string | undefined, now: Date) => deviceInstant(at, now, null, '登记时间晚于当前时间，请检查设备时间。');

/** 不能代办登记: the request is not taken, and why. */
export async function createDecline(tx: Tx, actor: Principal, body: CreateDecline, now: Date): Promise<Change<DeclineView>> {
  const village = await villageOfAgent(tx, actor, body.villageId);
  const at = deviceTime(body.at, now);
  const id = await registers.insertDecline(tx, {
    orgId: village.id,
    agentId: actor.staffId,
    itemCode: body.itemCode,
    itemName: body.itemName,
    applicantName: body.applicantName,
    phone: body.phone,
    reason: body.reason,
    at,
  });
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
  const declines = await registers.listDeclineRecords(tx, registerFilter(actor, month));
  const names = await loadAgencyNames(tx, declines);
  return declines.map((decline) => ({
    id: decline.id,
    village: names.villageName(decline.orgId),
    agentName: names.agent(decline.agentId).name,
    itemCode: decline.itemCode,
    itemName: decline.itemName,
    applicantName: decline.applicantName,
    reason: decline.reason,
    at: decline.at.toISOString(),
  }));
}

/** 咨询登记: a question answered on the spot or by phone. */
export async function createConsultation(tx: Tx, actor: Principal, body: CreateConsultation, now: Date): Promise<Change<ConsultationView>> {
  const village = await villageOfAgent(tx, actor, body.villageId);
  const at = deviceTime(body.at, now);
  const id = await registers.insertConsultation(tx, {
    orgId: village.id,
    agentId: actor.staffId,
    channel: body.channel,
    askerName: body.askerName,
    phone: body.phone,
    itemCode: body.itemCode,
    question: body.question,
    answer: body.answer,
    at,
  });
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
  const consultations = await registers.listConsultationRecords(tx, registerFilter(actor, month));
  const names = await loadAgencyNames(tx, consultations);
  return consultations.map((consultation) => ({
    id: consultation.id,
    village: names.villageName(consultation.orgId),
    agentName: names.agent(consultation.agentId).name,
    channel: consultation.channel,
    askerName: consultation.askerName,
    itemCode: consultation.itemCode,
    question: consultation.question,
    answer: consultation.answer,
    at: consultation.at.toISOString(),
  }));
}

/**
 * 代办员月度绩效: per agent of the caller's scope, what they registered, finished and declined in the
 * month, their legs done in the month and how many on time, the legs they sit on past their due date
 * (按期率 counts them as not on time) and the lateness recorded against them, the applicants'
 * satisfaction and the fees they took. Only the caller's villages are read (a township's agents, not the county's).
 */
export async function agentMonth(tx: Tx, actor: Principal, month: string, now: Date): Promise<AgentMonthView[]> {
  const agents = await listStaffInRole(tx, actor.scopeOrgIds, 'agent');
  const range = registerFilter(actor, month);
  // Open late legs are counted as the month closed, or as of now while it runs.
  const asOf = new Date(Math.min(Math.max(now.getTime(), range.from.getTime()), range.to.getTime()));
  const filter = { ...range, agentId: undefined, asOf, asOfDate: businessDateOf(asOf) };
  const counted = await registers.countAgentMonth(
    tx,
    filter,
    agents.map((agent) => agent.id),
  );
  const figures = new Map(counted.map((row) => [row.agentId, row]));
  // Two queries for the whole sheet: every agent's assigned villages, then the names of all of them.
  const assigned = await listAgentVillageIdsOf(
    tx,
    agents.map((agent) => agent.id),
  );
  const villageIdsOf = (agent: { id: string; orgId: string }) => [agent.orgId, ...(assigned.get(agent.id) ?? [])];
  const villages = await listOrgs(tx, [...new Set(agents.flatMap(villageIdsOf))]);
  const views: AgentMonthView[] = [];
  for (const agent of [...agents].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
    const row = figures.get(agent.id);
    if (!row) continue;
    const ids = new Set(villageIdsOf(agent));
    views.push({
      agentId: agent.id,
      agentName: agent.name,
      villages: villages
        .filter((village) => ids.has(village.id))
        .map((village) => village.name)
        .join('、'),
      requests: row.requests,
      signed: row.signed,
      declined: row.declined,
      consultations: row.consultations,
      legsDone: row.legsDone,
      legsOnTime: row.legsOnTime,
      legsOpenLate: row.legsOpenLate,
      onTimeRate: row.legsDone + row.legsOpenLate === 0 ? null : row.legsOnTime / (row.legsDone + row.legsOpenLate),
      lateRecords: row.lateRecords,
      ratings: row.ratings,
      satisfiedRate: row.ratings === 0 ? null : row.satisfied / row.ratings,
      feesFen: row.feesFen,
    });
  }
  return views;
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
  body: Omit<LegLimits, 'receiveDays'> & { receiveDays?: number | undefined; version?: number | undefined },
  now: Date,
): Promise<Change<LegLimits & { version: number }>> {
  const countyId = await countyIdOf(tx, actor.orgId);
  const current = await repo.findLegLimits(tx, countyId);
  const expected = body.version ?? 0;
  const limits: LegLimits = {
    forwardDays: body.forwardDays,
    receiveDays: body.receiveDays ?? current.receiveDays,
    returnDays: body.returnDays,
    notifyDays: body.notifyDays,
  };
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
  const records = await registers.listFeeRecords(tx, { ...registerFilter(actor, month), agentId: undefined });
  const names = await loadAgencyNames(tx, records);
  const fees = records.map((fee) => ({
    requestNo: fee.requestNo,
    village: names.villageName(fee.orgId),
    agentName: names.agent(fee.agentId).name,
    itemName: fee.itemName,
    caseNo: fee.caseNo,
    amountFen: fee.feeFen,
    receiptNo: fee.receiptNo,
    collectedAt: fee.collectedAt.toISOString(),
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
