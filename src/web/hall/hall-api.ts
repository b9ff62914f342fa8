import type { DisplayView, PadCurrentView, PairView, PublicTicketView, RatingView, TakenTicketView } from '../../modules/queue/schemas.ts';
import type { z } from 'zod';
import { api, queryString } from '../shared/api.ts';

/** The hall devices' calls (kiosk, screens, pad, a phone following its ticket): public, no sign-in. */
export type Display = DisplayView;
export type Taken = TakenTicketView;
export type PublicTicket = PublicTicketView;
export type PadCurrent = z.infer<typeof PadCurrentView>;
export type Pairing = z.infer<typeof PairView>;
export type Rating = RatingView;

export interface CategoryChoice {
  code: string;
  name: string;
  prefix: string;
  waiting: number;
}

export const listCategories = async (org: string) =>
  (await api.get<{ categories: CategoryChoice[] }>(`/api/public/queue/categories${queryString({ org })}`)).categories;

export const takeTicket = (
  body: { org: string; category: string; phone?: string; name?: string; idNumber?: string; channel: 'kiosk' | 'phone' },
  key: string,
) => api.post<Taken>('/api/public/queue/tickets', body, key);

/** 预约签到: the booking number (typed, or from a scanner that types the QR's text) turns a booking into a priority ticket. */
export const checkInBooking = (org: string, bookingNo: string, key: string) =>
  api.post<Taken & { bookingNo: string }>('/api/public/queue/appointments/check-in', { org, bookingNo }, key);

export const fetchTicket = (org: string, id: string) => api.get<PublicTicket>(`/api/public/queue/tickets/${id}${queryString({ org })}`);
export const ticketQrUrl = (org: string, id: string) => `/api/public/queue/tickets/${id}/qr.svg${queryString({ org })}`;
export const cancelTicket = (org: string, id: string, key: string) =>
  api.post<{ status: string }>(`/api/public/queue/tickets/${id}/cancel`, { org }, key);
export const rejoinTicket = (org: string, id: string, key: string) =>
  api.post<{ status: string }>(`/api/public/queue/tickets/${id}/rejoin`, { org }, key);

export const fetchDisplay = (org: string) => api.get<Display>(`/api/public/queue/display${queryString({ org })}`);
export const streamUrl = (org: string) => `/api/public/queue/stream${queryString({ org })}`;

const PAD_KEY = 'yizhan.hall.pad';

/** The pad's pairing, kept in this browser only. */
export function savedPad(): Pairing | null {
  try {
    const text = localStorage.getItem(PAD_KEY);
    return text ? (JSON.parse(text) as Pairing) : null;
  } catch {
    return null;
  }
}

export async function pairPad(org: string, code: string, key: string): Promise<Pairing> {
  const pairing = await api.post<Pairing>('/api/public/queue/pads/pair', { org, code }, key);
  localStorage.setItem(PAD_KEY, JSON.stringify(pairing));
  return pairing;
}

export const forgetPad = () => {
  localStorage.removeItem(PAD_KEY);
};

const padHeaders = (pairing: Pairing) => ({ 'x-hall-device': pairing.token });

export async function padCurrent(pairing: Pairing): Promise<PadCurrent> {
  const response = await fetch('/api/public/queue/pads/current', { headers: { ...padHeaders(pairing), accept: 'application/json' } });
  const body = (await response.json()) as PadCurrent & { code?: string; detail?: string };
  if (!response.ok) throw Object.assign(new Error(body.detail ?? '评价器未配对'), { code: body.code, status: response.status });
  return body;
}

export async function rate(pairing: Pairing, ticketId: string, level: string, key: string): Promise<Rating> {
  const response = await fetch('/api/public/queue/pads/ratings', {
    method: 'POST',
    headers: { ...padHeaders(pairing), 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ ticketId, level }),
  });
  const body = (await response.json()) as { rating: Rating; detail?: string };
  if (!response.ok) throw new Error(body.detail ?? '评价未能提交');
  return body.rating;
}
