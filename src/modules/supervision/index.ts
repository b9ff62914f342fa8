/**
 * 电子监察 (supervision): the overview of cases and warnings for the supervisor, the center's head and
 * the county, read from stats' rollups, cases' open warnings and the hall (ADR 0028); the console's
 * 电子监察大屏 polls it.
 */
export { supervisionRoutes } from './routes.ts';
export type { OverviewView, WarningCounts, PeriodFigures } from './schemas.ts';
