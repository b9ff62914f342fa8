/**
 * 电子监察 (supervision): the overview of cases and warnings for the supervisor, the center's head and
 * the county, read from stats' rollups, cases' open warnings and the hall (ADR 0028); the console's
 * 电子监察大屏 polls it.
 */
export { supervisionRoutes } from './routes.ts';
export type { OverviewView, WarningCounts, PeriodFigures } from './schemas.ts';
/** 督办单 (supervisionOrder, orders/): orders on late cases and steps, 整改回告, review and escalation (ADR 0029). */
export { supervisionOrderRoutes, runOrderEscalationJob, openOrdersOf, ORDER_STATUS_LABELS, ORDER_ACT_LABELS } from './orders/index.ts';
export type { OrderStatus, OrderAct, OrderView } from './orders/index.ts';
