import type { z } from 'zod';
import type { TrackView as TrackViewSchema } from '../../modules/cases/schemas.ts';
import type { BundleView, PublicGuideView, PublicItemSummary } from '../../modules/catalog/schemas.ts';

export type { BundleView, PublicGuideView, PublicItemSummary };
/** The public tracking answer (cases/schemas.ts exports the schema only, not its inferred type). */
export type TrackView = z.infer<typeof TrackViewSchema>;

export interface Facets {
  org: { code: string; name: string };
  departments: { name: string; count: number }[];
  events: { name: string; count: number }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, params: Record<string, string | undefined>, init: RequestInit = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const response = await fetch(`${path}${query.size > 0 ? `?${query.toString()}` : ''}`, { ...init, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new ApiError(response.status, problem?.detail ?? '网络不太好，请稍后再试。');
  }
  return (await response.json()) as T;
}

export interface ItemFilter {
  q?: string | undefined;
  department?: string | undefined;
  audience?: string | undefined;
  event?: string | undefined;
  org?: string | undefined;
}

export const searchItems = (filter: ItemFilter) =>
  getJson<{ org: { code: string; name: string }; items: PublicItemSummary[] }>('/api/public/items', { ...filter, limit: '100' });
export const fetchGuide = (code: string, org: string) => getJson<PublicGuideView>(`/api/public/items/${encodeURIComponent(code)}`, { org });
export const fetchFacets = (org: string) => getJson<Facets>('/api/public/facets', { org });
export const fetchBundles = (org: string) => getJson<{ bundles: BundleView[] }>('/api/public/bundles', { org });
export const fetchBundle = (code: string, org: string) => getJson<BundleView>(`/api/public/bundles/${encodeURIComponent(code)}`, { org });

/** 办件查询: 404 for an unknown number and for a wrong check alike, 429 when asked too often. Not cached: the answer changes. */
export const trackCase = (caseNo: string, check: string) =>
  getJson<TrackView>(`/api/public/cases/${encodeURIComponent(caseNo)}`, { check }, { cache: 'no-store' });
