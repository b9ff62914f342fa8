import { feeFactsOf, type FeeStatus } from './fees.rules.ts';
import type { CaseFacts } from './transitions.ts';

/**
 * What the state machine needs to know of a case beyond its status: its fees, its one extension (第42条),
 * and for an accepted case whether any 容缺 material is still pending (补齐材料 is offered only then;
 * before acceptance the one-time notice names what to supply).
 */
export function caseFactsOf(
  record: { feeStatus: FeeStatus; status: string; extendedDays: number; extensionRequestedAt: Date | null },
  materials: readonly { pending: boolean }[],
): CaseFacts {
  const extension = record.extendedDays > 0 ? 'used' : record.extensionRequestedAt !== null ? 'requested' : 'none';
  return {
    ...feeFactsOf(record),
    extension,
    isNothingToSupply: record.status === 'accepted' && !materials.some((material) => material.pending),
  };
}
