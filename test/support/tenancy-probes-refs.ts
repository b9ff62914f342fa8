import type { Role } from '../../src/kernel/context.ts';
import type { ProbeRequest } from './tenancy-probe-kit.ts';
import type { HomeObjects, TenantWorld } from './tenancy-world.ts';

/**
 * R4, the other way in: a request about one's own object that names another tenant's object inside
 * it (a department for one's window, a colleague as B post, an assignee, a village, an attachment).
 * Each must be refused with the module's own code and reason, and change nothing.
 */
export interface RefProbe {
  route: string;
  role: Extract<Role, 'director' | 'window_staff' | 'agent'>;
  request: (home: HomeObjects, w: TenantWorld, other: TenantWorld) => ProbeRequest;
  refuse: string;
  /** The refusal's detail must say why (so it is this check that refused, not another). */
  detail: RegExp;
}

const APPLICANT = { type: 'person', name: '韦光明', idNumber: '451029198503120017', phone: '13977612345' };

export const REF_PROBES: RefProbe[] = [
  {
    route: 'POST /api/queue/categories',
    role: 'director',
    request: (home, w) => ({
      method: 'POST',
      url: '/api/queue/categories',
      payload: { orgId: home.town.township.id, code: 'ref', name: '跨镇类别', prefix: 'R', windowIds: [w.town.windowId] },
    }),
    refuse: 'QUEUE_WINDOW_INVALID',
    detail: /只能由本中心的窗口办理/,
  },
  {
    route: 'POST /api/windows',
    role: 'director',
    request: (home, w) => ({
      method: 'POST',
      url: '/api/windows',
      payload: { orgId: home.town.township.id, number: '98', name: '跨镇窗口', departmentIds: [w.department.id] },
    }),
    refuse: 'WINDOW_INVALID',
    detail: /只能服务本机构的部门/,
  },
  {
    route: 'PATCH /api/windows/{id}',
    role: 'director',
    request: (home, w) => ({
      method: 'PATCH',
      url: `/api/windows/${home.town.windowId}`,
      payload: { version: 1, departmentIds: [w.department.id] },
    }),
    refuse: 'WINDOW_INVALID',
    detail: /只能服务本机构的部门/,
  },
  {
    route: 'POST /api/staff',
    role: 'director',
    request: (home, w) => ({
      method: 'POST',
      url: '/api/staff',
      payload: {
        orgId: home.town.township.id,
        username: `ref${w.tag.toLowerCase()}`,
        name: '跨镇人员',
        role: 'window_staff',
        departmentId: w.department.id,
        password: 'Aa1!aaaaaa',
      },
    }),
    refuse: 'STAFF_INVALID',
    detail: /部门站所不属于该机构/,
  },
  {
    route: 'PATCH /api/staff/{id}',
    role: 'director',
    request: (home, w) => ({ method: 'PATCH', url: `/api/staff/${home.town.window.id}`, payload: { version: 1, windowId: w.window.id } }),
    refuse: 'STAFF_INVALID',
    detail: /窗口不属于该机构/,
  },
  {
    route: 'POST /api/staff/{id}/backup',
    role: 'director',
    request: (home, w) => ({
      method: 'POST',
      url: `/api/staff/${home.town.window.id}/backup`,
      payload: { version: 1, backupId: w.staff.id },
    }),
    refuse: 'STAFF_INVALID',
    detail: /同一机构/,
  },
  {
    route: 'PUT /api/agency/agents/{id}/villages',
    role: 'director',
    request: (home, w) => ({
      method: 'PUT',
      url: `/api/agency/agents/${home.town.agent.id}/villages`,
      payload: { villageIds: [w.town.village.id] },
    }),
    refuse: 'AGENCY_VILLAGE_NOT_COVERED',
    detail: /本中心所辖的村/,
  },
  {
    route: 'POST /api/items/derive',
    role: 'director',
    request: (home, _w, other) => ({
      method: 'POST',
      url: '/api/items/derive',
      payload: { orgId: home.town.township.id, baseItemId: other.baseItem.id },
    }),
    refuse: 'ITEM_NOT_FOUND',
    detail: /本县已发布/,
  },
  {
    route: 'POST /api/cases/{id}/steps',
    role: 'window_staff',
    request: (home, w) => ({
      method: 'POST',
      url: `/api/cases/${home.case.id}/steps`,
      payload: { version: home.case.version, steps: [{ name: '跨镇步骤', departmentId: w.department.id, days: 2 }] },
    }),
    refuse: 'CASE_STEP_INVALID',
    detail: /不是本中心的在用部门/,
  },
  {
    route: 'POST /api/cases/{id}/steps',
    role: 'window_staff',
    request: (home, w) => ({
      method: 'POST',
      url: `/api/cases/${home.case.id}/steps`,
      payload: {
        version: home.case.version,
        steps: [{ name: '跨镇经办', departmentId: home.town.departmentId, assigneeId: w.town.reviewer.id, days: 2 }],
      },
    }),
    refuse: 'CASE_STEP_INVALID',
    detail: /经办人须是本中心在岗工作人员/,
  },
  {
    route: 'POST /api/cases/{id}/steps/{stepId}/reassign',
    role: 'window_staff',
    request: (home, w) => ({
      method: 'POST',
      url: `/api/cases/${home.case.id}/steps/${home.case.stepId}/reassign`,
      payload: { version: home.case.stepVersion, assigneeId: w.town.reviewer.id },
    }),
    refuse: 'CASE_STEP_INVALID',
    detail: /经办人须是本中心在岗工作人员/,
  },
  {
    route: 'POST /api/cases',
    role: 'window_staff',
    request: (_home, _w, other) => ({
      method: 'POST',
      url: '/api/cases',
      payload: {
        itemCode: 'LB-001',
        applicant: APPLICANT,
        materials: [{ name: '申请人居民身份证', received: true, fileId: other.fileId }],
      },
    }),
    refuse: 'CASE_INVALID',
    detail: /材料文件不存在/,
  },
  {
    route: 'POST /api/agency/requests',
    role: 'agent',
    request: (home, w) => ({
      method: 'POST',
      url: '/api/agency/requests',
      payload: {
        requestNo: `${home.request.prefix}-20261015-002`,
        villageId: home.town.village.id,
        itemCode: 'LB-001',
        applicant: APPLICANT,
        consent: true,
        materials: [{ name: '申请人居民身份证', received: true, fileId: w.fileId }],
      },
    }),
    refuse: 'AGENCY_INVALID',
    detail: /材料照片不存在/,
  },
  {
    route: 'POST /api/agency/requests/{id}/reassign',
    role: 'window_staff',
    request: (home, w) => ({
      method: 'POST',
      url: `/api/agency/requests/${home.request.id}/reassign`,
      payload: { version: home.request.version, agentId: w.town.agent.id, reason: '跨镇改派' },
    }),
    refuse: 'AGENCY_AGENT_NOT_FOUND',
    detail: /不是本村在岗的代办员/,
  },
];
