import { api, queryString } from '../shared/api.ts';

/** Departments (部门·站所) and windows of a center, as the server lists them. */
export interface Department {
  id: string;
  orgId: string;
  name: string;
  category: DepartmentCategory;
  sort: number;
  status: 'active' | 'inactive';
  version: number;
}

export interface ServiceWindow {
  id: string;
  orgId: string;
  number: string;
  name: string;
  departmentIds: string[];
  status: 'active' | 'inactive';
  version: number;
}

/** "7+X": the seven standard stations of a township center plus local ones (seeds). */
export const DEPARTMENT_CATEGORIES = ['party_gov', 'stability', 'civil_affairs_hr', 'medical_insurance', 'health', 'land_planning', 'general', 'local'] as const;
export type DepartmentCategory = (typeof DEPARTMENT_CATEGORIES)[number];

/** Departments of one org, or of every org the caller can see when `orgId` is omitted. */
export async function listDepartments(orgId?: string): Promise<Department[]> {
  return (await api.get<{ departments: Department[] }>(`/api/departments${queryString({ orgId })}`)).departments;
}

export async function listWindows(orgId?: string): Promise<ServiceWindow[]> {
  return (await api.get<{ windows: ServiceWindow[] }>(`/api/windows${queryString({ orgId })}`)).windows;
}
