import type { z } from 'zod';
import type {
  CreateDepartmentBody,
  CreateOrgBody,
  CreateWindowBody,
  DepartmentView,
  OrgView,
  UpdateDepartmentBody,
  UpdateOrgBody,
  UpdateWindowBody,
  WindowView,
} from '../../../../modules/org/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

/** The org tree, departments (部门·站所) and windows of the centers, as the server lists them. */
export type Org = OrgView;
export type Department = DepartmentView;
export type ServiceWindow = WindowView;
export { DEPARTMENT_CATEGORIES, type DepartmentCategory } from '../../../../modules/org/rules.ts';

/** Every org the signed-in person can see (their subtree). */
export async function listOrgs(): Promise<Org[]> {
  return (await api.get<{ orgs: Org[] }>('/api/orgs')).orgs;
}

export const createOrg = (body: z.input<typeof CreateOrgBody>, key: string) => api.post<{ org: Org }>('/api/orgs', body, key);
export const updateOrg = (org: Org, changes: Omit<z.input<typeof UpdateOrgBody>, 'version'>, key: string) =>
  api.patch<{ org: Org }>(`/api/orgs/${org.id}`, { version: org.version, ...changes }, key);

/** Departments of one org, or of every org the caller can see when `orgId` is omitted. */
export async function listDepartments(orgId?: string): Promise<Department[]> {
  return (await api.get<{ departments: Department[] }>(`/api/departments${queryString({ orgId })}`)).departments;
}

export const createDepartment = (body: z.input<typeof CreateDepartmentBody>, key: string) =>
  api.post<{ department: Department }>('/api/departments', body, key);
export const updateDepartment = (row: Department, changes: Omit<z.input<typeof UpdateDepartmentBody>, 'version'>, key: string) =>
  api.patch<{ department: Department }>(`/api/departments/${row.id}`, { version: row.version, ...changes }, key);

/** Windows of one org, or of every org the caller can see when `orgId` is omitted. */
export async function listWindows(orgId?: string): Promise<ServiceWindow[]> {
  return (await api.get<{ windows: ServiceWindow[] }>(`/api/windows${queryString({ orgId })}`)).windows;
}

export const createWindow = (body: z.input<typeof CreateWindowBody>, key: string) =>
  api.post<{ window: ServiceWindow }>('/api/windows', body, key);
export const updateWindow = (row: ServiceWindow, changes: Omit<z.input<typeof UpdateWindowBody>, 'version'>, key: string) =>
  api.patch<{ window: ServiceWindow }>(`/api/windows/${row.id}`, { version: row.version, ...changes }, key);
