import type { DiffEntry, ImportReport, ItemContent, ItemDetailView, ItemSummaryView, ItemVersionView } from '../../../../modules/catalog/schemas.ts';
import { api, ApiError, newActionKey, queryString } from '../../../shared/api.ts';

export type { DiffEntry, ImportReport, ItemContent, ItemDetailView, ItemSummaryView, ItemVersionView };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const listItems = (params: { orgId?: string; q?: string; status?: string }) => api.get<{ items: ItemSummaryView[] }>(`/api/items${queryString(params)}`);
export const listBaseItems = () => api.get<{ items: ItemSummaryView[] }>('/api/items/base');
export const getItem = (id: string) => api.get<ItemDetailView>(`/api/items/${id}`);
export const createItem = (orgId: string, content: ItemContent, key: string) => api.post<ItemDetailView>('/api/items', { orgId, content }, key);
export const deriveItem = (orgId: string, baseItemId: string, key: string) => api.post<ItemDetailView>('/api/items/derive', { orgId, baseItemId }, key);
export const saveDraft = (id: string, version: number, content: ItemContent, key: string) => api.put<ItemDetailView>(`/api/items/${id}/draft`, { version, content }, key);
export const publishItem = (id: string, version: number, key: string) => api.post<ItemDetailView>(`/api/items/${id}/publish`, { version }, key);
export const unpublishItem = (id: string, version: number, key: string) => api.post<ItemDetailView>(`/api/items/${id}/unpublish`, { version }, key);
export const listVersions = (id: string) => api.get<{ versions: ItemVersionView[] }>(`/api/items/${id}/versions`);
export const diffVersions = (id: string, from: number, to: number) => api.get<{ changes: DiffEntry[] }>(`/api/items/${id}/diff${queryString({ from, to })}`);

/** Uploads an .xlsx or JSON catalog; a refusal carries the row-by-row report. */
export async function importCatalog(orgId: string, file: File, publish: boolean): Promise<ImportReport> {
  const isJson = file.name.toLowerCase().endsWith('.json');
  const response = await fetch(`/api/items/import${queryString({ orgId, publish })}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': isJson ? 'application/json' : XLSX_TYPE, 'idempotency-key': newActionKey(), accept: 'application/json' },
    body: isJson ? await file.text() : await file.arrayBuffer(),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new ApiError(response.status, body);
  return body as unknown as ImportReport;
}

export function blankContent(): ItemContent {
  return {
    code: '', name: '', itemType: '行政许可', audience: ['personal'], department: '', window: '', handledAt: 'township', handling: 'promised',
    legalDays: 20, promisedDays: 10, dayKind: 'working', specialSteps: [], basis: [], conditions: [], procedure: [], situations: [], materials: [], fees: [],
    delivery: ['window'], location: { address: '', officeHours: '' }, contacts: { staff: '', consultPhone: '', supervisePhone: '' },
    agentable: false, online: false, appointment: false, maxVisits: 1, lifeEvents: [], keywords: [],
  };
}
