import type { z } from 'zod';
import type { RatingListView } from '../../../../modules/ratings/schemas.ts';
import type { RectificationActBody, RectificationView } from '../../../../modules/ratings/rectifications/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

/** 好差评 and 差评整改 (ratings/routes.ts, ratings/rectifications/routes.ts): never the rater. */
export type RatingList = z.infer<typeof RatingListView>;
export type Rating = RatingList['ratings'][number];
export type Rectification = RectificationView;
export type RectificationAct = RectificationActBody['act'];

export const listRatings = (query: { org: string; month: string; level?: string | undefined }) =>
  api.get<RatingList>(`/api/ratings${queryString(query)}`);

export const listRectifications = (status: 'open' | 'closed' | 'all') =>
  api.get<{ rectifications: Rectification[] }>(`/api/rectifications${queryString({ status })}`);

export const getRectification = (id: string) => api.get<Rectification>(`/api/rectifications/${id}`);

export const actOnRectification = (
  item: Pick<Rectification, 'id' | 'version'>,
  body: Omit<RectificationActBody, 'version' | 'note'> & { note: string },
  key: string,
) => api.post<Rectification>(`/api/rectifications/${item.id}/acts`, { ...body, version: item.version }, key);

/** 电子监察 only: who rated, with a reason (audited each time). */
export const revealRater = (id: string, reason: string, key: string) =>
  api.post<{ raterName: string | null; raterPhone: string | null }>(`/api/ratings/${id}/reveal`, { reason }, key);
