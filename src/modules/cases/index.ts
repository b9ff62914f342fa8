/** 办件 (cases): intake, the act state machine, the case clock and electronic-supervision warnings. */
export { caseRoutes } from './routes.ts';
export { runWarningJob, type WarningRun } from './warnings.ts';
export type { CaseDeps, CaseItem, AgentCaseChange } from './ports.ts';
export { CASE_STATUS_LABELS, CASE_ACT_LABELS, type CaseStatus, type CaseAct } from './transitions.ts';
/** 接件 for other channels (agency: the township window receives a village request). */
export { openCase, situationsAtIntake } from './service.ts';
/** 办理情形: whether a material is on the checklist for the chosen situations. */
export { materialApplies } from './situations.rules.ts';
/** The cases among some ids that the caller's scope sees (the hall attaches them to a ticket). */
export { listCaseRefs, type CaseRef } from './refs-repo.ts';
/** R9: every case's event chain walked in one snapshot, with the audit cross-check given by the caller. */
export { verifyCaseEventChains, type CaseChainVerdict, type CaseChainOptions, type AuditedEvent } from './events/verify.ts';
/** 办件列表 for other views (the home page's to-do): a page of cases and how many the same filters select. */
export { listCases, countCases } from './list/service.ts';
export type { CaseListFilters, CaseListItemView } from './list/schemas.ts';
/** 事中事后核查 of 告知承诺: the open checks of a person's scope (the home page's to-do). */
export { openVerificationsOf } from './verification/service.ts';
/** 好差评: the case a citizen rates (number + last 4 phone digits), and concluded cases for the default rating. */
export { findCaseForRating, listCasesConcludedBetween, type CaseForRating } from './rating-repo.ts';
/** 办件 acts for the demo seed (好差评's month of concluded cases). */
export { actOnCase } from './acts.ts';
