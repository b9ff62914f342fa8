import type { RouteLocationRaw } from 'vue-router';

/** Which open cases a figure counts: the grade, and where (a center, an item, a holder). */
export interface OpenCasesFigure {
  /** Undefined for the county's own view: the list then shows the whole scope, as the figure counts it. */
  orgId?: string | undefined;
  warning?: 'pre' | 'yellow' | 'red';
  itemCode?: string;
  holder?: string | null;
}

/**
 * The case list filtered to exactly the cases behind a figure of the screen (the list's query names are
 * GET /api/cases's). Open cases by grade: status=open and warning; the received figures: the receipt dates.
 */
export function openCasesLink(figure: OpenCasesFigure): RouteLocationRaw {
  return {
    path: '/cases',
    query: {
      status: 'open',
      ...(figure.orgId ? { orgId: figure.orgId } : {}),
      ...(figure.warning ? { warning: figure.warning } : {}),
      ...(figure.itemCode ? { itemCode: figure.itemCode } : {}),
      ...(figure.holder ? { holder: figure.holder } : {}),
    },
  };
}

export function receivedLink(orgId: string | undefined, from: string, to: string): RouteLocationRaw {
  return { path: '/cases', query: { ...(orgId ? { orgId } : {}), from, to } };
}
