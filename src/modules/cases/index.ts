/** 办件 (cases): intake, the act state machine, the case clock and electronic-supervision warnings. */
export { caseRoutes } from './routes.ts';
export { runWarningJob, type WarningRun } from './warnings.ts';
export type { CaseDeps, CaseItem } from './ports.ts';
export type { WorkingDays } from './deadline.ts';
export { CASE_STATUS_LABELS, CASE_ACT_LABELS, type CaseStatus, type CaseAct } from './transitions.ts';
