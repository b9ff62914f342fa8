import { feeFactsOf, type FeeStatus } from './fees.rules.ts';
import type { CaseFacts } from './transitions.ts';

/** What the state machine needs to know of a case beyond its status: its fees and its one extension (第42条). */
export function caseFactsOf(record: { feeStatus: FeeStatus; extendedDays: number; extensionRequestedAt: Date | null }): CaseFacts {
  const extension = record.extendedDays > 0 ? 'used' : record.extensionRequestedAt !== null ? 'requested' : 'none';
  return { ...feeFactsOf(record), extension };
}
