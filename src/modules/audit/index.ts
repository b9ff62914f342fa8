/** 审计日志 (audit): the append-only, hash-chained record of every change (R9). */
export { appendAuditRecord, type AuditEntry } from './repo.ts';
export { verifyAuditChain, listAudit, type ChainVerdict } from './service.ts';
export type { AuditRecord } from './chain.ts';
export { auditRoutes } from './routes.ts';
