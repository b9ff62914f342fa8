/**
 * 督办单 (supervisionOrder): 电子监察 orders the holder of a late case to act; 整改回告; review; the
 * escalation of an unanswered order (ADR 0029). Wired into supervision/index.ts by the lead.
 */
export { supervisionOrderRoutes } from './routes.ts';
/** The escalation job (红色督办), safe to run in several processes at once. */
export { runOrderEscalationJob, openOrdersOf } from './service.ts';
export { ORDER_STATUS_LABELS, ORDER_ACT_LABELS, type OrderStatus, type OrderAct } from './rules.ts';
export type { OrderView } from './schemas.ts';
