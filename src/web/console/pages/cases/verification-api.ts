import type { BadCreditView, VerificationView } from '../../../../modules/cases/verification/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

export type Verification = VerificationView;
export type BadCredit = BadCreditView;

/** 失信记录 made by this case's check (repaired or not). */
export const getCaseBadCredit = async (caseId: string): Promise<BadCredit | null> =>
  (await api.get<{ records: BadCredit[] }>(`/api/bad-credit-records${queryString({ standing: 'false', caseId })}`)).records[0] ?? null;

/** 信用修复 (a director, with a reason). */
export const repairBadCredit = (record: Pick<BadCredit, 'id' | 'version'>, reason: string, key: string) =>
  api.post<BadCredit>(`/api/bad-credit-records/${record.id}/repair`, { version: record.version, reason }, key);

/** 事中事后核查 task of one case (at most one), whatever its status. */
export const getCaseVerification = async (caseId: string): Promise<Verification | null> =>
  (await api.get<{ verifications: Verification[] }>(`/api/case-verifications${queryString({ status: 'all', caseId })}`)).verifications[0] ??
  null;

export const recordVerificationOutcome = (
  task: Pick<Verification, 'id' | 'version'>,
  outcome: 'true' | 'false',
  note: string,
  key: string,
) => api.post<Verification>(`/api/case-verifications/${task.id}/outcome`, { version: task.version, outcome, note }, key);
