import { z } from 'zod';
import { RATING_CHANNELS, RATING_LEVELS } from './indicators.rules.ts';

const CaseNoField = z.string().trim().min(1, '请填写办件编号').max(40, '办件编号过长');
const CheckField = z.string().regex(/^\d{4}$/, '请输入申请人手机号后 4 位');

/** 群众评价 (portal tracking page, SMS link): one rating per concluded case (一事一评). */
export const PublicRatingBody = z.strictObject({
  caseNo: CaseNoField,
  check: CheckField,
  level: z.number({ message: '请选择评价等级' }).int().min(1, '评价等级为 1–5').max(5, '评价等级为 1–5'),
  indicators: z.record(z.string().max(40), z.number().int().min(1).max(5)).optional(),
  reasons: z.array(z.string().trim().min(1).max(40)).max(12, '理由最多 12 项').optional(),
  comment: z.string().trim().max(500, '意见最多 500 个字').optional(),
  channel: z.enum(['portal', 'sms']).default('portal'),
});
export type PublicRatingBody = z.infer<typeof PublicRatingBody>;

export const PublicRatingQuery = z.strictObject({ check: CheckField });
export const CaseNoParams = z.strictObject({ caseNo: CaseNoField });

/** What the citizen sees of their own rating and the answer to a 差评. */
export const PublicRatingStatusView = z.object({
  isRateable: z.boolean(),
  rating: z.object({ level: z.enum(RATING_LEVELS), levelLabel: z.string(), ratedOn: z.string(), isDefaulted: z.boolean() }).nullable(),
  rectification: z
    .object({
      stageLabel: z.string(),
      answer: z.string().nullable(),
      isAwaitingView: z.boolean(),
      raterView: z.enum(['satisfied', 'basic', 'dissatisfied']).nullable(),
    })
    .nullable(),
});
export type PublicRatingStatusView = z.infer<typeof PublicRatingStatusView>;

export const RaterViewBody = z.strictObject({
  check: CheckField,
  view: z.enum(['satisfied', 'basic', 'dissatisfied'], { message: '请选择对整改的评价' }),
});

export const RatingListQuery = z.strictObject({
  org: z
    .string()
    .regex(/^\d{12}$/, '服务中心应为 12 位区划代码')
    .optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
  level: z.enum(RATING_LEVELS).optional(),
});

/** A rating as staff see it: never the rater (only a supervisor's audited reveal names them). */
export const RatingView = z.object({
  id: z.string(),
  orgId: z.string(),
  channel: z.enum(RATING_CHANNELS),
  channelLabel: z.string(),
  level: z.enum(RATING_LEVELS),
  levelLabel: z.string(),
  isBad: z.boolean(),
  isDefaulted: z.boolean(),
  indicators: z.record(z.string(), z.number()),
  reasons: z.array(z.string()),
  comment: z.string(),
  caseNo: z.string().nullable(),
  ticketNo: z.string().nullable(),
  staffName: z.string().nullable(),
  windowNumber: z.string().nullable(),
  ratedAt: z.string(),
  ratedOn: z.string(),
});
export type RatingView = z.infer<typeof RatingView>;

export const RatingListView = z.object({
  ratings: z.array(RatingView),
  counts: z.object({
    total: z.number().int(),
    bad: z.number().int(),
    defaulted: z.number().int(),
    /** 差评整改率's numerator: the month's 差评 whose loop is closed (of the level asked, when one is). */
    rectified: z.number().int(),
  }),
});

export const RevealBody = z.strictObject({ reason: z.string().trim().min(2, '请填写查看理由（至少 2 个字）').max(200) });
export const RaterView = z.object({ raterName: z.string().nullable(), raterPhone: z.string().nullable() });
