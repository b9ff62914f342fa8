import { CASE_STATUSES } from '../transitions.ts';

/**
 * 办件列表 (issue 11): the sorts, status groups and warning filters the list takes — the server's schema
 * and the console's filter bar read the same lists. Pure: no database, no clock.
 */
export const CASE_LIST_SORTS = ['due', 'received'] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];
/** A single status, or a group: `open` (the clock may run) and `finished` (办结 and after, 不予受理, 撤回). */
export const CASE_STATUS_FILTERS = [...CASE_STATUSES, 'open', 'finished'] as const;
export type CaseStatusFilter = (typeof CASE_STATUS_FILTERS)[number];
/** 电子监察 grades (shared/warning-level.ts), one at a time, or `overdue` (黄牌 and 红牌) or `any` (预警, 黄牌, 红牌). */
export const WARNING_FILTERS = ['none', 'pre', 'yellow', 'red', 'overdue', 'any'] as const;
export type WarningFilter = (typeof WARNING_FILTERS)[number];
/** 办理类型, as the case copied it from its item (DESIGN: 五类事项办理制). */
export const CASE_HANDLINGS = ['immediate', 'promised', 'joint', 'escalated', 'reply'] as const;
export const CASE_CHANNELS = ['window', 'online', 'agent'] as const;
/** The filters of the list, in the order the console keeps them in its address. */
export const CASE_LIST_FILTER_KEYS = [
  'q',
  'status',
  'warning',
  'orgId',
  'itemCode',
  'channel',
  'handling',
  'from',
  'to',
  'holder',
  'mine',
  'extension',
  'sort',
] as const;
