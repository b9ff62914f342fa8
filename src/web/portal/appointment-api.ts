import type { z } from 'zod';
import type { BookingView, PublicSlotsView } from '../../modules/queue/appointments/schemas.ts';
import { api, queryString } from '../shared/api.ts';

/** 预约 on the portal: slots, the SMS code, booking, cancel and reschedule (queue/appointments/public-routes.ts). */
export type Booking = z.infer<typeof BookingView>;
export type SlotDays = z.infer<typeof PublicSlotsView>;
export interface HallCategory {
  code: string;
  name: string;
  prefix: string;
  waiting: number;
}

export const fetchCategories = (org: string) =>
  api.get<{ categories: HallCategory[] }>(`/api/public/queue/categories${queryString({ org })}`, { cache: 'no-store' });
export const fetchSlots = (org: string, category: string) =>
  api.get<SlotDays>(`/api/public/queue/appointments/slots${queryString({ org, category })}`, { cache: 'no-store' });
export const sendCode = (org: string, phone: string) =>
  api.post<{ expiresInSeconds: number; resendAfterSeconds: number }>('/api/public/queue/appointments/codes', { org, phone });
export const bookSlot = (body: { org: string; category: string; date: string; from: string; phone: string; code: string; name: string }) =>
  api.post<{ booking: Booking }>('/api/public/queue/appointments', body);
export const cancelBooking = (body: { org: string; bookingNo: string; phone: string; code: string }) =>
  api.post<{ booking: Booking }>('/api/public/queue/appointments/cancel', body);
export const rescheduleBooking = (body: { org: string; bookingNo: string; phone: string; code: string; date: string; from: string }) =>
  api.post<{ booking: Booking }>('/api/public/queue/appointments/reschedule', body);
