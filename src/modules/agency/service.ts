import { randomInt } from 'node:crypto';
import type { Tx } from '../../db/db.ts';
import type { Change } from '../../kernel/change.ts';
import type { Principal } from '../../kernel/context.ts';
import { businessDateOf } from '../../shared/business-date.ts';
import { DomainError } from '../../shared/errors.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { materialApplies, situationsAtIntake } from '../cases/index.ts';
import { countFilesOf } from '../files/index.ts';
import { listOrgLineage, listOrgs } from '../org/index.ts';
import { deviceInstant } from './device-time.ts';
import { agencyErrors } from './errors.ts';
import { watchFrom } from './clock.ts';
import { listLegAccountability } from './clock-repo.ts';
import { loadAgencyNames } from './names.ts';
import { legClockOf, legDue, type LegLimits } from './legs.rules.ts';
import type { AgencyDeps, AgencyItem } from './ports.ts';
import * as repo from './repo.ts';
import type { AgencyRequestView, CreateRequestBody } from './schemas.ts';
import { toRequestView } from './view.ts';

/** A device's registration reaches the server later than it was made; older than this is refused as implausible. */
const MAX_OFFLINE_DAYS = 30;
const PREFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

interface AgentVillage {
  id: string;
  code: string;
  name: string;
  townshipId: string;
  townshipName: string;
  countyId: string;
}

/** The villages an agent covers (own village and any assigned), each with its township and county. */
export async function agentVillagesOf(tx: Tx, actor: Principal): Promise<AgentVillage[]> {
  const villages = (await listOrgs(tx, actor.scopeOrgIds)).filter((org) => org.kind === 'village');
  const townships = new Map(
    (
      await listOrgs(
        tx,
        villages.flatMap((village) => village.parentId ?? []),
      )
    ).map((org) => [org.id, org]),
  );
  return villages.flatMap((village) => {
    const township = townships.get(village.parentId ?? '');
    if (!township?.parentId) return [];
    return [
      {
        id: village.id,
        code: village.code,
        name: village.name,
        townshipId: township.id,
        townshipName: township.name,
        countyId: township.parentId,
      },
    ];
  });
}

/** The county an org belongs to (its leg limits apply). */
export async function countyIdOf(tx: Tx, orgId: string): Promise<string> {
  const row = (await listOrgLineage(tx, orgId)).find((org) => org.kind === 'county');
  if (!row) throw new DomainError(agencyErrors.AGENCY_INVALID, '所在机构不属于任何县。');
  return row.id;
}

export async function legLimitsFor(tx: Tx, orgId: string): Promise<LegLimits & { version: number }> {
  return repo.findLegLimits(tx, await countyIdOf(tx, orgId));
}

/** A new device gets a prefix no other device has; offline numbers start with it. */
export async function registerDevice(tx: Tx, actor: Principal, now: Date): Promise<Change<{ prefix: string; agentName: string }>> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const prefix = Array.from({ length: 5 }, () => PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)]).join('');
    if (await repo.insertDevice(tx, { prefix, agentId: actor.staffId, orgId: actor.orgId }, now)) {
      return {
        status: 201,
        body: { prefix, agentName: actor.name },
        audit: { action: 'agency.device', targetType: 'agency_device', targetId: prefix, orgId: actor.orgId, summary: { prefix } },
      };
    }
  }
  throw new Error('no free device prefix');
}

export async function agentProfile(tx: Tx, actor: Principal) {
  const villages = await agentVillagesOf(tx, actor);
  const limits = await legLimitsFor(tx, actor.orgId);
  return {
    agentId: actor.staffId,
    name: actor.name,
    villages: villages.map((village) => ({ id: village.id, code: village.code, name: village.name, townshipName: village.townshipName })),
    legLimits: {
      forwardDays: limits.forwardDays,
      receiveDays: limits.receiveDays,
      returnDays: limits.returnDays,
      notifyDays: limits.notifyDays,
    },
  };
}

export async function agentableItems(tx: Tx, actor: Principal, deps: AgencyDeps): Promise<AgencyItem[]> {
  const townships = [...new Set((await agentVillagesOf(tx, actor)).map((village) => village.townshipId))];
  const items = new Map<string, AgencyItem>();
  for (const township of townships) for (const item of await deps.listAgentableItems(tx, township)) items.set(item.code, item);
  return [...items.values()];
}

export async function loadRequestInScope(tx: Tx, actor: Principal, id: string, forUpdate = false): Promise<repo.AgencyRecord> {
  const record = await repo.findRequest(tx, id, forUpdate);
  // Agents list only what they hold, but may open any request of their villages: an act queued
  // offline on one taken over by a colleague is then refused with who holds it now.
  if (record === null || !actor.scopeOrgIds.includes(record.orgId))
    throw new DomainError(agencyErrors.AGENCY_REQUEST_NOT_FOUND, '未找到该代办件。');
  return record;
}

export async function viewRequest(
  tx: Tx,
  actor: Principal,
  record: repo.AgencyRecord,
  deps: AgencyDeps,
  now: Date,
  calendars = new Map<string, WorkCalendar>(),
): Promise<AgencyRequestView> {
  let calendar = calendars.get(record.townshipId);
  if (!calendar) {
    calendar = await deps.cases.calendarFor(tx, record.townshipId);
    calendars.set(record.townshipId, calendar);
  }
  const records = await listLegAccountability(tx, record.id);
  // Names of who held each late leg: the agent then (maybe not the holder now), or the township center.
  const names =
    records.length === 0
      ? null
      : await loadAgencyNames(
          tx,
          [null, ...records.map((entry) => entry.staffId)].map((agentId) => ({
            orgId: record.townshipId,
            agentId: agentId ?? record.agentId,
          })),
        );
  const lateness = records.map((entry) => ({
    ...entry,
    holderName: entry.staffId === null ? (names?.villageName(record.townshipId) ?? '') : (names?.agent(entry.staffId).name ?? ''),
  }));
  return toRequestView(record, await repo.listEvents(tx, record.id), lateness, calendar, businessDateOf(now), actor);
}

function registrationInstant(body: CreateRequestBody, now: Date): Date {
  if (body.registeredAt === undefined) return now;
  const at = deviceInstant(body.registeredAt, now, null, '登记时间晚于当前时间，请检查设备时间。');
  if (now.getTime() - at.getTime() > MAX_OFFLINE_DAYS * 86_400_000) {
    throw new DomainError(agencyErrors.AGENCY_INVALID, `登记时间早于 ${String(MAX_OFFLINE_DAYS)} 天前，请核实后重新登记。`);
  }
  return at;
}

/** 代办登记: the agent registers a request at a village they cover, for an item a village agent may carry. */
export async function createRequest(
  tx: Tx,
  actor: Principal,
  body: CreateRequestBody,
  now: Date,
  deps: AgencyDeps,
): Promise<Change<AgencyRequestView>> {
  const village = (await agentVillagesOf(tx, actor)).find((candidate) => candidate.id === body.villageId);
  if (!village) throw new DomainError(agencyErrors.AGENCY_VILLAGE_NOT_COVERED, '只能为您负责的村登记代办件。');
  const prefix = body.requestNo.split('-')[0] ?? '';
  if ((await repo.findDeviceAgent(tx, prefix)) !== actor.staffId) {
    throw new DomainError(
      agencyErrors.AGENCY_DEVICE_UNKNOWN,
      `编号前缀 ${prefix} 不是您登记过的设备，请联网后重新登录应用以领取设备前缀。`,
    );
  }
  const item = await deps.findItem(tx, village.townshipId, body.itemCode);
  if (!item) throw new DomainError(agencyErrors.AGENCY_INVALID, `未找到已发布的事项 ${body.itemCode}。`);
  if (!item.agentable) {
    throw new DomainError(
      agencyErrors.AGENCY_ITEM_NOT_AGENTABLE,
      `“${item.name}”不在村级代办范围内：请登记为不能代办，并告知申请人到乡镇便民服务中心办理。`,
    );
  }
  const fileIds = [...new Set(body.materials.flatMap((material) => (material.fileId ? [material.fileId] : [])))];
  if (fileIds.length > 0) {
    // The app stores a photo under the agent's own village (where they are), whichever covered village it is for.
    if ((await countFilesOf(tx, [village.id, actor.orgId], fileIds)) !== fileIds.length)
      throw new DomainError(agencyErrors.AGENCY_INVALID, '所附材料照片不存在，请重新上传。');
  }
  const situations = situationsAtIntake(item, body.situations);
  const registeredAt = registrationInstant(body, now);
  const registeredOn = businessDateOf(registeredAt);
  const calendar = await deps.cases.calendarFor(tx, village.townshipId);
  const limits = await repo.findLegLimits(tx, village.countyId);
  const forwardDueOn = legDue(calendar, registeredOn, limits.forwardDays);
  // A registration made offline days ago may reach the server with its 报送 leg already late: the job grades it at once.
  const clock = legClockOf(calendar, [{ leg: 'forward', dueOn: forwardDueOn, doneOn: null, doneAt: null }], businessDateOf(now));
  // 办理情形: a material of a situation not ticked is not required (the window checks the folder against this).
  const materials = [
    ...item.materials.map((material) => {
      const handedIn = body.materials.find((candidate) => candidate.name === material.name);
      return {
        name: material.name,
        required: material.required && materialApplies(material, situations),
        received: handedIn?.received ?? false,
        fileId: handedIn?.fileId ?? null,
      };
    }),
    ...body.materials
      .filter((material) => !item.materials.some((known) => known.name === material.name))
      .map((material) => ({ name: material.name, required: false, received: material.received, fileId: material.fileId ?? null })),
  ];
  const id = await repo.insertRequest(
    tx,
    {
      orgId: village.id,
      townshipId: village.townshipId,
      requestNo: body.requestNo,
      agentId: actor.staffId,
      itemCode: item.code,
      itemName: item.name,
      applicant: body.applicant,
      situations,
      materials,
      registeredAt,
      registeredOn,
      forwardDueOn,
      warning: 'none',
      nextWarningAt: watchFrom(clock, now),
    },
    now,
  );
  if (id === null) throw new DomainError(agencyErrors.AGENCY_REQUEST_NO_TAKEN, `代办编号 ${body.requestNo} 已被使用，请换一个序号。`);
  await repo.appendEvent(tx, id, village.id, {
    kind: 'registered',
    at: registeredAt,
    actorId: actor.staffId,
    actorName: actor.name,
    data: {
      village: village.name,
      item: item.name,
      ...(situations.length > 0 ? { situations } : {}),
      materialsReceived: materials.filter((m) => m.received).map((m) => m.name),
      receivedByServerAt: now.toISOString(),
      // The phone's own clock, as evidence: the registration time above is the server's as the phone knew it.
      ...(body.deviceTime === undefined ? {} : { deviceTime: body.deviceTime }),
    },
  });
  const record = await repo.findRequest(tx, id);
  if (!record) throw new Error('request vanished');
  return {
    status: 201,
    body: await viewRequest(tx, actor, record, deps, now),
    audit: {
      action: 'agency.register',
      targetType: 'agency_request',
      targetId: id,
      orgId: village.id,
      summary: { requestNo: body.requestNo, itemCode: item.code },
    },
  };
}

export async function listRequests(
  tx: Tx,
  actor: Principal,
  query: {
    status?: repo.AgencyRecord['status'] | undefined;
    open?: 'true' | 'false' | undefined;
    requestNo?: string | undefined;
    limit: number;
  },
  deps: AgencyDeps,
  now: Date,
): Promise<AgencyRequestView[]> {
  const records = await repo.listRequests(tx, {
    orgIds: actor.scopeOrgIds,
    ...(actor.role === 'agent' ? { agentId: actor.staffId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.open ? { open: query.open === 'true' } : {}),
    ...(query.requestNo ? { requestNo: query.requestNo } : {}),
    limit: query.limit,
  });
  // One calendar per township for the whole list, not one per request.
  const calendars = new Map<string, WorkCalendar>();
  const views: AgencyRequestView[] = [];
  for (const record of records) views.push(await viewRequest(tx, actor, record, deps, now, calendars));
  return views;
}
