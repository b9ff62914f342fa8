import type { AgencyAct, AgencyRequestView, AgencyStatus, AgencyWarning } from '../../../shared/agency-view.ts';
import type { z } from 'zod';
import { REQUEST_NO } from '../../../../modules/agency/legs.rules.ts';
import type {
  AgentChoiceView,
  AgentMonthView as AgentMonthSchema,
  ConsultationView as ConsultationSchema,
  DeclineView as DeclineSchema,
  FeeLedgerView as FeeLedgerSchema,
  LegLimitsView as LegLimitsSchema,
} from '../../../../modules/agency/schemas.ts';
import { api, queryString } from '../../../shared/api.ts';

/**
 * The township side of 村级代办, as the console sees it: the types are the server's schemas
 * (src/modules/agency/schemas.ts); which acts a request offers is the server's allowedActs.
 */

export {
  AGENCY_LEGS,
  AGENCY_STATUSES,
  type AgencyEventView,
  type AgencyLeg,
  type AgencyRequestView,
  type AgencyStatus,
  type AgencyWarning,
  type LegView,
} from '../../../shared/agency-view.ts';

/** The acts the console offers on a request: the township window's (the agent's own are done on the phone). */
const TOWNSHIP_ACTS = ['receive', 'return', 'reassign'] as const satisfies readonly AgencyAct[];
export type TownshipAct = (typeof TOWNSHIP_ACTS)[number];

const isTownshipAct = (act: AgencyAct): act is TownshipAct => (TOWNSHIP_ACTS as readonly AgencyAct[]).includes(act);

/** What the signed-in person may do to the request now, as the server says (its allowedActs), less the agent's own acts. */
export const townshipActsOf = (request: AgencyRequestView): TownshipAct[] => request.allowedActs.filter(isTownshipAct);

export type AgentMonthView = z.infer<typeof AgentMonthSchema>;
export type DeclineView = z.infer<typeof DeclineSchema>;
export type ConsultationView = z.infer<typeof ConsultationSchema>;
/** 代收费用台账: fees agents took in a month, each with its receipt, to reconcile with the township's. */
export type FeeLedgerView = z.infer<typeof FeeLedgerSchema>;
export type LegLimitsView = z.infer<typeof LegLimitsSchema>;
export type AgentChoice = z.infer<typeof AgentChoiceView>;

/** Not yet received by the township: the folder is still on its way from the village. */
export const isIncoming = (status: AgencyStatus): boolean => status === 'registered' || status === 'forwarded';

const RANK: Record<AgencyWarning, number> = { none: 0, pre: 1, yellow: 2, red: 3 };

/** The earliest due date among the legs still running, or null when none runs against a date. */
export function nextDueOf(request: AgencyRequestView): string | null {
  const open = request.legs.filter((leg) => leg.doneAt === null && leg.dueOn !== null).map((leg) => leg.dueOn ?? '');
  return open.sort().at(0) ?? null;
}

/** The queue's order: red, yellow, 即将到期, then the rest; within each, the soonest due first. */
export function sortByUrgency(requests: readonly AgencyRequestView[]): AgencyRequestView[] {
  return [...requests].sort((a, b) => {
    const byWarning = RANK[b.warning] - RANK[a.warning];
    if (byWarning !== 0) return byWarning;
    const dueA = nextDueOf(a) ?? '9999-12-31';
    const dueB = nextDueOf(b) ?? '9999-12-31';
    return dueA === dueB ? a.registeredAt.localeCompare(b.registeredAt) : dueA.localeCompare(dueB);
  });
}

/** A scanner may type the bare number or the label's whole QR text (a link that contains it). */
const REQUEST_NO_IN_TEXT = new RegExp(REQUEST_NO.source.replace(/^\^|\$$/g, ''));
export function requestNoIn(scanned: string): string | null {
  return REQUEST_NO_IN_TEXT.exec(scanned.trim().toUpperCase())?.[0] ?? null;
}

export interface RequestFilter {
  open?: boolean;
  status?: AgencyStatus | '';
  requestNo?: string;
  limit?: number;
}

export const listRequests = (filter: RequestFilter) =>
  api.get<{ requests: AgencyRequestView[] }>(
    `/api/agency/requests${queryString({ open: filter.open === undefined ? undefined : String(filter.open), status: filter.status, requestNo: filter.requestNo, limit: filter.limit })}`,
  );
export const getRequest = (id: string) => api.get<AgencyRequestView>(`/api/agency/requests/${encodeURIComponent(id)}`);
export const labelUrl = (id: string) => `/api/agency/requests/${encodeURIComponent(id)}/label.pdf`;

export const receiveRequest = (
  request: AgencyRequestView,
  body: { scanned: boolean; materials: { name: string; received: boolean }[] },
  key: string,
) => api.post<AgencyRequestView>(`/api/agency/requests/${request.id}/receive`, { version: request.version, ...body }, key);
export const returnRequest = (request: AgencyRequestView, body: { scanned: boolean; note: string }, key: string) =>
  api.post<AgencyRequestView>(`/api/agency/requests/${request.id}/return`, { version: request.version, ...body }, key);
export const reassignRequest = (request: AgencyRequestView, body: { agentId: string; reason: string }, key: string) =>
  api.post<AgencyRequestView>(`/api/agency/requests/${request.id}/reassign`, { version: request.version, ...body }, key);
export const listAgents = (villageId: string) => api.get<{ agents: AgentChoice[] }>(`/api/agency/agents${queryString({ villageId })}`);

export const getPerformance = (month?: string) =>
  api.get<{ month: string; agents: AgentMonthView[] }>(`/api/agency/performance${queryString({ month })}`);
export const performanceXlsxUrl = (month: string) => `/api/agency/performance.xlsx${queryString({ month })}`;
export const listDeclines = (month: string) => api.get<{ declines: DeclineView[] }>(`/api/agency/declines${queryString({ month })}`);
export const getFeeLedger = (month: string) => api.get<FeeLedgerView>(`/api/agency/fees${queryString({ month })}`);
export const listConsultations = (month: string) =>
  api.get<{ consultations: ConsultationView[] }>(`/api/agency/consultations${queryString({ month })}`);

export const getLegLimits = () => api.get<LegLimitsView>('/api/agency/settings');
export const saveLegLimits = (body: Omit<LegLimitsView, 'version'> & { version?: number }, key: string) =>
  api.put<LegLimitsView>('/api/agency/settings', body, key);

/** A rate 0…1 as a percentage with one decimal, or — when there was nothing to rate. */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);
