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
  materials: { name: string; required: boolean; pendingAllowed: boolean; commitmentAllowed?: boolean }[];
  /** 收费标准 as published: amounts in yuan (元); the case stores them as integer fen. Empty: 不收费. */
  fees: { name: string; amount: number }[];
}

/** What the case workflow needs from other capabilities; wired in by the composition root. */
export interface CaseDeps {
  findItem(tx: Tx, orgId: string, itemCode: string): Promise<CaseItem | null>;
  calendarFor(tx: Tx, orgId: string): Promise<WorkCalendar>;
}
