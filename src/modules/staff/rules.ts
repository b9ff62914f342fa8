import type { OrgKind, Role } from '../../kernel/context.ts';

/** Which level of the tree each role works at: agents at villages, county roles at the county. */
export function checkRoleFitsOrg(role: Role, orgKind: OrgKind): string | null {
  switch (role) {
    case 'county_admin':
    case 'supervisor':
      return orgKind === 'county' ? null : '县中心管理员和电子监察人员只能属于县级机构';
    case 'agent':
      return orgKind === 'village' ? null : '村代办员应属于村（社区）';
    case 'director':
    case 'window_staff':
    case 'reviewer':
      return orgKind === 'village' ? '中心主任、窗口工作人员和站所审核人应属于县或乡镇中心' : null;
  }
}

export const ROLE_LABELS: Record<Role, string> = {
  county_admin: '县中心管理员',
  director: '中心主任',
  window_staff: '窗口工作人员',
  reviewer: '站所审核人',
  agent: '村代办员',
  supervisor: '电子监察',
};
