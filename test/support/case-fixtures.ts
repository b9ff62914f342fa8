import type { Tx } from '../../src/db/db.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/index.ts';
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
    legalDays: 20,
    materials: [
      { name: '农村宅基地和建房（规划许可）申请表', required: true, pendingAllowed: false },
      { name: '申请人居民身份证', required: true, pendingAllowed: false },
      { name: '户口簿', required: true, pendingAllowed: true },
      { name: '建房设计图或通用图', required: false, pendingAllowed: false },
    ],
  },
  'LB-001': {
    code: 'LB-001',
    name: '乡村建设规划许可（联办）',
    version: 1,
    handling: 'joint',
    promisedDays: 20,
    legalDays: 45,
    materials: [{ name: '申请人居民身份证', required: true, pendingAllowed: false }],
  },
  'LMCF-001': {
    code: 'LMCF-001',
    name: '林木采伐许可证核发（乡镇初审，报县审批）',
    version: 1,
    handling: 'escalated',
    promisedDays: 25,
    legalDays: 40,
    materials: [{ name: '申请人居民身份证', required: true, pendingAllowed: false }],
  },
  'XF-001': {
    code: 'XF-001',
    name: '信访事项受理',
    version: 1,
    handling: 'reply',
    promisedDays: 15,
    legalDays: 15,
    materials: [{ name: '信访事项材料', required: true, pendingAllowed: false }],
  },
  'GLJT-001': {
    code: 'GLJT-001',
    name: '高龄津贴申领',
    version: 1,
    handling: 'immediate',
    promisedDays: 0,
    legalDays: 20,
    materials: [{ name: '申请人居民身份证', required: true, pendingAllowed: false }],
  },
};

export const testCaseDeps: CaseDeps = {
  findItem: (_tx: Tx, _orgId: string, code: string) => Promise.resolve(TEST_ITEMS[code] ?? null),
  calendarFor: (tx: Tx, orgId: string) => loadWorkCalendar(tx, orgId),
};
