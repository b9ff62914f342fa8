import type { z } from 'zod';
import type {
  CategoryView,
  CreateCategoryBody,
  DeviceView,
  HallWindowView,
  RatingView,
  SettingsView,
  TicketView,
  UpdateCategoryBody,
  UpdateSettingsBody,
} from '../../../../modules/queue/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

/** The hall for staff: the calling panel, the hall's setup, rating pads. */
export type Ticket = TicketView;
export type HallWindow = HallWindowView;
export type Category = CategoryView;
export type Device = DeviceView;
export type Settings = SettingsView;
export type Rating = RatingView;
export { PRIORITY_LABELS, STAFF_PRIORITY_GROUPS } from '../../../../modules/queue/priority.rules.ts';
export { TICKET_ACT_LABELS, RATING_LABELS } from '../../../../modules/queue/ticket.rules.ts';

export const listHallWindows = (orgId: string) =>
  api.get<{ mine: string | null; windows: HallWindow[] }>(`/api/queue/windows${queryString({ orgId })}`);
export const fetchHallWindow = async (windowId: string) => (await api.get<{ window: HallWindow }>(`/api/queue/windows/${windowId}`)).window;
export const windowAct = (windowId: string, act: 'open' | 'close' | 'resume' | 'call-next', key: string) =>
  api.post<{ window?: HallWindow; ticket?: { id: string; ticketNo: string } | null }>(`/api/queue/windows/${windowId}/${act}`, {}, key);
export const pauseWindow = (windowId: string, reason: string, key: string) =>
  api.post<{ window: HallWindow }>(`/api/queue/windows/${windowId}/pause`, { reason }, key);

export const ticketAct = (id: string, act: 'recall' | 'start' | 'no-show' | 'rejoin', key: string) =>
  api.post<{ ticket: Ticket }>(`/api/queue/tickets/${id}/${act}`, {}, key);
export const transferTicket = (id: string, target: { categoryId: string } | { windowId: string }, key: string) =>
  api.post<{ ticket: Ticket }>(`/api/queue/tickets/${id}/transfer`, target, key);
export const finishTicket = (id: string, body: { caseIds?: string[]; consultation?: string }, key: string) =>
  api.post<{ ticket: Ticket }>(`/api/queue/tickets/${id}/finish`, body, key);
export const revealApplicant = (id: string, key: string) =>
  api.post<{ name: string; phone: string; idNumber: string }>(`/api/queue/tickets/${id}/applicant`, {}, key);
export const fetchTicket = async (id: string) => (await api.get<{ ticket: Ticket }>(`/api/queue/tickets/${id}`)).ticket;
export const listTickets = async (orgId: string, status?: Ticket['status']) =>
  (await api.get<{ tickets: Ticket[] }>(`/api/queue/tickets${queryString({ orgId, status, limit: 200 })}`)).tickets;
export const issueTicket = (
  body: { categoryId: string; priority?: string; name?: string; phone?: string; idNumber?: string },
  key: string,
) => api.post<{ ticket: Ticket }>('/api/queue/tickets', body, key);

export const fetchSettings = async (orgId: string) =>
  (await api.get<{ settings: Settings }>(`/api/queue/settings${queryString({ orgId })}`)).settings;
export const saveSettings = (body: z.input<typeof UpdateSettingsBody>, key: string) =>
  api.put<{ settings: Settings }>('/api/queue/settings', body, key);
export const listCategories = async (orgId: string) =>
  (await api.get<{ categories: Category[] }>(`/api/queue/categories${queryString({ orgId })}`)).categories;
export const createCategory = (body: z.input<typeof CreateCategoryBody>, key: string) =>
  api.post<{ category: Category }>('/api/queue/categories', body, key);
export const updateCategory = (id: string, body: z.input<typeof UpdateCategoryBody>, key: string) =>
  api.patch<{ category: Category }>(`/api/queue/categories/${id}`, body, key);
export const listDevices = async (orgId: string) =>
  (await api.get<{ devices: Device[] }>(`/api/queue/devices${queryString({ orgId })}`)).devices;
export const createDevice = (windowId: string, name: string, key: string) =>
  api.post<{ device: Device; pairingCode: string }>('/api/queue/devices', { windowId, name }, key);
export const revokeDevice = (device: Device, key: string) =>
  api.post<{ device: Device }>(`/api/queue/devices/${device.id}/revoke`, { version: device.version }, key);
export const ratingsOfCase = async (caseId: string) =>
  (await api.get<{ ratings: Rating[] }>(`/api/queue/ratings${queryString({ caseId })}`)).ratings;
