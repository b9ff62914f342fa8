import type { Tx } from '../../src/db/db.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/index.ts';
import { followAgentCase, type AgencyDeps, type AgencyItem } from '../../src/modules/agency/index.ts';
import type { CaseDeps, CaseItem } from '../../src/modules/cases/index.ts';

/**
 * Items at the case workflow's port. The catalog module is the source in the product; until it
 * serves published versions these realistic items stand at the port (the calendar is the real one).
 */
export const TEST_ITEMS: Record<string, CaseItem> = {
  'ZJD-001': {
    code: 'ZJD-001',
    name: '农村村民宅基地和建房（规划许可）审批',
    version: 3,
    handling: 'promised',
    promisedDays: 5,
    dayKind: 'working',
    legalDays: 20,
    materials: [
      { name: '农村宅基地和建房（规划许可）申请表', required: true, pendingAllowed: false },
      { name: '申请人居民身份证', required: true, pendingAllowed: false },
      { name: '户口簿', required: true, pendingAllowed: true },
      { name: '建房设计图或通用图', required: false, pendingAllowed: false },
      { name: '申请人及家庭成员无其他宅基地的证明', required: false, pendingAllowed: false, commitmentAllowed: true },
    ],
    fees: [],
  },
  'LB-001': {
    code: 'LB-001',
    name: '乡村建设规划许可（联办）',
    version: 1,
    handling: 'joint',
    promisedDays: 20,
    dayKind: 'working',
    legalDays: 45,
    materials: [{ name: '申请人居民身份证', required: true, pendingAllowed: false }],
    fees: [],
  },
  'LMCF-001': {
    code: 'LMCF-001',
    name: '林木采伐许可证核发（乡镇初审，报县审批）',
    version: 1,
    handling: 'escalated',
    promisedDays: 25,
    dayKind: 'working',
    legalDays: 40,
    materials: [{ name: '申请人居民身份证', required: true, pendingAllowed: false }],
    fees: [],
  },
  'XF-001': {
    code: 'XF-001',
    name: '信访事项受理',
    version: 1,
    handling: 'reply',
    promisedDays: 15,
    dayKind: 'working',
    legalDays: 15,
    materials: [{ name: '信访事项材料', required: true, pendingAllowed: false }],
    fees: [],
  },
  'TJ-001': {
    code: 'TJ-001',
    name: '人民调解',
    version: 1,
    handling: 'promised',
    promisedDays: 15,
    dayKind: 'calendar',
    legalDays: 30,
    materials: [{ name: '调解申请书', required: true, pendingAllowed: false }],
    fees: [],
  },
  'GLJT-001': {
    code: 'GLJT-001',
    name: '高龄津贴申领',
    version: 1,
    handling: 'immediate',
    promisedDays: 0,
    dayKind: 'working',
    legalDays: 20,
    materials: [{ name: '申请人居民身份证', required: true, pendingAllowed: false }],
    fees: [],
  },
  'GTZ-001': {
    code: 'GTZ-001',
    name: '宅基地使用权及房屋所有权首次登记',
    version: 2,
    handling: 'promised',
    promisedDays: 5,
    dayKind: 'working',
    legalDays: 30,
    materials: [
      { name: '不动产登记申请书', required: true, pendingAllowed: false },
      { name: '申请人居民身份证', required: true, pendingAllowed: false },
      { name: '宅基地批准文件', required: true, pendingAllowed: false },
    ],
    /** 发改价格规〔2016〕2559号: 住宅类不动产登记收费标准为每件 80 元（含第一本证书工本费）. */
    fees: [{ name: '不动产登记费（住宅类）', amount: 80 }],
  },
};

export const testCaseDeps: CaseDeps = {
  findItem: (_tx: Tx, _orgId: string, code: string) => Promise.resolve(TEST_ITEMS[code] ?? null),
  calendarFor: (tx: Tx, orgId: string) => loadWorkCalendar(tx, orgId),
};

/** The test items as a village agent sees them: every one may be carried by an agent. */
const agencyItemOf = (item: CaseItem): AgencyItem => ({ ...item, department: '综合服务站', agentable: true });

/** Cases and agency wired to each other as in the product, over the test items. */
export function testWorkflowDeps(): { caseDeps: CaseDeps; agencyDeps: AgencyDeps } {
  const caseDeps: CaseDeps = { ...testCaseDeps, onAgentCaseChanged: (tx, change) => followAgentCase(tx, change, agencyDeps) };
  const agencyDeps: AgencyDeps = {
    cases: caseDeps,
    findItem: (_tx, _orgId, code) => Promise.resolve(TEST_ITEMS[code] ? agencyItemOf(TEST_ITEMS[code]) : null),
    listAgentableItems: () => Promise.resolve(Object.values(TEST_ITEMS).map(agencyItemOf)),
  };
  return { caseDeps, agencyDeps };
}
