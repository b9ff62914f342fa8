import { z } from 'zod';

/** The overview of one org: a township's center, or the county (all its townships). */
export const OverviewQuery = z.strictObject({
  org: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,32}$/, '机构代码格式不正确')
    .optional()
    .describe('机构代码（县中心或乡镇便民服务中心）；省略时为本人所在机构'),
});
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/** Open cases by 电子监察 grade. */
export const WarningCounts = z.object({
  open: z.number().int().describe('未办结'),
  pre: z.number().int().describe('预警'),
  yellow: z.number().int().describe('黄牌（超期）'),
  red: z.number().int().describe('红牌（超期超过监察时限）'),
});
export type WarningCounts = z.infer<typeof WarningCounts>;

/** Counts of a period, from the case rollups (ADR 0028). */
export const PeriodFigures = z.object({
  received: z.number().int().describe('接件'),
  accepted: z.number().int().describe('受理'),
  refused: z.number().int().describe('不予受理'),
  supplementNotices: z.number().int().describe('一次性告知补正'),
  concluded: z.number().int().describe('办结'),
  concludedOnTime: z.number().int().describe('按时办结'),
  concludedLate: z.number().int().describe('超期办结'),
  granted: z.number().int().describe('准予'),
  denied: z.number().int().describe('不予'),
  onTimeRate: z.number().nullable().describe('按时办结率（0–1）；本期无办结时为 null'),
  averageWorkingDays: z.number().nullable().describe('受理到办结的平均工作日'),
});
export type PeriodFigures = z.infer<typeof PeriodFigures>;

export const TownshipFigures = WarningCounts.extend({
  orgId: z.string(),
  code: z.string(),
  name: z.string(),
  today: PeriodFigures,
  month: PeriodFigures,
  hallWaiting: z.number().int().describe('大厅正在等候的人数'),
});

export const DepartmentFigures = WarningCounts.extend({
  department: z.string().describe('事项的实施部门（站所）'),
  month: PeriodFigures,
});

export const ItemFigures = WarningCounts.extend({
  itemCode: z.string(),
  itemName: z.string(),
  department: z.string(),
  month: PeriodFigures,
});

export const ClerkFigures = WarningCounts.extend({
  holderId: z.string().nullable().describe('经办人；null 为尚未分配'),
  name: z.string(),
  orgId: z.string(),
});

export const OverviewView = z.object({
  org: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() }),
  today: z.string().describe('今天（北京时间的业务日期）'),
  monthFrom: z.string().describe('本月第一天'),
  cases: WarningCounts,
  onTimeRate: z.number().nullable().describe('本月按时办结率（0–1）'),
  todayFigures: PeriodFigures,
  monthFigures: PeriodFigures,
  trend: z.array(z.object({ date: z.string(), received: z.number().int(), concluded: z.number().int() })).describe('本月逐日接件、办结'),
  byTownship: z.array(TownshipFigures),
  byDepartment: z.array(DepartmentFigures),
  byItem: z.array(ItemFigures),
  byClerk: z.array(ClerkFigures).describe('经办人名下的未办结办件（按红牌、黄牌、预警排序）'),
  hallWaiting: z.number().int().describe('大厅正在等候的人数（所有中心）'),
  voice: z
    .object({
      ratings: z.number().int(),
      badRatings: z.number().int(),
      defaultedRatings: z.number().int(),
      satisfactionRate: z.number().nullable().describe('本月满意率（非常满意、满意、基本满意 / 评价数；默认评价不计）'),
      openRectifications: z.number().int().describe('差评整改中'),
      openComplaints: z.number().int().describe('投诉办理中（未答复）'),
    })
    .describe('好差评与投诉：本月评价、差评，整改中的差评和办理中的投诉'),
});
export type OverviewView = z.infer<typeof OverviewView>;
