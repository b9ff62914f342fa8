import type { CaseListPage } from '../../../../modules/cases/list/schemas.ts';
import type { CaseFeesView } from '../../../../modules/cases/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

export type CaseStatus =
  | 'submitted'
  | 'supplement_requested'
  | 'accepted'
  | 'suspended'
  | 'escalated'
  | 'concluded'
  | 'delivered'
  | 'closed'
  | 'refused'
  | 'withdrawn'
  | 'terminated'
  | 'revoked';
export type Warning = 'none' | 'pre' | 'yellow' | 'red';

export interface CaseSummary {
  id: string;
  caseNo: string;
  itemCode: string;
  itemName: string;
  handling: string;
  promisedDays: number;
  applicant: { type: 'person' | 'org'; name: string; idNumber: string; phone: string; address: string };
  channel: 'window' | 'online' | 'agent';
  status: CaseStatus;
  receivedOn: string;
  acceptedOn: string | null;
  due: string | null;
  suspendedOn: string | null;
  extendedDays: number;
  supplementNotices: number;
  result: 'granted' | 'denied' | null;
  warning: Warning;
  version: number;
}

export interface Escalation {
  to: string;
  escalatedOn: string;
  preReviewDueOn: string | null;
  onTime: boolean;
  workingDaysLate: number;
  countyCaseNo: string | null;
  countyAcceptedOn: string | null;
  countyDueOn: string | null;
  countyResult: 'granted' | 'denied' | null;
  countyDecidedOn: string | null;
  documentNo: string | null;
}

export interface CaseDetail extends CaseSummary {
  /** 办理情形 ticked at intake (the guide's names). */
  situations: string[];
  allowedActs: string[];
  stageDue: string | null;
  escalation: Escalation | null;
  materials: {
    name: string;
    required: boolean;
    received: boolean;
    pending: boolean;
    fileId: string | null;
    pendingAllowed: boolean;
    commitmentAllowed: boolean;
    byCommitment: boolean;
  }[];
  events: { seq: number; act: string; actorName: string; at: string; businessDate: string; payload: Record<string, unknown> }[];
  /** 收费: lines in fen, the total and the settlement. */
  fees: CaseFeesView;
  /** 延期申请 awaiting the director (第四十二条); null when none. */
  extensionRequest: { requestedAt: string; days: number; reason: string; requestedBy: string } | null;
}

/** 办件列表: one page of the list for these filters (GET /api/cases's query), and where the next page starts. */
export const listCases = (query: Record<string, string | undefined>) => api.get<CaseListPage>(`/api/cases${queryString(query)}`);
export const getCase = (id: string) => api.get<CaseDetail>(`/api/cases/${id}`);
export const actOnCase = (id: string, act: string, body: Record<string, unknown>, key: string) =>
  api.post<CaseDetail>(`/api/cases/${id}/${act}`, body, key);
export const openCase = (body: Record<string, unknown>, key: string) => api.post<{ id: string; caseNo: string }>('/api/cases', body, key);
export const revealApplicant = (id: string, reason: string, key: string) =>
  api.post<{ idNumber: string; phone: string }>(`/api/cases/${id}/reveal`, { reason }, key);

/** A material's scan or photo, sent as it is: the server recognises the type by its content (R8). */
export const uploadMaterialFile = (file: Blob, name: string, key: string) =>
  api.upload<{ id: string; name: string; mediaType: string }>(
    `/api/files?name=${encodeURIComponent(name)}`,
    { data: file, type: 'application/octet-stream' },
    key,
  );
/** 退费: a fee paid in error, given back against a refund voucher. */
export const refundFee = (detail: Pick<CaseDetail, 'id' | 'version'>, refundNo: string, reason: string, key: string) =>
  api.post<CaseDetail>(`/api/cases/${detail.id}/fee-refund`, { version: detail.version, refundNo, reason }, key);
/** 窗口上传: keeps an uploaded file as the scan of a material already received. */
export const attachMaterialFile = (detail: Pick<CaseDetail, 'id' | 'version'>, name: string, fileId: string, key: string) =>
  api.post<CaseDetail>(`/api/cases/${detail.id}/material-files`, { version: detail.version, name, fileId }, key);
