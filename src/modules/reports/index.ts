/** 台帐 / 报表 (ledgers and reports): the 办件台帐 and 收费台帐, streamed as .xlsx. */
export { reportRoutes } from './routes.ts';
export { CASE_LEDGER_COLUMNS, FEE_LEDGER_COLUMNS } from './rules.ts';
