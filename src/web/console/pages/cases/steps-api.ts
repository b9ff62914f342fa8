import type { StepView } from '../../../../modules/cases/schemas.ts';
import { api } from '../../../shared/api.ts';
import { fetchGuide } from '../../../shared/public-catalog-api.ts';
import { loadOrgs, orgById, orgs } from '../../orgs.ts';
import { listDepartments, type Department } from '../org/org-api.ts';
import type { CaseDetail } from './case-api.ts';

/** The case as the server sends it: the console's CaseDetail type leaves out the org and the steps. */
export type StepsCase = CaseDetail & { orgId?: string; steps?: StepView[] };

/** 承诺件 and 联办件 run procedure steps (the server refuses them on other handlings). */
export { STEP_HANDLINGS } from '../../../../modules/cases/steps/rules.ts';

/** One editable row of the add-steps dialog; '' means "not chosen". */
export interface StepRow {
  key: number;
  name: string;
  departmentId: string;
  assigneeId: string;
  days: number;
  consentOnTimeout: boolean;
}

/** A person who may be named 经办人 (the server checks again: an active staff member of the case's org). */
export interface StaffChoice {
  id: string;
  name: string;
  note: string;
}

/** 办理流程 of the item's published guide. */
export interface ProcedureStep {
  name: string;
  actor: string;
  days: number | null;
}

export const MAX_STEP_DAYS = 60;
const MAX_STEP_NAME = 60;

let nextRowKey = 1;

export function emptyRow(): StepRow {
  return { key: nextRowKey++, name: '', departmentId: '', assigneeId: '', days: 1, consentOnTimeout: false };
}

/** The department named in a step's actor text (the one named first, when the text names several). */
export function departmentNamedIn(actor: string, departments: readonly Department[]): Department | undefined {
  let best: { department: Department; at: number } | undefined;
  for (const department of departments) {
    const at = actor.indexOf(department.name);
    if (at >= 0 && (best === undefined || at < best.at)) best = { department, at };
  }
  return best?.department;
}

/** Rows prefilled from the published procedure: its name and days (none given → 1), the department its actor text names. */
export function rowsFromProcedure(procedure: readonly ProcedureStep[], departments: readonly Department[]): StepRow[] {
  return procedure.map((step) => ({
    ...emptyRow(),
    name: step.name.trim().slice(0, MAX_STEP_NAME),
    departmentId: departmentNamedIn(step.actor, departments)?.id ?? '',
    days: Math.min(MAX_STEP_DAYS, Math.max(1, step.days ?? 1)),
  }));
}

/** The 12-digit code of the case's org, for the public guide as that org publishes it. */
async function orgCodeOf(orgId: string | undefined): Promise<string | undefined> {
  if (orgId === undefined) return undefined;
  if (orgs.value.length === 0) await loadOrgs();
  return orgById(orgId)?.code;
}

export async function loadProcedure(itemCode: string, orgId: string | undefined): Promise<ProcedureStep[]> {
  return (await fetchGuide(itemCode, await orgCodeOf(orgId))).procedure;
}

/** The org's departments in use. */
export async function loadDepartments(orgId: string | undefined): Promise<Department[]> {
  if (orgId === undefined) return [];
  return (await listDepartments(orgId)).filter((department) => department.status === 'active');
}

/** The case org's active staff who may be named 经办人 (any step role may read them for a case it can see). */
export async function loadStaffChoices(detail: StepsCase): Promise<StaffChoice[]> {
  const { staff } = await api.get<{ staff: { id: string; name: string; departmentName: string | null }[] }>(
    `/api/cases/${detail.id}/assignees`,
  );
  return staff.map((person) => ({ id: person.id, name: person.name, note: person.departmentName ?? '' }));
}

export function addSteps(detail: StepsCase, rows: readonly StepRow[], key: string): Promise<CaseDetail> {
  const steps = rows.map((row) => ({
    name: row.name.trim(),
    ...(row.departmentId ? { departmentId: row.departmentId } : {}),
    ...(row.assigneeId ? { assigneeId: row.assigneeId } : {}),
    days: row.days,
    consentOnTimeout: row.consentOnTimeout,
  }));
  return api.post<CaseDetail>(`/api/cases/${detail.id}/steps`, { version: detail.version, steps }, key);
}

/** 办结步骤 or 补交书面意见 (after 超时默认), on the step's version. */
export function actOnStep(
  detail: CaseDetail,
  step: StepView,
  act: 'complete' | 'opinion',
  body: { decision: 'approve' | 'disapprove'; opinion: string },
  key: string,
): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/api/cases/${detail.id}/steps/${step.id}/${act}`, { version: step.version, ...body }, key);
}

export function reassignStep(detail: StepsCase, step: StepView, assigneeId: string, reason: string, key: string): Promise<CaseDetail> {
  return api.post<CaseDetail>(
    `/api/cases/${detail.id}/steps/${step.id}/reassign`,
    { version: step.version, assigneeId, reason: reason.trim() },
    key,
  );
}
