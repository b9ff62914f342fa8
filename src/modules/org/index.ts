/** 组织机构 (org): the county → township → village tree, departments (站所, "7+X") and windows. */
export { orgRoutes } from './routes.ts';
export { insertOrg, insertDepartment, insertWindow, replaceWindowDepartments } from './repo.ts';
/** What other modules may ask of the org tree (they never name its tables in SQL). */
export {
  findOrg,
  findOrgByCode,
  listOrgs,
  listOrgLineage,
  listSubtreeIds,
  listChildOrgs,
  findDepartment,
  listDepartmentsByIds,
  findWindow,
  listWindows,
} from './repo.ts';
export {
  checkDivisionCode,
  checkOfficeHours,
  DEPARTMENT_CATEGORIES,
  DEPARTMENT_CATEGORY_LABELS,
  type OfficeHours,
  type DepartmentCategory,
} from './rules.ts';
export type { OrgView, DepartmentView, WindowView } from './schemas.ts';
