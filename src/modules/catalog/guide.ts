import type { Tx } from '../../db/db.ts';
import { DomainError } from '../../shared/errors.ts';
import { catalogErrors } from './errors.ts';
import * as repo from './repo.ts';
import { mergeBundleMaterials, planSearch, searchKeyOf } from './rules.ts';
import { expandQuery, termsFor } from './synonyms/rules.ts';
import { synonymsFor } from './synonyms/service.ts';
import type { BundleView, ItemContent, ItemVersionView, PublicGuideView, PublicItemQuery, PublicItemSummary } from './schemas.ts';
import { countyOf } from './service.ts';

/** The demo county (田林县): the public guide shows its base catalog when no org is named. */
export const DEFAULT_PUBLIC_ORG = '451029000000';

export interface PublicOrg {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export async function resolvePublicOrg(tx: Tx, code: string | undefined): Promise<PublicOrg> {
  const org = await repo.findOrgIdByCode(tx, code ?? DEFAULT_PUBLIC_ORG);
  if (!org || org.kind === 'village')
    throw new DomainError(catalogErrors.ORG_NOT_FOUND, `未找到区划代码为 ${code ?? DEFAULT_PUBLIC_ORG} 的县或乡镇服务中心。`);
  return org;
}

/**
 * 办事指南检索: the query as typed, then with each of the county's synonyms put in (低保 → 最低生活保障), each
 * an indexed lookup; results in that order, each item once.
 */
export async function searchItems(tx: Tx, query: PublicItemQuery): Promise<{ org: PublicOrg; items: PublicItemSummary[] }> {
  const org = await resolvePublicOrg(tx, query.org);
  const filter = { department: query.department, audience: query.audience, event: query.event, limit: query.limit };
  const texts = query.q === undefined ? [undefined] : expandQuery(query.q, await synonymsFor(tx, org));
  const items = new Map<string, PublicItemSummary>();
  for (const text of texts) {
    if (items.size >= query.limit) break;
    for (const item of await repo.searchPublished(tx, org.id, planSearch(text), filter))
      if (!items.has(item.code)) items.set(item.code, item);
  }
  return { org, items: [...items.values()].slice(0, query.limit) };
}

export function toGuide(org: PublicOrg, version: ItemVersionView): PublicGuideView {
  const { content } = version;
  return {
    code: content.code,
    name: content.name,
    version: version.version,
    publishedAt: version.publishedAt,
    org: { code: org.code, name: org.name },
    itemType: content.itemType,
    audience: content.audience,
    department: content.department,
    window: content.window,
    handledAt: content.handledAt,
    handling: content.handling,
    basis: content.basis,
    conditions: content.conditions,
    procedure: content.procedure,
    situations: content.situations,
    materials: content.materials,
    legalDays: content.legalDays,
    promisedDays: content.promisedDays,
    dayKind: content.dayKind,
    specialSteps: content.specialSteps,
    fees: content.fees,
    delivery: content.delivery,
    location: content.location,
    contacts: content.contacts,
    agentable: content.agentable,
    online: content.online,
    appointment: content.appointment,
    maxVisits: content.maxVisits,
    verificationDays: content.verificationDays,
    lifeEvents: content.lifeEvents,
  };
}

export async function getGuide(tx: Tx, code: string, orgCode: string | undefined): Promise<PublicGuideView> {
  const org = await resolvePublicOrg(tx, orgCode);
  const version = await repo.findPublishedByCode(tx, org.id, code);
  if (!version) throw new DomainError(catalogErrors.ITEM_NOT_FOUND, `${org.name}没有已发布的事项 ${code}。`);
  return toGuide(org, version);
}

export async function getFacets(tx: Tx, orgCode: string | undefined) {
  const org = await resolvePublicOrg(tx, orgCode);
  return { org: { code: org.code, name: org.name }, ...(await repo.listFacets(tx, org.id)) };
}

/** Bundles are defined by the county; each is resolved against the chosen org's published items. */
export async function listBundles(tx: Tx, orgCode: string | undefined): Promise<BundleView[]> {
  const org = await resolvePublicOrg(tx, orgCode);
  const county = await countyOf(tx, org.id);
  if (!county) return [];
  const bundles = await repo.listBundles(tx, county.id);
  const views: BundleView[] = [];
  for (const bundle of bundles) {
    const items = await repo.listPublishedByCodes(tx, org.id, bundle.item_codes);
    views.push({
      code: bundle.code,
      name: bundle.name,
      description: bundle.description,
      audience: bundle.audience,
      items: items.map(({ content: _content, ...summary }) => summary),
      materials: mergeBundleMaterials(items.map((item) => ({ code: item.code, materials: item.content.materials }))),
    });
  }
  return views;
}

export async function getBundle(tx: Tx, code: string, orgCode: string | undefined): Promise<BundleView> {
  const bundle = (await listBundles(tx, orgCode)).find((candidate) => candidate.code === code);
  if (!bundle) throw new DomainError(catalogErrors.BUNDLE_NOT_FOUND, '未找到该“一件事”。');
  return bundle;
}

/** What the case workflow needs of the item a case is opened under (cases/ports.ts CaseItem). */
export interface CatalogCaseItem {
  itemId: string;
  code: string;
  name: string;
  version: number;
  handling: ItemContent['handling'];
  promisedDays: number;
  legalDays: number;
  dayKind: ItemContent['dayKind'];
  /** 办理情形 of the guide, by name (a case stores the names its applicant's situation matches). */
  situations: string[];
  /** `situations`: names of the situations a material applies to; empty = every situation. */
  materials: { name: string; required: boolean; pendingAllowed: boolean; commitmentAllowed: boolean; situations: string[] }[];
  /** 收费标准: name and amount in yuan as published (the basis stays in the guide). */
  fees: { name: string; amount: number }[];
  department: string;
  /** 可村级代办. */
  agentable: boolean;
  /** The catalog's search key (汉字, 全拼, 首字母, 简称, code): the agent app's offline picker matches it. */
  searchKey?: string;
  /** 事项类型 and the first 设定依据: the case notices' wording follows them. */
  itemType: string;
  basis?: string;
  /** 事中事后核查期限 of 告知承诺 materials (working days after acceptance). */
  verificationDays: number;
}

/**
 * The published item a case at `orgId` is opened under: the org's own implementation item, else the
 * nearest one above it (village → township → county base catalog).
 */
export async function findCaseItem(tx: Tx, orgId: string, code: string): Promise<CatalogCaseItem | null> {
  let org = await repo.findOrgById(tx, orgId);
  while (org) {
    const item = await repo.findItemByCode(tx, org.id, code);
    if (item?.publishedVersion != null) {
      const version = await repo.findVersion(tx, item.id, item.publishedVersion);
      if (version) {
        const { content } = version;
        return {
          itemId: item.id,
          code: content.code,
          name: content.name,
          version: version.version,
          handling: content.handling,
          promisedDays: content.promisedDays,
          legalDays: content.legalDays,
          dayKind: content.dayKind,
          situations: content.situations.map((situation) => situation.name),
          materials: content.materials.map((material) => ({
            name: material.name,
            required: material.required,
            pendingAllowed: material.pendingAllowed,
            commitmentAllowed: material.commitmentAllowed,
            // The port speaks names (as the case API does); the guide's ids stay in the catalog.
            situations: material.situations.flatMap((id) => content.situations.find((situation) => situation.id === id)?.name ?? []),
          })),
          fees: content.fees.map((fee) => ({ name: fee.name, amount: fee.amount })),
          department: content.department,
          agentable: content.agentable,
          itemType: content.itemType,
          ...(content.basis[0] ? { basis: content.basis[0] } : {}),
          // Content stored before migration 0026 has no period: parsing gives it the default.
          verificationDays: content.verificationDays,
        };
      }
    }
    org = org.parentId === null ? null : await repo.findOrgById(tx, org.parentId);
  }
  return null;
}

/** The published items a village agent may carry to `townshipId` (its own and the county's it inherits). */
export async function listAgentableItems(tx: Tx, townshipId: string): Promise<CatalogCaseItem[]> {
  const summaries = await repo.searchPublished(tx, townshipId, planSearch(undefined), { limit: 500 });
  const township = await repo.findOrgById(tx, townshipId);
  const synonyms = township ? await synonymsFor(tx, township) : [];
  const items: CatalogCaseItem[] = [];
  for (const summary of summaries.filter((candidate) => candidate.agentable)) {
    const item = await findCaseItem(tx, townshipId, summary.code);
    if (item?.agentable !== true) continue;
    // Offline the agent's picker has no server to expand 低保: the item carries the terms it answers to.
    const terms = searchKeyOf({ name: '', code: '', keywords: termsFor([item.name], synonyms) });
    const key = (await repo.findSearchKey(tx, item.itemId, item.version)) ?? '';
    items.push({ ...item, searchKey: terms === '' ? key : `${key} ${terms}` });
  }
  return items;
}
