/**
 * A village agency request as the server shows it, shared by the agent app and the console. A copy of
 * `src/modules/agency/schemas.ts` for now: that file and agency/legs.rules.ts are safe in a browser, but
 * legs.rules.ts takes WorkCalendar from calendar/index.ts, which drags the calendar module's routes
 * (and Fastify's request augmentation, declared in src/server) into the web's type check. Once it
 * imports the type from a pure file, these become `z.infer` of the schemas.
 */

/** registered 已登记 → forwarded 已报送 → received 乡镇已接收 → concluded 已办结 → returned 已返还到村 → notified 已告知 → signed 已签收. */
export const AGENCY_STATUSES = ['registered', 'forwarded', 'received', 'concluded', 'returned', 'notified', 'signed'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];
export const AGENCY_LEGS = ['forward', 'process', 'return', 'notify'] as const;
export type AgencyLeg = (typeof AGENCY_LEGS)[number];
export type AgencyWarning = 'none' | 'pre' | 'yellow' | 'red';
export type AgencyAct = 'forward' | 'receive' | 'return' | 'notify' | 'sign' | 'collect-fee' | 'reassign';
export type Satisfaction = 'very_satisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'very_dissatisfied';

export interface LegView {
  leg: AgencyLeg;
  label: string;
  dueOn: string | null;
  doneAt: string | null;
  onTime: boolean | null;
  warning: AgencyWarning;
}

export interface AgencyEventView {
  kind: string;
  label: string;
  at: string;
  actorName: string;
  data: Record<string, unknown>;
}

export interface AgencyRequestView {
  id: string;
  requestNo: string;
  status: AgencyStatus;
  statusLabel: string;
  /** What the viewer may do now (status, holder, township window), as the server decides it: the buttons follow it. */
  allowedActs: AgencyAct[];
  version: number;
  village: { id: string; name: string };
  agent: { id: string; name: string; phone: string };
  item: { code: string; name: string };
  applicant: { type: 'person' | 'org'; name: string; idNumber: string; phone: string };
  materials: { name: string; required: boolean; received: boolean; fileId: string | null }[];
  registeredAt: string;
  case: { id: string; caseNo: string; status: string; dueOn: string | null } | null;
  /** 补正 travels back through the agent: the notice the township issued, until the case moves on. */
  supplementNotice: { at: string; materials: { name: string; reason: string }[]; note: string } | null;
  legs: LegView[];
  warning: AgencyWarning;
  fee: { amountFen: number; receiptNo: string; collectedAt: string } | null;
  receipt: { signedAt: string; signatureFileId: string; satisfaction: Satisfaction; satisfactionLabel: string } | null;
  events: AgencyEventView[];
}
