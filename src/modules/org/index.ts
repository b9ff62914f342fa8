/** 组织机构 (org): the county → township → village tree, departments (站所, "7+X") and windows. */
export { orgRoutes } from './routes.ts';
export { insertOrg, findOrgByCode, insertDepartment, insertWindow, replaceWindowDepartments, listOrgs } from './repo.ts';
export { checkDivisionCode, checkOfficeHours, DEPARTMENT_CATEGORIES, DEPARTMENT_CATEGORY_LABELS, type OfficeHours, type DepartmentCategory } from './rules.ts';
export type { OrgView, DepartmentView, WindowView } from './schemas.ts';
