import type { NoticeView } from '../../../../modules/notices/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

export type Notice = NoticeView;

/** 通知 (the outbox): the latest messages to applicants of the caller's orgs, or those of one case. */
export async function listNotices(limit: number, caseId?: string): Promise<Notice[]> {
  return (await api.get<{ notices: Notice[] }>(`/api/notices${queryString({ limit, caseId })}`)).notices;
}
