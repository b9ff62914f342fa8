import type { z } from 'zod';
import type { PublicRatingStatusView } from '../../modules/ratings/schemas.ts';
import { api } from '../shared/api.ts';

/** 好差评 on the tracking page (ratings/routes.ts): the case's rating state, the rating, the rater's view of a fix. */
export type RatingStatus = z.infer<typeof PublicRatingStatusView>;

const base = (caseNo: string) => `/api/public/ratings/${encodeURIComponent(caseNo)}`;

export const fetchRatingStatus = (caseNo: string, check: string) =>
  api.get<RatingStatus>(`${base(caseNo)}?check=${encodeURIComponent(check)}`, { cache: 'no-store' });

export const sendRating = (
  body: { caseNo: string; check: string; level: number; indicators: Record<string, number>; reasons: string[]; comment: string },
  key: string,
) => api.post<{ id: string }>('/api/public/ratings', body, key);

export const sendRaterView = (caseNo: string, check: string, view: 'satisfied' | 'basic' | 'dissatisfied', key: string) =>
  api.post<RatingStatus>(`${base(caseNo)}/rater-view`, { check, view }, key);
