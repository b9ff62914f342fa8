import { insertSynonym } from '../synonyms/repo.ts';
import { COMMON_SYNONYMS } from '../synonyms/rules.ts';
import type { Tx } from '../../../db/db.ts';
import * as repo from '../repo.ts';
import { checkItem } from '../rules.ts';
import { ItemContent } from '../schemas.ts';
import { CIVIL_ITEMS } from './civil.ts';
import { HEALTH_ITEMS } from './health.ts';
import { GENERAL_ITEMS } from './general.ts';
import { LAND_ITEMS } from './land.ts';
import { listChildOrgs } from '../../org/index.ts';
import { listStaffInRole } from '../../staff/index.ts';

/** The demo base catalog (基本目录) of the county: written from Guangxi and Jiangxi township guides. */
export function demoCatalogContents(): ItemContent[] {
  return [...CIVIL_ITEMS, ...HEALTH_ITEMS, ...LAND_ITEMS, ...GENERAL_ITEMS].map((input) => ItemContent.parse(input));
}

export const DEMO_BUNDLES = [
  {
    code: 'BIRTH',
    name: '出生一件事',
    description: '孩子出生后的生育登记、上户口、医保参保和社保卡，一次提交、一次办好。',
    audience: 'personal' as const,
    item_codes: ['SYDJ-001', 'HKCS-001', 'YBCB-001', 'SBK-001'],
  },
  {
    code: 'RETIRE',
    name: '退休一件事',
    description: '年满 60 周岁：领取城乡居民养老金、办理老年人优待证、申领计生奖励扶助。',
    audience: 'personal' as const,
    item_codes: ['YLDY-001', 'LNYD-001', 'JSJL-001'],
  },
  {
    code: 'HOUSE',
    name: '农村建房一件事',
    description: '从宅基地和建房审批、开工放线、竣工验收到不动产登记，全程可由村代办员代办。',
    audience: 'personal' as const,
    item_codes: ['ZJD-001', 'KGCY-001', 'JGYS-001', 'BDCDJ-001'],
  },
  {
    code: 'DISABLED',
    name: '残疾人服务一件事',
    description: '残疾人证、两项补贴、医保和养老保险参保、医疗救助，一次告知、一窗受理。',
    audience: 'personal' as const,
    item_codes: ['CJZ-001', 'CJBT-001', 'YBCB-001', 'YLBX-001', 'YLJZ-001'],
  },
];

/** Inserts one item and publishes its first version (demo data and benchmarks; no audit, no scope). */
export async function insertPublished(
  tx: Tx,
  orgId: string,
  content: ItemContent,
  base: { id: string; version: number } | null,
  now: Date,
): Promise<{ id: string; version: number }> {
  const item = await repo.insertItem(
    tx,
    {
      orgId,
      code: content.code,
      name: content.name,
      tier: base ? 'local' : 'base',
      baseItemId: base?.id ?? null,
      baseVersion: base?.version ?? null,
    },
    now,
  );
  if (!item) throw new Error(`demo item ${content.code} already exists`);
  await repo.insertVersion(tx, { itemId: item.id, version: 1, orgId, content, createdBy: null }, now);
  await repo.updateItemRow(
    tx,
    item.id,
    item.version,
    { name: content.name, status: 'published', draftVersion: null, publishedVersion: 1, latestVersion: 1 },
    now,
  );
  await repo.setVersionStatus(tx, item.id, 1, 'published', now);
  return { id: item.id, version: 1 };
}

/**
 * Loads the demo catalog into the county with code `countyCode`: every item published in the base
 * catalog, every township's implementation list derived from it with the township's own address,
 * window staff and phone, and the life-event bundles. Runs inside the caller's (system) transaction.
 */
export async function seedDemoCatalog(tx: Tx, options: { countyCode: string; now: Date }): Promise<{ items: number; bundles: number }> {
  const county = await repo.findOrgIdByCode(tx, options.countyCode);
  if (!county) throw new Error(`demo county ${options.countyCode} not found`);
  const townships = [];
  for (const org of await listChildOrgs(tx, county.id, 'township')) {
    const clerks = await listStaffInRole(tx, [org.id], 'window_staff');
    townships.push({ ...org, staff: clerks[0]?.name ?? null });
  }
  const contents = demoCatalogContents();
  let count = 0;
  for (const content of contents) {
    const problems = checkItem(content, 'publish');
    if (problems.length > 0) throw new Error(`demo item ${content.code}: ${problems.map((p) => p.message).join('；')}`);
    const base = await insertPublished(tx, county.id, content, null, options.now);
    count += 1;
    for (const township of townships) {
      const local: ItemContent = {
        ...content,
        location: { ...content.location, address: `${township.address}（${township.name}大厅 ${content.window}）` },
        contacts: {
          ...content.contacts,
          staff: `${township.staff ?? '首问责任人'}（${township.name}）`,
          consultPhone: township.phone || content.contacts.consultPhone,
        },
      };
      await insertPublished(tx, township.id, local, base, options.now);
      count += 1;
    }
  }
  for (const [sort, bundle] of DEMO_BUNDLES.entries()) await repo.upsertBundle(tx, county.id, { ...bundle, sort }, options.now);
  for (const synonym of COMMON_SYNONYMS) await insertSynonym(tx, county.id, synonym, '系统初始化', options.now);
  return { items: count, bundles: DEMO_BUNDLES.length };
}
