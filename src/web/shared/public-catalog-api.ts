import type { BundleView, PublicGuideView, PublicItemSummary } from '../../modules/catalog/schemas.ts';
import { api, queryString } from './api.ts';

/**
 * The published catalog as the public reads it (办事指南, 一件事一次办): the portal's pages and the
 * console's intake, which offers the same items with the same materials.
 */
export type { BundleView, PublicGuideView, PublicItemSummary };

export interface Facets {
  org: { code: string; name: string };
  departments: { name: string; count: number }[];
  events: { name: string; count: number }[];
}

export interface ItemFilter {
  q?: string | undefined;
  department?: string | undefined;
  audience?: string | undefined;
  event?: string | undefined;
  /** The 12-digit code of the org whose catalog is read; without it, the server's default center. */
  org?: string | undefined;
  limit?: number | undefined;
}

export const searchItems = (filter: ItemFilter) =>
  api.get<{ org: { code: string; name: string }; items: PublicItemSummary[] }>(`/api/public/items${queryString({ ...filter })}`);
export const fetchGuide = (code: string, org?: string) =>
  api.get<PublicGuideView>(`/api/public/items/${encodeURIComponent(code)}${queryString({ org })}`);
export const fetchFacets = (org: string) => api.get<Facets>(`/api/public/facets${queryString({ org })}`);
export const fetchBundles = (org: string) => api.get<{ bundles: BundleView[] }>(`/api/public/bundles${queryString({ org })}`);
export const fetchBundle = (code: string, org: string) =>
  api.get<BundleView>(`/api/public/bundles/${encodeURIComponent(code)}${queryString({ org })}`);

/** 便民服务中心: the county and its townships, for the portal's township picker. */
export interface PublicCenter {
  code: string;
  name: string;
  kind: 'county' | 'township';
  address: string;
  phone: string;
}
export const fetchCenters = (org: string) =>
  api.get<{ current: string; centers: PublicCenter[] }>(`/api/public/centers${queryString({ org })}`);
