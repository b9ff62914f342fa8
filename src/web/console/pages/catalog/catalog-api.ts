import type {
  DiffEntry,
  ImportReport,
  ItemContent,
  ItemDetailView,
  ItemSummaryView,
  ItemVersionView,
} from '../../../../modules/catalog/schemas.ts';
import { VERIFICATION_DAYS_DEFAULT } from '../../../../shared/verification-period.ts';
import { api, ApiError, queryString } from '../../../shared/api.ts';

export type { DiffEntry, ImportReport, ItemContent, ItemDetailView, ItemSummaryView, ItemVersionView };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const listItems = (params: { orgId?: string; q?: string; status?: string; cursor?: string }) =>
  api.get<{ items: ItemSummaryView[]; nextCursor: string | null }>(`/api/items${queryString(params)}`);
export const listBaseItems = () => api.get<{ items: ItemSummaryView[] }>('/api/items/base');
export const getItem = (id: string) => api.get<ItemDetailView>(`/api/items/${id}`);
export const createItem = (orgId: string, content: ItemContent, key: string) =>
  api.post<ItemDetailView>('/api/items', { orgId, content }, key);
export const deriveItem = (orgId: string, baseItemId: string, key: string) =>
  api.post<ItemDetailView>('/api/items/derive', { orgId, baseItemId }, key);
export const saveDraft = (id: string, version: number, content: ItemContent, key: string) =>
  api.put<ItemDetailView>(`/api/items/${id}/draft`, { version, content }, key);
export const publishItem = (id: string, version: number, key: string) =>
  api.post<ItemDetailView>(`/api/items/${id}/publish`, { version }, key);
export const unpublishItem = (id: string, version: number, key: string) =>
  api.post<ItemDetailView>(`/api/items/${id}/unpublish`, { version }, key);
export const listVersions = (id: string) => api.get<{ versions: ItemVersionView[] }>(`/api/items/${id}/versions`);
export const diffVersions = (id: string, from: number, to: number) =>
  api.get<{ changes: DiffEntry[] }>(`/api/items/${id}/diff${queryString({ from, to })}`);

/** Uploads an .xlsx or JSON catalog as it is; a refusal (an ApiError) carries the row-by-row report in its body. */
export async function importCatalog(orgId: string, file: File, publish: boolean, key: string): Promise<ImportReport> {
  const isJson = file.name.toLowerCase().endsWith('.json');
  const raw = isJson ? { data: await file.text(), type: 'application/json' } : { data: await file.arrayBuffer(), type: XLSX_TYPE };
  return api.upload<ImportReport>(`/api/items/import${queryString({ orgId, publish })}`, raw, key);
}

/** The report a refused import carried, if it did. */
export function importReportOf(error: unknown): ImportReport | undefined {
  return error instanceof ApiError ? (error.body.report as ImportReport | undefined) : undefined;
}

export function blankContent(): ItemContent {
  return {
    code: '',
    name: '',
    itemType: '行政许可',
    audience: ['personal'],
    department: '',
    window: '',
    handledAt: 'township',
    handling: 'promised',
    legalDays: 20,
    promisedDays: 10,
    dayKind: 'working',
    specialSteps: [],
    basis: [],
    conditions: [],
    procedure: [],
    situations: [],
    materials: [],
    fees: [],
    delivery: ['window'],
    location: { address: '', officeHours: '' },
    contacts: { staff: '', consultPhone: '', supervisePhone: '' },
    agentable: false,
    online: false,
    appointment: false,
    maxVisits: 1,
    verificationDays: VERIFICATION_DAYS_DEFAULT,
    lifeEvents: [],
    keywords: [],
  };
}
