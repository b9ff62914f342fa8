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
/** 电子监察: open cases counted by org, item, holder and warning grade (the supervision overview). */
export { countOpenCases, type OpenCaseCount } from './open-warnings-repo.ts';
/** 办件汇总 (ADR 0028): the recount of stats' rollups from the event log, and the rebuild that writes it. */
export { recountCaseRollups, rebuildCaseRollups } from './rollups-repo.ts';
/** 演示办件: past cases of the demo townships (open at each warning grade, concluded on time and late). */
export { seedDemoCases, seedDemoLateCase, type DemoActRecorder } from './demo.ts';
/** 督办: a case or step as a supervision order names it (warning grade, holder). */
export { findOrderTarget, type OrderTarget } from './order-targets-repo.ts';
/** 台帐: an org's cases by the keyset (received_at, id), a batch at a time, ID numbers masked. */
export { readLedgerBatch, type LedgerCaseRow, type LedgerCursor } from './ledger-repo.ts';
/** 好差评: the case a citizen rates (number + last 4 phone digits), and concluded cases for the default rating. */
export { findCaseForRating, listCasesConcludedBetween, type CaseForRating } from './rating-repo.ts';
/** 办件 acts for the demo seed (好差评's month of concluded cases). */
export { actOnCase } from './acts.ts';
