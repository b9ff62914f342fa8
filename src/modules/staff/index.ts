/** 工作人员 (staff): accounts, roles, posts; managed by county admins and center directors. */
export { staffRoutes } from './routes.ts';
export { insertStaff, type NewStaff } from './repo.ts';
/** AB岗: the colleagues a staff member covers today (their B post is this person and they are away). */
export { listColleaguesBackedUp } from './backup-service.ts';
export { checkRoleFitsOrg, ROLE_LABELS } from './rules.ts';
export type { StaffView } from './schemas.ts';
export type { StaffDeps } from './ports.ts';
/** What other modules may ask of accounts: names and posts, credentials for sign-in, an agent's villages. */
export {
  findAssignedWindowId,
  findCredentials,
  findStaffFacts,
  listActiveStaffOf,
  listAgentsOfVillage,
  listAgentVillageIds,
  listAgentVillageIdsOf,
  listStaffFacts,
  listStaffInRole,
  mirrorSignInLock,
  replaceAgentVillages,
  replacePasswordHash,
  scopeOrgIdsOf,
  type StaffCredentials,
  type StaffFacts,
} from './directory-repo.ts';
