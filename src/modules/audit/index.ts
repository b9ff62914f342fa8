/** 审计日志 (audit): the append-only, hash-chained record of every change (R9). */
export { appendAuditRecord, auditTrailOf, firstUnaudited } from './repo.ts';
export type { AuditEntry } from '../../kernel/context.ts';
export { verifyAuditChain, listAudit, type ChainVerdict, type ChainOptions } from './service.ts';
/** The chain's head copied outside the database (the data folder). */
export { readExternalAnchor, recordExternalAnchor, type ExternalAnchor } from './anchor-file.ts';
export type { TrailVerdict, VerifyTrail } from './routes.ts';
export type { AuditRecord } from './chain.ts';
export { auditRoutes } from './routes.ts';
