import type { z } from 'zod';
import type { ComplaintTrackView } from '../../modules/complaints/schemas.ts';
import { api } from '../shared/api.ts';

/** 投诉·举报 on the portal (complaints/public-routes.ts): the SMS code, filing, the lookup by 查询码, the rating. */
export type ComplaintTrack = z.infer<typeof ComplaintTrackView>;

export const sendComplaintCode = (org: string, phone: string) =>
  api.post<{ expiresInSeconds: number; resendAfterSeconds: number }>('/api/public/complaints/codes', { org, phone });
export const fileComplaint = (body: Record<string, string>, key: string) =>
  api.post<{ id: string; trackingCode: string }>('/api/public/complaints', body, key);
export const trackComplaint = (code: string) =>
  api.get<ComplaintTrack>(`/api/public/complaints/${encodeURIComponent(code.trim().toUpperCase())}`, { cache: 'no-store' });
export const rateComplaint = (code: string, rating: string) =>
  api.post<ComplaintTrack>(`/api/public/complaints/${encodeURIComponent(code)}/rating`, { rating });
