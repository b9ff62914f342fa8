import type { VerificationView } from '../../../../modules/cases/verification/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

export type Verification = VerificationView;

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
