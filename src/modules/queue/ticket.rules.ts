import { isResidentIdNumber } from '../../shared/identity.ts';
import type { BusinessDate } from '../../shared/business-date.ts';

/**
 * A ticket's life at the window (pure): 取号 → 叫号 (重呼) → 开始办理 → 办结, or 过号 (and, within the
 * center's limit, 过号重排), 转移 to another category or window, 取消 by the citizen, and 作废 when
 * the day ends. Source: the seeds' 一窗受理 hall practice; 过号重排 and 转窗 as queue systems do it.
 */
export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'finished', 'no_show', 'cancelled', 'expired'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  finished: '已办结',
  no_show: '已过号',
  cancelled: '已取消',
  expired: '已作废',
};

export const TICKET_ACTS = ['recall', 'start', 'no-show', 'transfer', 'finish', 'rejoin', 'cancel'] as const;
export type TicketAct = (typeof TICKET_ACTS)[number];

export const TICKET_ACT_LABELS: Record<TicketAct, string> = {
  recall: '重呼',
  start: '开始办理',
  'no-show': '过号',
  transfer: '转移',
  finish: '办结',
  rejoin: '重新排队',
  cancel: '取消',
};

const ACTS_BY_STATUS: Record<TicketStatus, readonly TicketAct[]> = {
  waiting: ['cancel'],
  called: ['recall', 'start', 'no-show', 'transfer', 'finish'],
  serving: ['transfer', 'finish'],
  finished: [],
  no_show: ['rejoin'],
  cancelled: [],
  expired: [],
};

/** The acts a ticket's status allows (the clerk's buttons; a refusal lists them). */
export function actsAllowed(status: TicketStatus, rejoinsLeft: number): TicketAct[] {
  return ACTS_BY_STATUS[status].filter((act) => act !== 'rejoin' || rejoinsLeft > 0);
}

/** Statuses that hold a place in the hall: a phone may have one such ticket per category. */
export const LIVE_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];

/** 2026-10-15, prefix A, 5 → "A005" (three digits, more when a category passes 999 in a day). */
export function formatTicketNo(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the hall screen names a citizen without disclosing the name. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(chars.length - 1, 1))}`;
}

/** Whole years of age on `today` from a 居民身份证 number's birth date (GB 11643), or null for anything else. */
export function ageFromIdNumber(idNumber: string, today: BusinessDate): number | null {
  if (!isResidentIdNumber(idNumber)) return null;
  const [year, month, day] = [Number(idNumber.slice(6, 10)), idNumber.slice(10, 12), idNumber.slice(12, 14)];
  const [thisYear, thisMonthDay] = [Number(today.slice(0, 4)), today.slice(5, 7) + today.slice(8, 10)];
  return thisYear - year - (thisMonthDay < month + day ? 1 : 0);
}

/** 老年人优先: an ID number showing at least `elderlyAge` years gives the elderly priority. */
export function isElderly(idNumber: string, today: BusinessDate, elderlyAge: number): boolean {
  const age = ageFromIdNumber(idNumber, today);
  return age !== null && age >= elderlyAge;
}

/**
 * 预计等候: people ahead × the recent average service time, shared by the windows open for the
 * category (at least one is counted, so a closed hall still gives an honest figure), in whole minutes.
 */
export function estimateWaitMinutes(ahead: number, averageServiceSeconds: number, openWindows: number): number {
  if (ahead <= 0) return 0;
  return Math.ceil((ahead * averageServiceSeconds) / Math.max(openWindows, 1) / 60);
}

/** Service time assumed before a category has any history (seeds: 即办件 served in about ten minutes). */
export const DEFAULT_SERVICE_SECONDS = 600;

/** The mean of recent service times, or the default when there are none. */
export function averageServiceSeconds(recent: readonly number[]): number {
  const usable = recent.filter((seconds) => seconds > 0);
  if (usable.length === 0) return DEFAULT_SERVICE_SECONDS;
  return Math.round(usable.reduce((sum, seconds) => sum + seconds, 0) / usable.length);
}

/**
 * 过号重排: the queue place of a rejoining ticket — just behind the `rejoinAfter`-th waiting ticket
 * (by queue place), or behind the last when fewer wait, or `now` when nobody waits.
 */
export function rejoinPlace(waitingPlaces: readonly number[], rejoinAfter: number, now: number): number {
  const sorted = [...waitingPlaces].sort((a, b) => a - b);
  if (sorted.length === 0) return now;
  const anchor = rejoinAfter === 0 ? undefined : sorted[Math.min(rejoinAfter, sorted.length) - 1];
  if (anchor === undefined) return Math.max((sorted[0] ?? now) - 1, 0);
  return anchor + 1;
}

/**
 * 无声叫号: of the waiting tickets in queue order, those now within `smsAhead` of the window that
 * left a phone and were not yet told.
 */
export function ticketsToNotify<T extends { phone: string; isNotifiedAhead: boolean }>(inOrder: readonly T[], smsAhead: number): T[] {
  if (smsAhead <= 0) return [];
  return inOrder.slice(0, smsAhead + 1).filter((ticket) => ticket.phone !== '' && !ticket.isNotifiedAhead);
}

/** The sentence the hall speaks and shows: 请 A005 号到 3 号窗口办理. */
export function callSentence(ticketNo: string, windowNumber: string): string {
  return `请 ${ticketNo} 号到 ${windowNumber} 号窗口办理`;
}

/** 评价器的五个等级 (national 好差评; the same codes as the agency's 签收满意度). */
export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const RATING_LABELS: Record<RatingLevel, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};
/** Points for averages in the figures: 非常满意 5 … 非常不满意 1. */
export const RATING_POINTS: Record<RatingLevel, number> = {
  very_satisfied: 5,
  satisfied: 4,
  basic: 3,
  dissatisfied: 2,
  very_dissatisfied: 1,
};

/** How long after service finished the pad still offers the rating (the citizen may be slow; the next one may not rate for them). */
export const RATING_OPEN_MINUTES = 10;
