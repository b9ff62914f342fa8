import { addCalendarDays, instantAt, type BusinessDate } from '../../../shared/business-date.ts';

/**
 * 督办单 (supervisionOrder): its states, who may do what, when it is late. Pure (ADR 0029).
 * open → answered (整改回告) → accepted; answered → returned (退回重办) → answered …
 */
export const ORDER_STATUSES = ['open', 'answered', 'returned', 'accepted'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTS = ['answer', 'accept', 'return'] as const;
export type OrderAct = (typeof ORDER_ACTS)[number];

/** What an order is about. Only cases and their steps are wired now; 整改 and 投诉 follow with their modules. */
export const ORDER_TARGET_KINDS = ['case', 'step', 'rectification', 'complaint'] as const;
export type OrderTargetKind = (typeof ORDER_TARGET_KINDS)[number];

export const ORDER_ADDRESSEE_KINDS = ['holder', 'staff', 'unit'] as const;
export type OrderAddresseeKind = (typeof ORDER_ADDRESSEE_KINDS)[number];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  open: '待回告',
  answered: '已回告待审核',
  returned: '已退回重办',
  accepted: '已办结',
};
export const ORDER_ACT_LABELS: Record<OrderAct, string> = { answer: '整改回告', accept: '审核通过', return: '退回重办' };

/** seeds: 督办件限期办结 — the county default when the issuer names no date (working days, ADR 0029). */
export const ORDER_DAYS_DEFAULT = 3;

const NEXT: Record<OrderStatus, Partial<Record<OrderAct, OrderStatus>>> = {
  open: { answer: 'answered' },
  returned: { answer: 'answered' },
  answered: { accept: 'accepted', return: 'returned' },
  accepted: {},
};

/** The acts the state allows, whoever asks. */
export function actsOf(status: OrderStatus): OrderAct[] {
  return ORDER_ACTS.filter((act) => NEXT[status][act] !== undefined);
}

/** The next state, or a refusal naming the acts the state allows. */
export function nextOrderStatus(status: OrderStatus, act: OrderAct): { status: OrderStatus } | { refused: OrderAct[] } {
  const next = NEXT[status][act];
  return next === undefined ? { refused: actsOf(status) } : { status: next };
}

/** Who is looking at an order: the answer belongs to its owner, the review to the supervising side. */
export interface OrderViewer {
  staffId: string;
  orgId: string;
  /** May issue and review orders (supervisor, county administrator, director). */
  canSupervise: boolean;
  /** May handle cases at the order's org (for an order addressed to a unit). */
  canHandle: boolean;
  isDirector: boolean;
}

export interface OrderParties {
  status: OrderStatus;
  orgId: string;
  addresseeKind: OrderAddresseeKind;
  addresseeStaffId: string | null;
}

/** 首问责任 / 责任追究: the addressee answers, or the director of its center on its behalf; a unit's order any of its handlers. */
export function isOwnerOf(order: OrderParties, viewer: OrderViewer): boolean {
  if (order.addresseeStaffId !== null && order.addresseeStaffId === viewer.staffId) return true;
  if (viewer.orgId !== order.orgId) return false;
  return viewer.isDirector || (order.addresseeKind === 'unit' && viewer.canHandle);
}

/** The acts this viewer may do now (the API's allowedActs). */
export function allowedOrderActs(order: OrderParties, viewer: OrderViewer): OrderAct[] {
  return actsOf(order.status).filter((act) => (act === 'answer' ? isOwnerOf(order, viewer) : viewer.canSupervise));
}

/** An order waiting for its owner after its due date is red (红色督办). */
export function isOrderOverdue(order: { status: OrderStatus; dueOn: BusinessDate }, today: BusinessDate): boolean {
  return (order.status === 'open' || order.status === 'returned') && today > order.dueOn;
}

/** When the escalation job must look at an order waiting for its owner: the first moment after its due date. */
export function nextCheckAt(order: { status: OrderStatus; dueOn: BusinessDate; isOverdue: boolean }): Date | null {
  if (order.isOverdue || !(order.status === 'open' || order.status === 'returned')) return null;
  return instantAt(addCalendarDays(order.dueOn, 1), '00:00');
}

/** Only a case or step that is late (黄牌/红牌) is supervised by order. */
export function isSupervisable(warning: string): warning is 'yellow' | 'red' {
  return warning === 'yellow' || warning === 'red';
}

/** 督〔2026〕7号: the order's number within its org and year. */
export function orderNumberOf(year: number, serial: number): string {
  return `督〔${String(year)}〕${String(serial)}号`;
}
