import type { z } from 'zod';
import type { TrackView as TrackViewSchema } from '../../modules/cases/schemas.ts';
import { api, queryString } from '../shared/api.ts';

/** The public tracking answer (cases/schemas.ts exports the schema only, not its inferred type). */
export type TrackView = z.infer<typeof TrackViewSchema>;

/** 办件查询: 404 for an unknown number and for a wrong check alike, 429 when asked too often. Not cached: the answer changes. */
export const trackCase = (caseNo: string, check: string) =>
  api.get<TrackView>(`/api/public/cases/${encodeURIComponent(caseNo)}${queryString({ check })}`, { cache: 'no-store' });
