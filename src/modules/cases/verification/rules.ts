import type { BusinessDate } from '../../../shared/business-date.ts';
import { VERIFICATION_DAYS_DEFAULT } from '../../../shared/verification-period.ts';

/**
 * 事中事后核查 (告知承诺制): how long the check may take and what the refusal of a person with bad credit
 * says. Pure. Each item sets its period (copied to the case at intake); older cases use the default.
 */
export { VERIFICATION_DAYS_DEFAULT };

/** The working days the check of a case may take: its item's period, else the default. */
export const verificationDaysOf = (caseDays: number | null): number => caseDays ?? VERIFICATION_DAYS_DEFAULT;

export const VERIFICATION_OUTCOMES = ['true', 'false'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];
export type VerificationStatus = 'open' | VerificationOutcome;

export const VERIFICATION_OUTCOME_LABELS: Record<VerificationOutcome, string> = { true: '属实', false: '不实' };

/** The materials a case received by commitment: what the task must check. */
export function committedMaterials(materials: readonly { name: string; byCommitment: boolean }[]): string[] {
  return materials.filter((material) => material.byCommitment).map((material) => material.name);
}

/** A standing 失信记录 as the refusal names it. */
export interface StandingBadCredit {
  caseNo: string;
  recordedOn: BusinessDate;
  reason: string;
}

/**
 * The refusal of 告知承诺 or 容缺受理 for an applicant with standing bad credit (国办发〔2020〕42号), or
 * null when nothing asked for is excluded.
 */
export function badCreditRefusal(
  standing: StandingBadCredit | null,
  asked: { commitments: readonly string[]; pending: readonly string[] },
): string | null {
  if (standing === null) return null;
  const ways = [...(asked.commitments.length > 0 ? ['告知承诺'] : []), ...(asked.pending.length > 0 ? ['容缺受理'] : [])];
  if (ways.length === 0) return null;
  const materials = [...asked.commitments, ...asked.pending].map((name) => `“${name}”`).join('、');
  return (
    `申请人有失信记录（办件 ${standing.caseNo}，${standing.recordedOn} 记录：${standing.reason}），信用修复前不适用${ways.join('、')}：` +
    `${materials}须提交证明材料本身。`
  );
}
