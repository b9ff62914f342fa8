import type { Tx } from '../../db/db.ts';
import type { WorkCalendar } from '../calendar/index.ts';

/** The published item a case is opened under (from the catalog), at the version in force. */
export interface CaseItem {
  code: string;
  name: string;
  version: number;
  handling: 'immediate' | 'promised' | 'joint' | 'escalated' | 'reply';
  promisedDays: number;
  legalDays: number;
  /** 时限计算方式 of the item's limits. */
  dayKind: 'working' | 'calendar';
  /** 办理情形 of the guide, by name; the applicant's are chosen at intake. */
  situations?: string[];
  /** `situations`: the situations a material applies to (names); empty or absent = every situation. */
  materials: { name: string; required: boolean; pendingAllowed: boolean; commitmentAllowed?: boolean; situations?: string[] }[];
  /** 收费标准 as published: amounts in yuan (元); the case stores them as integer fen. Empty: 不收费. */
  fees: { name: string; amount: number }[];
  /** 事项类型 and the first 设定依据: the wording of the notices follows them (absent: 行政许可). */
  itemType?: string;
  basis?: string;
  /** 事中事后核查期限 (working days after acceptance) for materials received by commitment; absent: the county default. */
  verificationDays?: number;
}

/** Where a case opened from a village agent's request stands, after every act on it (the agent carries it on). */
export interface AgentCaseChange {
  caseId: string;
  status: string;
  /** Due date of the stage now running (null when the clock is stopped or done). */
  dueOn: string | null;
  at: Date;
  /** The 补正 notice just issued, which travels back through the agent. */
  supplement: { materials: { name: string; reason: string }[]; note: string } | null;
}

/** What the case workflow needs from other capabilities; wired in by the composition root. */
export interface CaseDeps {
  findItem(tx: Tx, orgId: string, itemCode: string): Promise<CaseItem | null>;
  calendarFor(tx: Tx, orgId: string): Promise<WorkCalendar>;
  /** The platform's public address (YIZHAN_PUBLIC_URL or the request's), for the tracking link in messages to the applicant. */
  publicUrl?: string;
  /** Told, in the same transaction, of every change to a case whose channel is `agent`. */
  onAgentCaseChanged?(tx: Tx, change: AgentCaseChange): Promise<void>;
}
