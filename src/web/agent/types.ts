/**
 * What the agent app exchanges with the server: copies of `src/modules/agency/schemas.ts` until the web
 * can type-check that file (see shared/agency-view.ts); the signed-in agent is auth's SessionUserView.
 */

import type { AgencyWarning } from '../shared/agency-view.ts';

export type { AgencyStatus, AgencyRequestView, LegView, Satisfaction } from '../shared/agency-view.ts';
export type Warning = AgencyWarning;
export type { SessionUser } from '../shared/auth-api.ts';

export interface AgentProfile {
  agentId: string;
  name: string;
  villages: { id: string; code: string; name: string; townshipName: string }[];
  legLimits: { forwardDays: number; returnDays: number; notifyDays: number };
}

export interface AgentableItem {
  code: string;
  name: string;
  department: string;
  promisedDays: number;
  /** 时限计算方式 (absent from lists cached before it was sent: working days). */
  dayKind?: 'working' | 'calendar';
  /** The catalog's search key (汉字, 全拼, 首字母, 简称, code); absent from lists cached before it was sent. */
  searchKey?: string;
  /** 办理情形 of the guide (absent from lists cached before they were sent). */
  situations?: string[];
  /** `situations`: the 办理情形 a material applies to; empty or absent: every applicant. */
  materials: { name: string; required: boolean; situations?: string[] }[];
  fees: { name: string; amount: number }[];
}

/** The number prefix the server issues once per device. */
export interface DeviceView {
  prefix: string;
  agentName: string;
}

/** CreateRequestBody as the device sends it (materials get their file ids when the photos are uploaded). */
export interface CreateRequestBody {
  requestNo: string;
  villageId: string;
  itemCode: string;
  applicant: { type: 'person'; name: string; idNumber: string; phone: string; address: string };
  consent: true;
  /** 办理情形 the agent ticked (absent on drafts saved before the app asked). */
  situations?: string[];
  materials: { name: string; received: boolean; fileId?: string }[];
  /** By the server's clock as the phone knows it (what the legs count from). */
  registeredAt: string;
  /** The phone's own clock at that moment: evidence only. */
  deviceTime?: string;
}
