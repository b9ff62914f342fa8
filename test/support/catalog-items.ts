import type { Tx } from '../../src/db/db.ts';
import { insertPublishedItem } from '../../src/modules/catalog/index.ts';
import { ItemContent, type ItemContentInput } from '../../src/modules/catalog/schemas.ts';

const ID_CARD = { name: '申请人居民身份证', required: true, pendingAllowed: false };

/** What every test item shares: a township item an agent may carry, disclosed as the guide must be. */
function testItem(
  item: Pick<ItemContentInput, 'code' | 'name' | 'handling' | 'promisedDays' | 'legalDays' | 'materials'> & Partial<ItemContentInput>,
): ItemContent {
  return ItemContent.parse({
    itemType: '行政许可',
    audience: ['personal'],
    department: '综合服务站',
    window: '1 号综合受理窗口',
    handledAt: 'township',
    basis: ['《中华人民共和国行政许可法》'],
    conditions: ['本乡镇户籍居民'],
    procedure: [{ name: '受理', actor: '综合受理窗口', days: 1 }],
    delivery: ['window', 'agent'],
    agentable: true,
    location: { address: '镇政府大院便民服务中心', officeHours: '工作日 08:30–12:00，15:00–18:00' },
    contacts: { staff: '首问责任人', consultPhone: '0776-7211001', supervisePhone: '0776-7212300' },
    ...item,
  });
}

/**
 * Items the case and agency tests open cases under, published in each test county's base catalog
 * through the catalog module (townships inherit them), so tests run on the product's own catalog.
 */
export const TEST_ITEM_CONTENTS: readonly ItemContent[] = [
  testItem({
    code: 'ZJD-001',
    name: '农村村民宅基地和建房（规划许可）审批',
    handling: 'promised',
    promisedDays: 5,
    legalDays: 20,
    // Its own 事中事后核查 period, shorter than the default of 20 (the case copies it at intake).
    verificationDays: 10,
    materials: [
      { name: '农村宅基地和建房（规划许可）申请表', required: true },
      ID_CARD,
      { name: '户口簿', required: true, pendingAllowed: true },
      { name: '建房设计图或通用图', required: false },
      { name: '申请人及家庭成员无其他宅基地的证明', required: false, commitmentAllowed: true },
    ],
  }),
  testItem({ code: 'LB-001', name: '乡村建设规划许可（联办）', handling: 'joint', promisedDays: 20, legalDays: 45, materials: [ID_CARD] }),
  testItem({
    code: 'LMCF-001',
    name: '林木采伐许可证核发（乡镇初审，报县审批）',
    handling: 'escalated',
    handledAt: 'county',
    promisedDays: 25,
    legalDays: 40,
    materials: [ID_CARD],
  }),
  testItem({
    code: 'XF-001',
    name: '信访事项受理',
    itemType: '其他行政权力',
    handling: 'reply',
    promisedDays: 15,
    legalDays: 15,
    materials: [{ name: '信访事项材料', required: true }],
  }),
  testItem({
    code: 'TJ-001',
    name: '人民调解',
    itemType: '公共服务',
    handling: 'promised',
    promisedDays: 15,
    legalDays: 30,
    dayKind: 'calendar',
    materials: [{ name: '调解申请书', required: true }],
  }),
  testItem({
    code: 'GLJT-001',
    name: '高龄津贴申领',
    itemType: '行政给付',
    handling: 'immediate',
    promisedDays: 0,
    legalDays: 20,
    materials: [ID_CARD],
  }),
  testItem({
    code: 'GTZ-001',
    name: '宅基地使用权及房屋所有权首次登记',
    itemType: '行政确认',
    handling: 'promised',
    promisedDays: 5,
    legalDays: 30,
    materials: [{ name: '不动产登记申请书', required: true }, ID_CARD, { name: '宅基地批准文件', required: true }],
    /** 发改价格规〔2016〕2559号: 住宅类不动产登记收费标准为每件 80 元（含第一本证书工本费）. */
    fees: [{ name: '不动产登记费（住宅类）', amount: 80, basis: '发改价格规〔2016〕2559号' }],
  }),
];

/** Publishes the test items in `countyId`'s base catalog (inside the caller's system transaction). */
/** A case body handing in every required material of a test item (derived from the item, never copied into a test). */
export function handedIn(code: string): { itemCode: string; materials: { name: string; received: true }[] } {
  const item = TEST_ITEM_CONTENTS.find((candidate) => candidate.code === code);
  if (!item) throw new Error(`no test item ${code}`);
  return { itemCode: code, materials: item.materials.filter((m) => m.required).map((m) => ({ name: m.name, received: true })) };
}

export async function publishTestItems(tx: Tx, countyId: string, now: Date): Promise<void> {
  for (const content of TEST_ITEM_CONTENTS) await insertPublishedItem(tx, countyId, content, null, now);
}
