import { api } from '../shared/api.ts';
import type { AgencyRequestView, AgentableItem, AgentProfile, CreateRequestBody, DeviceView } from './types.ts';
import { VILLAGE_LINE } from './village-line.ts';

/** What the agent app asks of the agency module, every call over the village line (see village-line.ts). */

export const registerDevice = (key: string) => api.post<DeviceView>('/api/agency/devices', {}, key, VILLAGE_LINE);

export const fetchProfile = () => api.get<AgentProfile>('/api/agency/me', VILLAGE_LINE);

export async function fetchAgentableItems(): Promise<AgentableItem[]> {
  return (await api.get<{ items: AgentableItem[] }>('/api/agency/items', VILLAGE_LINE)).items;
}

export async function fetchOpenRequests(): Promise<AgencyRequestView[]> {
  return (await api.get<{ requests: AgencyRequestView[] }>('/api/agency/requests?open=true', VILLAGE_LINE)).requests;
}

export const fetchRequest = (id: string) => api.get<AgencyRequestView>(`/api/agency/requests/${encodeURIComponent(id)}`, VILLAGE_LINE);

/** The same key and the same body on every retry: a replay returns the request the server already made. */
export const createRequest = (body: CreateRequestBody, key: string) =>
  api.post<AgencyRequestView>('/api/agency/requests', body, key, VILLAGE_LINE);

export const actOnRequest = (requestId: string, act: string, body: Record<string, unknown>, key: string) =>
  api.post<AgencyRequestView>(`/api/agency/requests/${encodeURIComponent(requestId)}/${act}`, body, key, VILLAGE_LINE);

/** 不能代办登记 and 咨询登记, as queued on the device. */
export const recordForm = (kind: 'decline' | 'consultation', body: Record<string, unknown>, key: string) =>
  api.post<unknown>(kind === 'decline' ? '/api/agency/declines' : '/api/agency/consultations', body, key, VILLAGE_LINE);
