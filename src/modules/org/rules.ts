import type { OrgKind } from '../../kernel/context.ts';

/** 统计用区划代码: county = 6 digits + 000000, township = 9 digits + 000, village = 12 digits. */
export function checkDivisionCode(kind: OrgKind, code: string, parentCode: string | null): string | null {
  if (!/^\d{12}$/.test(code)) return '区划代码应为 12 位数字';
  switch (kind) {
    case 'county':
      if (!code.endsWith('000000') || code.slice(4, 6) === '00') return '县级区划代码应为前 6 位县级代码加 000000';
      return null;
    case 'township':
      if (!code.endsWith('000') || code.slice(6, 9) === '000') return '乡镇区划代码应为前 9 位乡镇代码加 000';
      if (parentCode !== null && code.slice(0, 6) !== parentCode.slice(0, 6)) return '乡镇区划代码的前 6 位应与所属县一致';
      return null;
    case 'village':
      if (code.slice(9, 12) === '000') return '村级区划代码后 3 位不能为 000';
      if (parentCode !== null && code.slice(0, 9) !== parentCode.slice(0, 9)) return '村级区划代码的前 9 位应与所属乡镇一致';
      return null;
  }
}

/** The kind a child of `parentKind` must have: county → township → village. */
export function childKindOf(parentKind: OrgKind): OrgKind | null {
  switch (parentKind) {
    case 'county':
      return 'township';
    case 'township':
      return 'village';
    case 'village':
      return null;
  }
}

export interface OfficeHours {
  from: string;
  to: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Office hours are ordered, non-overlapping HH:MM ranges within one day. */
export function checkOfficeHours(ranges: readonly OfficeHours[]): string | null {
  let previousEnd = '';
  for (const range of ranges) {
    if (!HHMM.test(range.from) || !HHMM.test(range.to)) return '办公时间应为 HH:MM 格式';
    if (range.from >= range.to) return `办公时间 ${range.from}–${range.to} 的结束应晚于开始`;
    if (previousEnd !== '' && range.from < previousEnd) return '办公时间段应按先后排列且不重叠';
    previousEnd = range.to;
  }
  return null;
}

/** "7+X" model of the seeds: seven standard stations plus local ones. */
export const DEPARTMENT_CATEGORIES = [
  'party_gov',
  'stability',
  'civil_affairs_hr',
  'medical_insurance',
  'health',
  'land_planning',
  'general',
  'local',
] as const;
export type DepartmentCategory = (typeof DEPARTMENT_CATEGORIES)[number];

export const DEPARTMENT_CATEGORY_LABELS: Record<DepartmentCategory, string> = {
  party_gov: '党政服务',
  stability: '综治维稳',
  civil_affairs_hr: '民政人社',
  medical_insurance: '新农合/医保',
  health: '人口计生/卫健',
  land_planning: '国土村规',
  general: '综合服务',
  local: '其他',
};
