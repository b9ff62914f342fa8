import { z } from 'zod';
import { isBusinessDate } from '../../../shared/business-date.ts';
import { CaseSummaryView } from '../schemas.ts';
import { CASE_CHANNELS, CASE_HANDLINGS, CASE_LIST_SORTS, CASE_STATUS_FILTERS, WARNING_FILTERS } from './rules.ts';

const DateField = z.string().refine(isBusinessDate, '日期格式应为 YYYY-MM-DD 且为真实日期');

/** The list's filters: everything but the page (what the to-do's sections link to). */
export const CaseListFilters = z.strictObject({
  q: z
    .string()
    .trim()
    .max(60, '搜索内容最多 60 个字')
    .optional()
    .describe('办件编号（完整，或至少 5 位的前缀）、申请人姓名（完整或前缀）、证件号码或手机号后 4 位（也可输入完整号码）'),
  status: z.enum(CASE_STATUS_FILTERS).optional().describe('办件状态，或 open（未办结）/ finished（已办结及终止）'),
  warning: z
    .enum(WARNING_FILTERS)
    .optional()
    .describe('电子监察：none 正常 · pre 预警 · yellow 黄牌 · red 红牌 · overdue 黄牌和红牌 · any 全部预警'),
  orgId: z.uuid().optional().describe('办理机构（乡镇便民服务中心或县中心）'),
  itemCode: z.string().trim().min(1).max(64).optional().describe('事项编码'),
  channel: z.enum(CASE_CHANNELS).optional().describe('渠道：window 窗口 · online 网上 · agent 村代办'),
  handling: z.enum(CASE_HANDLINGS).optional().describe('办理类型：即办件、承诺件、联办件、上报件、明确答复'),
  from: DateField.optional().describe('接件日期起（含）'),
  to: DateField.optional().describe('接件日期止（含）'),
  holder: z.uuid().optional().describe('经办人'),
  mine: z.enum(['true', 'false']).optional().describe('我的办件：本人经办的，和 AB岗 今日代岗同事的未办结办件'),
  extension: z.enum(['requested']).optional().describe('requested：有待中心主任审批的延期申请（第四十二条）'),
});
export type CaseListFilters = z.infer<typeof CaseListFilters>;

export const CaseListQuery = CaseListFilters.extend({
  sort: z.enum(CASE_LIST_SORTS).default('due').describe('due：期限近的在前（未办结的在前）· received：接件时间新的在前'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('上一页返回的 nextCursor（不透明）'),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const HolderView = z.object({ id: z.string(), name: z.string() });

/** A row of the case list: for a backup (AB岗) covering an absent colleague, whose case it is; and who holds it (经办人). */
export const CaseListItemView = CaseSummaryView.extend({
  backingUpFor: HolderView.nullable().describe(
    'AB岗: the absent assignee whose open case the caller covers today (the case stays assigned to them); otherwise null',
  ),
  holder: HolderView.nullable().describe('经办人: who holds the case now'),
});
export type CaseListItemView = z.infer<typeof CaseListItemView>;

export const CaseListPage = z.object({
  cases: z.array(CaseListItemView),
  nextCursor: z.string().nullable().describe('下一页的位置；null 表示没有更多'),
});
export type CaseListPage = z.infer<typeof CaseListPage>;
