import { randomBytes } from 'node:crypto';
import { SYSTEM_SCOPE } from '../../src/db/db.ts';
import type { ItemContent } from '../../src/modules/catalog/index.ts';
import { changeHeaders, createCounty, createTownship, signIn, type CountyFixture, type OrgRef, type TownshipFixture } from './factories.ts';
import type { TestEnv } from './test-env.ts';
import { buildHallWorld, type HallWorld } from './tenancy-world-hall.ts';
import { buildVerificationWorld, type VerificationWorld } from './tenancy-world-verification.ts';
import { buildOrderWorld, type OrderWorld } from './tenancy-world-orders.ts';
import { buildComplaintWorld, type ComplaintWorld } from './tenancy-world-complaints.ts';
import { buildRatingWorld, type RatingWorld } from './tenancy-world-ratings.ts';

/**
 * R4: a county and one of its townships filled through the real API with one object of every kind
 * a route can take — what another tenant's probes aim at. Every name carries the world's `tag`, so a
 * leak shows in any answer (JSON, a spreadsheet's cells) as an id or a name of this world.
 */
export interface TenantWorld {
  /** In every name of the township level; `countyTag` in every name of the county level. */
  tag: string;
  countyTag: string;
  county: CountyFixture;
  town: TownshipFixture;
  /** A second village of the township, covered by the township's agent (agent_villages). */
  village2: OrgRef;
  township: Versioned;
  countyOrg: Versioned;
  department: Versioned;
  window: Versioned;
  /** The township's window clerk: the staff member probes aim at; `backupId` is the reviewer. */
  staff: Versioned;
  absenceId: string;
  /** A staff member of the county level (the supervisor): what probes of county staff aim at. */
  countyStaff: Versioned;
  /** The county's published base item (ZJD-001) the township derived its local item from. */
  baseItem: Versioned;
  /** A synonym of the county's list (事项同义词, kept by the county). */
  synonymId: string;
  /** The township's local item: published version 1, draft version 2. */
  localItem: Versioned & { content: ItemContent };
  /** An item of the county that was never published (catalog rows row-level security must hide). */
  countyDraftItem: Versioned;
  townDraftItemId: string;
  override: Versioned;
  countyOverride: Versioned;
  /** A joint case (LB-001), accepted, with one department step; and a case with a fee (GTZ-001). */
  case: Versioned & { caseNo: string; stepId: string; stepVersion: number };
  feeCaseId: string;
  /** The applicant's phone (the public case tracking asks for its last 4 digits). */
  applicantPhone: string;
  fileId: string;
  request: Versioned & { requestNo: string; prefix: string };
  /** The hall: a category, tickets, a paired pad and its rating (tenancy-world-hall.ts). */
  hall: HallWorld;
  /** 事中事后核查: an open task and a 失信记录 (tenancy-world-verification.ts). */
  checks: VerificationWorld;
  /** 督办: an open supervision order on the case (tenancy-world-orders.ts). */
  orders: OrderWorld;
  /** 投诉: an accepted complaint assigned to the township's clerk (tenancy-world-complaints.ts). */
  complaints: ComplaintWorld;
  /** 好差评: a 差评 given through the public route and its rectification (tenancy-world-ratings.ts). */
  ratings: RatingWorld;
  /** Every id, number and name of the township (and its villages) — none may reach another tenant. */
  townMarkers: Set<string>;
  /** The same for the county level (county org, county staff, county items and overrides). */
  countyMarkers: Set<string>;
}

export interface Versioned {
  id: string;
  version: number;
}

type Auth = { authorization: string };

/** A 1×1 PNG with valid checksums (it decodes): an upload every content check accepts. */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63606060f80f00010401005fe5c34b0000000049454e44ae426082',
  'hex',
);

/** A valid 居民身份证 number (GB 11643 check digit) per world, so the applicant is told apart too. */
function idNumberFor(seed: number): string {
  const body = `45102919850312${String(seed % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(body.charAt(index)), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

/** A JSON client for building fixtures: every call must succeed, or building stops with the answer. */
export function apiOf(env: TestEnv) {
  return async function call<T = Record<string, unknown>>(
    auth: Auth,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<T> {
    const isUpload = Buffer.isBuffer(payload);
    const response = await env.app.inject({
      method,
      url,
      headers: { ...(method === 'GET' ? auth : changeHeaders(auth)), ...(isUpload ? { 'content-type': 'image/png' } : {}) },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (response.statusCode >= 300) throw new Error(`fixture ${method} ${url} → ${String(response.statusCode)} ${response.body}`);
    return response.json<T>();
  };
}

interface CaseBody {
  id: string;
  caseNo: string;
  version: number;
  steps: { id: string; version: number }[];
}
interface ItemDetail {
  item: { id: string; version: number };
  draft: { content: ItemContent } | null;
  published: { content: ItemContent } | null;
}

/** Builds a world: a new county (with the test catalog) and a township in it, both full of objects. */
export async function buildWorld(env: TestEnv): Promise<TenantWorld> {
  const call = apiOf(env);
  const tag = `W${randomBytes(3).toString('hex').toUpperCase()}`;
  const countyTag = `K${randomBytes(3).toString('hex').toUpperCase()}`;
  const seed = randomBytes(2).readUInt16BE();
  const county = await createCounty(env);
  const town = await createTownship(env, county.county);
  const admin = await signIn(env, county.admin.username);
  const director = await signIn(env, town.director.username);
  const clerk = await signIn(env, town.window.username);
  const agent = await signIn(env, town.agent.username);

  // Names that carry the tag (the factories give every township the same department and staff names).
  await call(admin, 'PATCH', `/api/orgs/${town.township.id}`, { version: 1, name: `${tag}镇` });
  const countyOrg = (
    await call<{ org: Versioned }>(admin, 'PATCH', `/api/orgs/${county.county.id}`, { version: 1, name: `${countyTag}县` })
  ).org;
  const village2 = (
    await call<{ org: OrgRef }>(admin, 'POST', '/api/orgs', {
      parentId: town.township.id,
      code: `${town.township.code.slice(0, 9)}202`,
      kind: 'village',
      name: `${tag}二村`,
    })
  ).org;
  for (const person of [town.window, town.reviewer, town.agent, town.director]) {
    await call(admin, 'PATCH', `/api/staff/${person.id}`, { version: 1, name: `${tag}${person.role.slice(0, 3)}` });
  }
  const countyStaff = (
    await call<{ staff: Versioned }>(admin, 'PATCH', `/api/staff/${county.supervisor.id}`, { version: 1, name: `${countyTag}督查` })
  ).staff;
  await call(director, 'PATCH', `/api/departments/${town.departmentId}`, { version: 1, name: `${tag}民政站` });
  await call(director, 'PATCH', `/api/windows/${town.windowId}`, { version: 1, name: `${tag}窗口` });
  const staff = (
    await call<{ staff: Versioned }>(director, 'POST', `/api/staff/${town.window.id}/backup`, { version: 2, backupId: town.reviewer.id })
  ).staff;
  const absence = await call<{ absence: { id: string } }>(director, 'POST', `/api/staff/${town.window.id}/absences`, {
    startsOn: '2026-11-02',
    endsOn: '2026-11-03',
    reason: `${tag}培训`,
  });

  // Catalog: the township derives, publishes and edits a local item; both levels keep a never-published draft.
  const base = (await call<{ items: { id: string; code: string; version: number }[] }>(director, 'GET', '/api/items/base')).items.find(
    (item) => item.code === 'ZJD-001',
  );
  if (!base) throw new Error('fixture: the county has no ZJD-001');
  let local = await call<ItemDetail>(director, 'POST', '/api/items/derive', { orgId: town.township.id, baseItemId: base.id });
  local = await call<ItemDetail>(director, 'POST', `/api/items/${local.item.id}/publish`, { version: local.item.version });
  const localContent = { ...(local.published?.content as ItemContent), name: `${tag}宅基地审批` };
  local = await call<ItemDetail>(director, 'PUT', `/api/items/${local.item.id}/draft`, {
    version: local.item.version,
    content: localContent,
  });
  const draftContent = (code: string): ItemContent => ({ ...localContent, code, name: `${code}草稿` });
  const countyDraft = await call<ItemDetail>(admin, 'POST', '/api/items', { orgId: county.county.id, content: draftContent(countyTag) });
  const townDraft = await call<ItemDetail>(director, 'POST', '/api/items', { orgId: town.township.id, content: draftContent(`${tag}-T`) });
  const synonym = await call<{ synonym: { id: string } }>(admin, 'POST', '/api/catalog/synonyms', {
    orgId: county.county.id,
    term: '起房',
    expansion: '宅基地',
  });

  // Calendar: a local holiday of the township and one of the county.
  const override = (
    await call<{ override: Versioned }>(director, 'POST', '/api/calendar/overrides', {
      orgId: town.township.id,
      date: '2026-11-20',
      kind: 'local_holiday',
      name: `${tag}节`,
    })
  ).override;
  const countyOverride = (
    await call<{ override: Versioned }>(admin, 'POST', '/api/calendar/overrides', {
      orgId: county.county.id,
      date: '2026-11-27',
      kind: 'local_holiday',
      name: `${countyTag}县节`,
    })
  ).override;
  await call(admin, 'PUT', '/api/agency/settings', { forwardDays: 3, returnDays: 3, notifyDays: 3 });

  // Cases: an uploaded file, a joint case accepted with a department step (and its notice), a case owing a fee.
  const applicant = { type: 'person', name: `${tag}申请人`, idNumber: idNumberFor(seed), phone: `139${String(10_000_000 + seed)}` };
  const opened = await openJointCase(env, clerk, town, applicant, tag);
  const feeCase = await call<CaseBody>(clerk, 'POST', '/api/cases', {
    itemCode: 'GTZ-001',
    applicant,
    materials: ['不动产登记申请书', '申请人居民身份证', '宅基地批准文件'].map((name) => ({ name, received: true })),
  });

  // Agency: a device, coverage of the second village, a request, a decline and a consultation.
  await call(director, 'PUT', `/api/agency/agents/${town.agent.id}/villages`, { villageIds: [village2.id] });
  const request = await registerRequest(env, agent, town.village.id, applicant);
  await call(agent, 'POST', '/api/agency/declines', {
    villageId: town.village.id,
    itemName: `${tag}事项`,
    applicantName: `${tag}群众`,
    reason: '不在代办范围',
  });
  await call(agent, 'POST', '/api/agency/consultations', {
    villageId: village2.id,
    channel: 'phone',
    question: `${tag}咨询`,
    answer: '已答复',
  });

  // Rows no route writes: a bundle kept as a draft and an accountability record of the warning job.
  await env.db.transaction(SYSTEM_SCOPE, async (tx) => {
    await tx.query(
      `insert into catalog_bundles (org_id, code, name, description, audience, item_codes, sort, created_at, status)
       values ($1, $2, $3, '', 'personal', '{ZJD-001}', 0, $4, 'draft')`,
      [town.township.id, `${tag}-B`, `${tag}一件事`, env.clock.now()],
    );
    await tx.query(
      `insert into case_accountability (case_id, org_id, staff_id, stage, due_on, level, working_days_late, created_at)
       values ($1, $2, $3, 'decision', '2026-10-14', 'yellow', 1, $4)`,
      [opened.case.id, town.township.id, town.window.id, env.clock.now()],
    );
    await tx.query(
      `insert into agency_accountability (request_id, org_id, leg, holder, staff_id, township_id, due_on, level, working_days_late, created_at)
       values ($1, $2, 'forward', 'agent', $3, $4, '2026-10-14', 'yellow', 1, $5)`,
      [request.id, town.village.id, town.agent.id, town.township.id, env.clock.now()],
    );
  });

  const hall = await buildHallWorld(env, town, { director, clerk }, tag, opened.case.id);
  const checks = await buildVerificationWorld(env, clerk, tag, applicant.phone);
  const orders = await buildOrderWorld(
    env,
    { orgId: town.township.id, caseId: opened.case.id, clerkId: town.window.id, directorId: town.director.id },
    tag,
  );
  const complaints = await buildComplaintWorld(env, director, town.window.id, tag);
  const ratings = await buildRatingWorld(env, clerk, director, tag, applicant.phone);

  const townMarkers = new Set([
    tag,
    town.township.id,
    town.township.code,
    town.village.id,
    village2.id,
    town.departmentId,
    town.windowId,
    ...[town.director, town.window, town.reviewer, town.agent].flatMap((person) => [person.id, person.username]),
    absence.absence.id,
    local.item.id,
    townDraft.item.id,
    override.id,
    opened.case.id,
    opened.case.caseNo,
    opened.case.stepId,
    feeCase.id,
    feeCase.caseNo,
    opened.fileId,
    request.id,
    request.requestNo,
    applicant.idNumber,
    applicant.phone,
    hall.categoryId,
    hall.ratedTicketId,
    hall.liveTicketId,
    hall.deviceId,
    ...checks.markers,
    ...orders.markers,
    ...complaints.markers,
    ...ratings.markers,
  ]);
  const countyMarkers = new Set([
    countyTag,
    county.county.id,
    county.county.code,
    countyDraft.item.id,
    countyOverride.id,
    ...[county.admin, county.supervisor].flatMap((person) => [person.id, person.username]),
  ]);

  return {
    tag,
    countyTag,
    county,
    town,
    village2,
    township: { id: town.township.id, version: 2 },
    countyOrg,
    department: { id: town.departmentId, version: 2 },
    window: { id: town.windowId, version: 2 },
    staff,
    absenceId: absence.absence.id,
    countyStaff,
    baseItem: { id: base.id, version: base.version },
    localItem: { id: local.item.id, version: local.item.version, content: localContent },
    countyDraftItem: countyDraft.item,
    townDraftItemId: townDraft.item.id,
    synonymId: synonym.synonym.id,
    override,
    countyOverride,
    case: opened.case,
    feeCaseId: feeCase.id,
    applicantPhone: applicant.phone,
    fileId: opened.fileId,
    request,
    hall,
    checks,
    orders,
    complaints,
    ratings,
    townMarkers,
    countyMarkers,
  };
}

type CaseRef = TenantWorld['case'];

/** An uploaded file and a joint case (LB-001) on it, accepted, with one step for the township's department. */
export async function openJointCase(
  env: TestEnv,
  clerk: Auth,
  town: TownshipFixture,
  applicant: Record<string, string>,
  tag: string,
): Promise<{ fileId: string; case: CaseRef }> {
  const call = apiOf(env);
  const fileId = (await call<{ id: string }>(clerk, 'POST', `/api/files?name=${tag}.png`, TINY_PNG)).id;
  const opened = await call<CaseBody>(clerk, 'POST', '/api/cases', {
    itemCode: 'LB-001',
    applicant,
    materials: [{ name: '申请人居民身份证', received: true, fileId }],
  });
  const accepted = await call<CaseBody>(clerk, 'POST', `/api/cases/${opened.id}/accept`, { version: opened.version });
  const withStep = await call<CaseBody>(clerk, 'POST', `/api/cases/${opened.id}/steps`, {
    version: accepted.version,
    steps: [{ name: `${tag}审核`, departmentId: town.departmentId, days: 2 }],
  });
  const step = withStep.steps[0];
  if (!step) throw new Error('fixture: the step was not added');
  return { fileId, case: { id: opened.id, version: withStep.version, caseNo: opened.caseNo, stepId: step.id, stepVersion: step.version } };
}

/** The agent's device and one agency request at `villageId`. */
export async function registerRequest(
  env: TestEnv,
  agent: Auth,
  villageId: string,
  applicant: Record<string, string>,
): Promise<TenantWorld['request']> {
  const call = apiOf(env);
  const { prefix } = await call<{ prefix: string }>(agent, 'POST', '/api/agency/devices');
  const requestNo = `${prefix}-20261015-001`;
  const request = await call<Versioned>(agent, 'POST', '/api/agency/requests', {
    requestNo,
    villageId,
    itemCode: 'LB-001',
    applicant,
    consent: true,
  });
  return { id: request.id, version: request.version, requestNo, prefix };
}

/** Township A's own objects, for probes that name another tenant's object inside one's own request. */
export interface HomeObjects {
  town: TownshipFixture;
  case: CaseRef;
  request: TenantWorld['request'];
}

export async function buildHome(env: TestEnv, town: TownshipFixture): Promise<HomeObjects> {
  const applicant = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' };
  const opened = await openJointCase(env, await signIn(env, town.window.username), town, applicant, 'HOME');
  return {
    town,
    case: opened.case,
    request: await registerRequest(env, await signIn(env, town.agent.username), town.village.id, applicant),
  };
}
