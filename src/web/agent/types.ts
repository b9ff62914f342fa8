/**
 * What the agent app exchanges with the server. These mirror `src/modules/agency/schemas.ts` and
 * `src/modules/auth/schemas.ts`: importing those (even for types) would pull the server's modules into
 * the web's type check, so the web keeps this copy, as the console does in its agency-api.ts.
 */

/** registered 已登记 → forwarded 已报送 → received 乡镇已接收 → concluded 已办结 → returned 已返还到村 → notified 已告知 → signed 已签收. */
export type AgencyStatus = 'registered' | 'forwarded' | 'received' | 'concluded' | 'returned' | 'notified' | 'signed';
export type Warning = 'none' | 'pre' | 'yellow' | 'red';
export type Satisfaction = 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';

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

export interface LegView {
  leg: 'forward' | 'process' | 'return' | 'notify';
  label: string;
  dueOn: string | null;
  doneAt: string | null;
  onTime: boolean | null;
  warning: Warning;
}

export interface AgencyRequestView {
  id: string;
  requestNo: string;
  status: AgencyStatus;
  statusLabel: string;
  version: number;
  village: { id: string; name: string };
  agent: { id: string; name: string; phone: string };
  item: { code: string; name: string };
  applicant: { type: 'person' | 'org'; name: string; idNumber: string; phone: string };
  materials: { name: string; received: boolean; fileId: string | null }[];
  registeredAt: string;
  case: { id: string; caseNo: string; status: string; dueOn: string | null } | null;
  /** 补正 travels back through the agent: the notice the township issued, until the case moves on. */
  supplementNotice: { at: string; materials: { name: string; reason: string }[]; note: string } | null;
  legs: LegView[];
  warning: Warning;
  fee: { amountFen: number; receiptNo: string; collectedAt: string } | null;
  receipt: { signedAt: string; signatureFileId: string; satisfaction: Satisfaction; satisfactionLabel: string } | null;
  events: { kind: string; label: string; at: string; actorName: string; data: Record<string, unknown> }[];
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
