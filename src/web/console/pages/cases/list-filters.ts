import type { LocationQuery } from 'vue-router';
import { CASE_LIST_FILTER_KEYS } from '../../../../modules/cases/list/rules.ts';

/** The case list's filters as the page's address holds them (the same names as GET /api/cases's query). */
export const FILTER_KEYS = CASE_LIST_FILTER_KEYS;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type ListFilters = Partial<Record<FilterKey, string>>;

/** The filters of an address: known keys with one non-empty value each; anything else is left out. */
export function filtersOf(query: LocationQuery): ListFilters {
  const filters: ListFilters = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text !== '') filters[key] = text;
  }
  return filters;
}

/** The address query for filters: set values only, in a fixed order (so equal filters give equal addresses). */
export function queryOf(filters: ListFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '') query[key] = value;
  }
  return query;
}
