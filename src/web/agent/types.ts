/**
 * What the agent app exchanges with the server. These mirror `src/modules/agency/schemas.ts` and
 * `src/modules/auth/schemas.ts`: importing those (even for types) would pull the server's modules into
 * the web's type check, so the web keeps this copy, as the console does in its agency-api.ts.
 */

import type { AgencyWarning } from '../shared/agency-view.ts';

export type { AgencyStatus, AgencyRequestView, LegView, Satisfaction } from '../shared/agency-view.ts';
export type Warning = AgencyWarning;

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  role: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  mustChangePassword: boolean;
}

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
  materials: { name: string; required: boolean }[];
  fees: { name: string; amount: number }[];
}

/** CreateRequestBody as the device sends it (materials get their file ids when the photos are uploaded). */
export interface CreateRequestBody {
  requestNo: string;
  villageId: string;
  itemCode: string;
  applicant: { type: 'person'; name: string; idNumber: string; phone: string; address: string };
  consent: true;
  materials: { name: string; received: boolean; fileId?: string }[];
  registeredAt: string;
}
