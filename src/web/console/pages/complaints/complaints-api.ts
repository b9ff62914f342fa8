import type { ComplaintDetailView, ComplaintView } from '../../../../modules/complaints/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

/** 投诉·举报 for staff (complaints/routes.ts): list, detail, transcription and the acts. */
export type Complaint = ComplaintView;
export type ComplaintDetail = ComplaintDetailView;
export type ComplaintActName = ComplaintView['allowedActs'][number];

export async function listComplaints(filter: { status?: string; kind?: string; month?: string }): Promise<Complaint[]> {
  return (await api.get<{ complaints: Complaint[] }>(`/api/complaints${queryString(filter)}`)).complaints;
}

export const getComplaint = (id: string) => api.get<ComplaintDetail>(`/api/complaints/${id}`);

export const transcribeComplaint = (body: Record<string, string>, key: string) =>
  api.post<{ id: string; trackingCode: string }>('/api/complaints', body, key);

export const actOnComplaint = (id: string, act: ComplaintActName, body: Record<string, unknown>, key: string) =>
  api.post<Complaint>(`/api/complaints/${id}/${act}`, body, key);
