import type { BusinessDate } from '../../shared/business-date.ts';
import {
  DEFAULT_WARNING_POLICY,
  nextWarningDate,
  warningLevelOf,
  type WarningLevel,
  type WorkingDays,
} from '../../shared/warning-level.ts';

/**
 * 代办件 status, in the order its legs run:
 * registered 已登记 → forwarded 已报送 → received 乡镇已接收（已开办件） → concluded 已办结 →
 * returned 已返还到村 → notified 已告知申请人 → signed 已签收.
 */
export const AGENCY_STATUSES = ['registered', 'forwarded', 'received', 'concluded', 'returned', 'notified', 'signed'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];

export const AGENCY_STATUS_LABELS: Record<AgencyStatus, string> = {
  registered: '已登记',
  forwarded: '已报送',
  received: '乡镇已接收',
  concluded: '乡镇已办结',
  returned: '已返还到村',
  notified: '已告知申请人',
  signed: '已签收',
};

/**
 * The legs with a time limit, in the order they run (one at a time): forward to the township, the
 * township window receiving the folder, the township's own handling, return to the village, tell the applicant.
 */
export const AGENCY_LEGS = ['forward', 'receive', 'process', 'return', 'notify'] as const;
export type AgencyLeg = (typeof AGENCY_LEGS)[number];
export const AGENCY_LEG_LABELS: Record<AgencyLeg, string> = {
  forward: '报送乡镇',
  receive: '乡镇接收',
  process: '乡镇办理',
  return: '返还到村',
  notify: '告知申请人',
};

/** Who holds each leg while it runs: the agent carries the folder and tells the applicant; the township does the rest. */
export const LEG_HOLDERS: Record<AgencyLeg, 'agent' | 'township'> = {
  forward: 'agent',
  receive: 'township',
  process: 'township',
  return: 'township',
  notify: 'agent',
};

/**
 * The legs whose lateness agency records (责任追究). The township's handling runs on the case's own
 * clock, whose lateness the case records (case_accountability), so it is not recorded twice.
 */
export const ACCOUNTABLE_LEGS: ReadonlySet<AgencyLeg> = new Set<AgencyLeg>(['forward', 'receive', 'return', 'notify']);

/** 满意度, as on the 代办回执 (counts as the case's rating). */
export const SATISFACTION_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};
export const isSatisfied = (level: Satisfaction) => level === 'very_satisfied' || level === 'satisfied' || level === 'basic';

/**
 * seeds: 村代办员2个工作日内报送 · 办结后3个工作日内返还到村 · 2个工作日内告知申请人 (a county may set its own).
 * The seeds give the township's receipt of a forwarded folder no limit of its own; 1 working day is this
 * platform's default, so a folder left at the window is on the clock too (the county may change it).
 */
export interface LegLimits {
  forwardDays: number;
  receiveDays: number;
  returnDays: number;
  notifyDays: number;
}
export const DEFAULT_LEG_LIMITS: LegLimits = { forwardDays: 2, receiveDays: 1, returnDays: 3, notifyDays: 2 };

export type Warning = WarningLevel;
const WARNING_RANK: Record<Warning, number> = { none: 0, pre: 1, yellow: 2, red: 3 };
export const worstWarning = (warnings: readonly Warning[]): Warning =>
  warnings.reduce<Warning>((worst, warning) => (WARNING_RANK[warning] > WARNING_RANK[worst] ? warning : worst), 'none');

/** 电子监察 grades an open leg as it grades a case: 1 working day left → pre; past due → yellow; more than 3 late → red. */
export const legWarning = (calendar: WorkingDays, dueOn: BusinessDate, today: BusinessDate): Warning =>
  warningLevelOf(calendar, dueOn, today, DEFAULT_WARNING_POLICY);

/** What a leg's stored dates say: due, done (on time or not), or still running with its warning. */
export interface LegDates {
  leg: AgencyLeg;
  dueOn: BusinessDate | null;
  doneOn: BusinessDate | null;
  doneAt: Date | null;
}

export interface LegState {
  leg: AgencyLeg;
  dueOn: BusinessDate | null;
  doneAt: Date | null;
  onTime: boolean | null;
  warning: Warning;
}

export function legStates(calendar: WorkingDays, legs: readonly LegDates[], today: BusinessDate): LegState[] {
  return legs.map(({ leg, dueOn, doneOn, doneAt }) => {
    if (doneOn !== null) return { leg, dueOn, doneAt, onTime: dueOn === null ? null : doneOn <= dueOn, warning: 'none' };
    return { leg, dueOn, doneAt: null, onTime: null, warning: dueOn === null ? 'none' : legWarning(calendar, dueOn, today) };
  });
}

/**
 * The leg running now: the first not done (legs run one after another, each starting when the one
 * before it is done), or null once the applicant was told.
 */
export function runningLeg<T extends Pick<LegDates, 'doneOn'>>(legs: readonly T[]): T | null {
  return legs.find((leg) => leg.doneOn === null) ?? null;
}

/** What 电子监察 stores for a request: the running leg's due date, its grade today and the day that grade next changes. */
export interface LegClock {
  leg: AgencyLeg | null;
  dueOn: BusinessDate | null;
  warning: Warning;
  /** Null when nothing more will change by itself (no leg running, no due date, or already red). */
  nextWarningOn: BusinessDate | null;
}

export function legClockOf(calendar: WorkingDays, legs: readonly LegDates[], today: BusinessDate): LegClock {
  const running = runningLeg(legs);
  if (!running) return { leg: null, dueOn: null, warning: 'none', nextWarningOn: null };
  // The township's handling waits while the case's clock is stopped (补正, special procedure): no due date then.
  if (running.dueOn === null) return { leg: running.leg, dueOn: null, warning: 'none', nextWarningOn: null };
  return {
    leg: running.leg,
    dueOn: running.dueOn,
    warning: legWarning(calendar, running.dueOn, today),
    nextWarningOn: nextWarningDate(calendar, running.dueOn, today, DEFAULT_WARNING_POLICY),
  };
}

/** A leg done after its due date: the grade it had reached on the day it was done (yellow or red), else null. */
export function latenessAtDone(calendar: WorkingDays, dueOn: BusinessDate | null, doneOn: BusinessDate): 'yellow' | 'red' | null {
  if (dueOn === null || doneOn <= dueOn) return null;
  const level = legWarning(calendar, dueOn, doneOn);
  return level === 'yellow' || level === 'red' ? level : null;
}

/** The due date of a leg that starts on `startOn`: N working days on, the start day not counted. */
export const legDue = (calendar: WorkingDays, startOn: BusinessDate, days: number): BusinessDate => calendar.add(startOn, days);

/** Every act on an agency request (its body is in schemas.ts ActBodies). */
export const AGENCY_ACTS = ['forward', 'receive', 'return', 'notify', 'sign', 'collect-fee', 'reassign'] as const;
export type AgencyAct = (typeof AGENCY_ACTS)[number];

/** Which acts an agency request allows in each status (the holder rule is checked beside it). */
export const ALLOWED_ACTS: Record<AgencyStatus, readonly AgencyAct[]> = {
  registered: ['forward', 'receive', 'collect-fee', 'reassign'],
  forwarded: ['receive', 'collect-fee', 'reassign'],
  received: ['collect-fee', 'reassign'],
  concluded: ['return', 'collect-fee', 'reassign'],
  returned: ['notify', 'collect-fee', 'reassign'],
  notified: ['sign', 'collect-fee', 'reassign'],
  signed: [],
};

/** The acts that are the agent's own (the holder must do them); the rest are the township window's. */
export const AGENT_ACTS: ReadonlySet<string> = new Set<AgencyAct>(['forward', 'notify', 'sign', 'collect-fee']);

/** The roles of the township window, who do every act that is not the agent's own. */
export const WINDOW_ROLES: ReadonlySet<string> = new Set(['window_staff', 'director']);

/**
 * What this viewer may do to a request now: the status allows it, and an agent's own act is done by
 * the agent holding the request, any other act by the township window. The API sends it with every
 * request (allowedActs), and the agent app uses it offline as well.
 */
export function allowedAgencyActs(status: AgencyStatus, viewer: { staffId: string; role: string }, holderId: string): AgencyAct[] {
  return ALLOWED_ACTS[status].filter((act) =>
    AGENT_ACTS.has(act) ? viewer.role === 'agent' && viewer.staffId === holderId : WINDOW_ROLES.has(viewer.role),
  );
}

/** 代办编号: the device's prefix, the day and a sequence (A7K2-20261130-001), made offline without collisions. */
export const REQUEST_NO = /^[A-Z0-9]{4,8}-\d{8}-\d{3,5}$/;
